import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  formatLabels,
  metricEnvRefs,
  nextDelay,
  parseRetryAfter,
  sleep
} from "./chunks/chunk-CNH2ODFC.js";
import {
  defaultProbeName,
  formatStatusList,
  measurementSchema,
  metricAnalysisSchema,
  parseStatusList,
  smokePolicySchema,
  statusMatches
} from "./chunks/chunk-I5LMU77L.js";
import {
  ConfigurationError,
  GateBlocked,
  collectRefs,
  durationSchema,
  errorMessage,
  formatDuration,
  hasTemplate,
  refText,
  renderDeep,
  renderTemplate,
  stringsIn,
  timeSpan
} from "./chunks/chunk-J6LLU5IG.js";
import {
  silentLogger
} from "./chunks/chunk-N4BXVGM5.js";
import {
  debug,
  error,
  getInput,
  group,
  info,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunks/chunk-4WOGUV5J.js";
import {
  checkScenario,
  scenarioPassedNote
} from "./chunks/chunk-523YGXLO.js";
import {
  describeSource,
  evaluateAssertion,
  getJsonPath,
  parseValueSource
} from "./chunks/chunk-VUTADBIV.js";
import {
  NEVER,
  _enum,
  _null,
  array,
  boolean,
  literal,
  number,
  object,
  record,
  string,
  union
} from "./chunks/chunk-OHNNMSQP.js";
import {
  httpRequest
} from "./chunks/chunk-HYXZD6JN.js";
import {
  REDACTED,
  Redactor,
  redactOutput,
  redactUrl,
  runSecrets,
  secretParts
} from "./chunks/chunk-6MQO5ODA.js";
import {
  USER_AGENT
} from "./chunks/chunk-5JZZYB2T.js";
import {
  HttpFailure
} from "./chunks/chunk-7POJXVZZ.js";
import "./chunks/chunk-ONBS6DE5.js";

// packages/core/src/bundle/bundle.ts
import { basename, dirname as dirname2, join, relative, resolve, sep } from "node:path";

// packages/core/src/report/file.ts
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

// packages/core/src/report/smoke-section.ts
var latencySchema = object({
  minMs: number(),
  p50Ms: number(),
  p95Ms: number(),
  maxMs: number()
});
var probeResultSchema = object({
  name: string(),
  type: _enum(["http", "ws", "tcp", "command", "prometheus"]),
  /** Redacted: no userinfo, no secret query values. */
  target: string(),
  verdict: _enum(["passed", "failed"]),
  dryRun: boolean(),
  attempts: number().int(),
  statusCodes: array(number().int()),
  latency: latencySchema.nullable(),
  /** WebSocket scripts: each send to its matching answer, over every attempt (null: none completed). */
  roundTrip: latencySchema.nullable().optional(),
  reason: string(),
  /** One line per failed assertion: expected and actual (secrets redacted). */
  failures: array(string()).default([]),
  /** Health format recognised in the body, if any. */
  healthFormat: string().optional(),
  warnings: array(string()).default([]),
  /** Metric probes: every measurement of the analysis window (time, value per series, verdict). */
  measurements: array(measurementSchema).optional(),
  /** Metric probes: the query as sent, the thresholds, the window and its counts. */
  analysis: metricAnalysisSchema.optional(),
  /** Bake time (`watch`): the re-runs after the probe first passed. */
  watch: object({
    windowMs: number(),
    intervalMs: number(),
    failureLimit: number().int(),
    runs: number().int(),
    failures: number().int(),
    /** Passed re-runs over all re-runs, 0 to 1. */
    passRate: number(),
    /** The slowest re-run (null: none completed). */
    worstLatencyMs: number().nullable(),
    /** Why the window ended early, when it did (the failure that went over the limit, cancellation). */
    endedEarly: string().optional()
  }).optional()
});
var capturedValueSchema = union([string(), number(), boolean(), _null()]);
var smokeSectionSchema = object({
  /** `error`: the step could not run (invalid input, unreadable probes file); `error` says why. */
  result: _enum(["passed", "failed", "error"]),
  /** Why the step could not run, when `result` is `error` (names the input and the fix). */
  error: string().optional(),
  startedAt: string(),
  finishedAt: string(),
  durationMs: number(),
  passedCount: number().int(),
  failedCount: number().int(),
  probes: array(probeResultSchema),
  /** `key=value` lines from command probes and values captured by scenario steps. */
  captured: record(string(), capturedValueSchema).default({}),
  /** Set when `expected-version` held http probes to a version: what, where it was read, how many probes. */
  expectedVersion: object({ version: string(), sources: array(string()), probes: number().int() }).optional(),
  /** Set when the run was cancelled (SIGTERM/SIGINT): a partial section. */
  cancelled: boolean().optional(),
  /** The policy the probes ran under, so a reader can tell what "failed after 3 attempts" meant. */
  policy: object({
    timeoutMs: number(),
    deadlineMs: number(),
    maxAttempts: number().int(),
    consecutiveSuccesses: number().int(),
    concurrency: number().int(),
    /** Wait before the first probe (`warmup`), when there was one. */
    warmupMs: number().optional(),
    /** Bake time, when there was one: the window, the pause between re-runs and the failures allowed. */
    watch: object({ windowMs: number(), intervalMs: number(), failureLimit: number().int() }).optional()
  }).optional()
});

// packages/core/src/report/webhook-sections.ts
var deliverySchema = object({
  type: string(),
  target: string(),
  deliveryId: string(),
  attempts: number().int(),
  statusCodes: array(number().int()),
  durationMs: number(),
  dryRun: boolean(),
  signed: boolean(),
  error: string().optional()
});
var webhookStateSchema = _enum(["accepted", "succeeded", "failed", "skipped_missing_webhook"]);
var deploySectionSchema = object({
  state: webhookStateSchema,
  startedAt: string(),
  finishedAt: string(),
  durationMs: number(),
  deploymentId: number().int().nullable().default(null),
  delivery: deliverySchema.nullable()
});
var rollbackSectionSchema = object({
  state: webhookStateSchema,
  rollbackRef: string().nullable(),
  /** The version the known-good deployment recorded (`payload.version`); null when unknown. */
  rollbackVersion: string().nullable().optional(),
  /** The rolled-back release's GitHub deployment, marked `failure` when the rollback was sent. */
  deploymentId: number().int().nullable().optional(),
  reason: string(),
  drill: boolean(),
  startedAt: string(),
  finishedAt: string(),
  durationMs: number(),
  delivery: deliverySchema.nullable()
});
var rollbackCallbackSectionSchema = object({
  state: _enum(["verified", "failed", "skipped_missing_webhook"]),
  startedAt: string(),
  finishedAt: string(),
  durationMs: number(),
  smoke: smokeSectionSchema.nullable(),
  delivery: deliverySchema.nullable()
});
var metricsCallbackSectionSchema = object({
  state: webhookStateSchema,
  startedAt: string(),
  finishedAt: string(),
  durationMs: number(),
  delivery: deliverySchema.nullable()
});

// packages/core/src/report/schema.ts
var REPORT_SCHEMA_VERSION = 1;
var runInfoSchema = object({
  repository: string().nullable(),
  id: string().nullable(),
  attempt: number().int().nullable(),
  url: string().nullable(),
  actor: string().nullable(),
  workflow: string().nullable()
});
var verdictSchema = object({
  value: _enum(["promote", "blocked"]),
  reasons: array(string()),
  decidedAt: string()
});
var evidenceFileSchema = object({
  path: string(),
  bytes: number().int(),
  sha256: string().regex(/^[0-9a-f]{64}$/)
});
var releaseGateReportSchema = object({
  schemaVersion: literal(REPORT_SCHEMA_VERSION),
  environment: string(),
  service: string(),
  ref: string().nullable(),
  sha: string().nullable(),
  version: string().nullable(),
  run: runInfoSchema,
  startedAt: string(),
  updatedAt: string(),
  deploy: deploySectionSchema.optional(),
  smoke: smokeSectionSchema.optional(),
  rollback: rollbackSectionSchema.optional(),
  rollbackCallback: rollbackCallbackSectionSchema.optional(),
  metricsCallback: metricsCallbackSectionSchema.optional(),
  verdict: verdictSchema.optional(),
  evidence: object({ files: array(evidenceFileSchema) }).optional()
});

// packages/core/src/report/file.ts
async function readJsonFile(path, schema, what, options = {}) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error2) {
    if (error2.code === "ENOENT" && options.optional) return void 0;
    throw new ConfigurationError(`${what} '${path}' cannot be read: ${error2.message}`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error2) {
    throw new ConfigurationError(`${what} '${path}' is not valid JSON: ${error2.message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join(".") : "(root)";
    throw new ConfigurationError(
      `${what} '${path}' does not match its schema: field '${field}': ${issue?.message}`
    );
  }
  return parsed.data;
}
var tempCounter = 0;
async function writeOutputFile(path, text) {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${++tempCounter}.tmp`;
  await writeFile(temp, redactOutput(text));
  await rename(temp, path);
}
function writeJsonFile(path, data) {
  return writeOutputFile(path, `${JSON.stringify(data, null, 2)}
`);
}
function mergeReportSection(path, identity, section, value, now = /* @__PURE__ */ new Date()) {
  const previous = mergeQueue.get(path) ?? Promise.resolve();
  const next = previous.catch(() => {
  }).then(() => mergeNow(path, identity, section, value, now));
  mergeQueue.set(path, next);
  return next;
}
var mergeQueue = /* @__PURE__ */ new Map();
async function mergeNow(path, identity, section, value, now) {
  const existing = await readJsonFile(path, releaseGateReportSchema, "release-gate report", {
    optional: true
  });
  const stamp = now.toISOString();
  const base = existing ?? {
    schemaVersion: REPORT_SCHEMA_VERSION,
    ...identity,
    startedAt: stamp,
    updatedAt: stamp
  };
  const merged = {
    ...base,
    ref: base.ref ?? identity.ref,
    sha: base.sha ?? identity.sha,
    version: base.version ?? identity.version,
    updatedAt: stamp,
    [section]: value
  };
  await writeJsonFile(path, merged);
  return merged;
}

// packages/core/src/bundle/bundle.ts
var STEP_LOGS_DIR = "logs";
function stepLogPath(reportPath, step) {
  return join(dirname2(reportPath), STEP_LOGS_DIR, `${step.replace(/[^A-Za-z0-9._-]+/g, "-")}.log`);
}

// packages/core/src/yaml.ts
async function parseYaml(text) {
  const { parse } = await import("./chunks/yaml-parser-KNA74PYR.js");
  return parse(text);
}

// packages/core/src/report/context.ts
function runInfoFromEnv(env = process.env) {
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  const repository = env.GITHUB_REPOSITORY ?? null;
  const id = env.GITHUB_RUN_ID ?? null;
  const attempt = env.GITHUB_RUN_ATTEMPT ? Number(env.GITHUB_RUN_ATTEMPT) : null;
  return {
    repository,
    id,
    attempt,
    url: repository && id ? `${server}/${repository}/actions/runs/${id}${attempt ? `/attempts/${attempt}` : ""}` : null,
    actor: env.GITHUB_ACTOR ?? null,
    workflow: env.GITHUB_WORKFLOW ?? null
  };
}
function reportIdentity(fields, env = process.env) {
  return {
    environment: fields.environment,
    service: fields.service ?? env.GITHUB_REPOSITORY?.split("/")[1] ?? "service",
    ref: fields.ref ?? env.GITHUB_REF ?? null,
    sha: fields.sha ?? env.GITHUB_SHA ?? null,
    version: fields.version ?? null,
    run: runInfoFromEnv(env)
  };
}
function workspacePath(path, env = process.env) {
  if (path.startsWith("/")) return path;
  return `${env.GITHUB_WORKSPACE ?? process.cwd()}/${path}`;
}

// packages/core/src/specs/report-path.ts
var DEFAULT_REPORT_PATH = "release-gate/report.json";
var reportPathInput = string().transform((raw, ctx) => {
  const value = raw === "" ? DEFAULT_REPORT_PATH : raw;
  if (/[\r\n]/.test(value) || value.endsWith("/")) {
    ctx.addIssue({ code: "custom", message: "must be a file path" });
    return NEVER;
  }
  return value;
});

// packages/core/src/webhooks/idempotency.ts
import { createHash, randomUUID } from "node:crypto";
function idempotencyKey(parts) {
  const material = JSON.stringify([
    parts.repository ?? "",
    parts.runId ?? "",
    String(parts.runAttempt ?? ""),
    parts.environment,
    parts.service,
    parts.type,
    parts.sha ?? ""
  ]);
  return `msg_${createHash("sha256").update(material).digest("hex").slice(0, 32)}`;
}
function isValidIdempotencyKey(key) {
  return /^[\x21-\x7e]{1,255}$/.test(key);
}

// packages/core/src/gate/context.ts
function gateContext(identity, options) {
  return {
    identity,
    common: {
      environment: identity.environment,
      service: identity.service,
      ref: identity.ref,
      sha: identity.sha,
      version: identity.version,
      runUrl: identity.run.url,
      drill: options.drill
    },
    reportPath: options.reportPath,
    keyFor: (type) => options.idempotencyKey ?? idempotencyKey({
      repository: identity.run.repository,
      runId: identity.run.id ?? options.oneOffRunId ?? null,
      runAttempt: identity.run.attempt,
      environment: identity.environment,
      service: identity.service,
      type,
      sha: identity.sha
    })
  };
}
function runnerGateContext(inputs, env = process.env) {
  return gateContext(reportIdentity(inputs, env), {
    drill: inputs.drill,
    idempotencyKey: inputs["idempotency-key"],
    reportPath: workspacePath(inputs["report-path"] ?? DEFAULT_REPORT_PATH, env)
  });
}

// packages/core/src/gate/delivery.ts
function maskExtra(host, secrets) {
  for (const secret of secrets) {
    host.mask?.(secret);
    runSecrets.add(secret, "token");
  }
  return secrets;
}

// packages/core/src/list.ts
function splitList(text) {
  const parts = typeof text === "string" ? text.split(/[\n,]/) : text.flatMap((t) => t.split(/[\n,]/));
  return parts.map((part) => part.trim()).filter(Boolean);
}

// packages/core/src/webhooks/signing.ts
import { createHmac, timingSafeEqual } from "node:crypto";
var DEFAULT_TOLERANCE_SECONDS = 5 * 60;
var SECRET_PREFIX = "whsec_";
function signingKey(secret) {
  if (secret.startsWith(SECRET_PREFIX)) {
    const encoded = secret.slice(SECRET_PREFIX.length);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
      throw new ConfigurationError(
        'the signing secret starts with whsec_ but the rest is not base64; generate one with: echo "whsec_$(openssl rand -base64 32)"'
      );
    }
    return Buffer.from(encoded, "base64");
  }
  return Buffer.from(secret, "utf8");
}
function signingSecretProblem(secret) {
  try {
    if (signingKey(secret).length < 8) return "is too short: use at least 8 bytes (24 or more recommended)";
  } catch (error2) {
    return error2.message;
  }
  return void 0;
}
function sign(secret, id, timestampSeconds, body) {
  const mac = createHmac("sha256", signingKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest();
  return `v1,${mac.toString("base64")}`;
}
function signatureHeaders(secret, id, body, now = Date.now()) {
  const timestamp = Math.floor(now / 1e3);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": sign(secret, id, timestamp, body)
  };
}

// packages/core/src/inputs/schemas.ts
var optionalString = string().transform((v) => v === "" ? void 0 : v);
var requiredString = string().min(1, { message: "is required" });
var nowInput = string().transform((raw, ctx) => {
  if (raw === "") return /* @__PURE__ */ new Date();
  const ms2 = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms2)) {
    ctx.addIssue({ code: "custom", message: "must be an ISO 8601 timestamp with a time zone" });
    return NEVER;
  }
  return new Date(ms2);
});
var booleanInput = (fallback) => string().transform((raw, ctx) => {
  if (raw === "") return fallback;
  if (["true", "True", "TRUE"].includes(raw)) return true;
  if (["false", "False", "FALSE"].includes(raw)) return false;
  ctx.addIssue({ code: "custom", message: "must be true or false" });
  return NEVER;
});
var durationInput = (fallback) => string().transform((raw, ctx) => {
  const parsed = durationSchema.safeParse(raw === "" ? fallback : raw);
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "not a duration" });
    return NEVER;
  }
  return parsed.data;
});
var integerInput = (fallback, min, max) => string().transform((raw, ctx) => {
  if (raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}` });
    return NEVER;
  }
  return Number(raw);
});
var urlInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
    return url.toString();
  } catch {
    ctx.addIssue({ code: "custom", message: "must be an http:// or https:// URL" });
    return NEVER;
  }
});
var deploymentIdInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  if (!/^\d+$/.test(raw)) {
    ctx.addIssue({ code: "custom", message: "must be a numeric GitHub deployment id" });
    return NEVER;
  }
  return Number(raw);
});
var headersInput = string().transform((raw, ctx) => {
  const headers = {};
  for (const [index, line] of raw.split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    const match = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(line.trim());
    if (!match) {
      ctx.addIssue({ code: "custom", message: `line ${index + 1} is not 'Name: value'` });
      return NEVER;
    }
    headers[match[1]] = match[2];
  }
  return headers;
});
var listInput = (fallback = []) => string().transform((raw) => {
  const items = splitList(raw);
  return items.length ? items : [...fallback];
});
var urlListInput = listInput().transform((items, ctx) => {
  const bad = items.filter((item) => urlInput.safeParse(item).success === false);
  if (bad.length) {
    ctx.addIssue({ code: "custom", message: `not an http:// or https:// URL: ${bad.join(", ")}` });
    return NEVER;
  }
  return items;
});
var signingSecretInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  const problem = signingSecretProblem(raw);
  if (problem) {
    ctx.addIssue({ code: "custom", message: problem });
    return NEVER;
  }
  return raw;
});

// packages/core/src/specs/webhook.ts
var webhookUrlInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
    return raw;
  } catch {
    ctx.addIssue({ code: "custom", message: "must be an http:// or https:// URL" });
    return NEVER;
  }
});
function urlSecretForms(raw) {
  return secretParts(raw, "url").filter((part) => part !== raw);
}
var idempotencyKeyInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  if (!isValidIdempotencyKey(raw)) {
    ctx.addIssue({ code: "custom", message: "must be 1 to 255 printable characters without spaces" });
    return NEVER;
  }
  return raw;
});
var maxAttemptsInput = integerInput(5, 1, 20);
var webhookInputSpecs = {
  "webhook-url": {
    schema: webhookUrlInput,
    example: "${{ secrets.DEPLOY_WEBHOOK_URL }}",
    secret: true,
    env: "RELEASE_GATE_WEBHOOK_URL"
  },
  "signing-secret": {
    schema: signingSecretInput,
    example: "${{ secrets.RELEASE_GATE_SIGNING_SECRET }}",
    secret: true,
    env: "RELEASE_GATE_SIGNING_SECRET"
  },
  "bearer-token": {
    schema: optionalString,
    example: "${{ secrets.DEPLOY_TOKEN }}",
    secret: true,
    env: "RELEASE_GATE_BEARER_TOKEN"
  },
  "idempotency-key": { schema: idempotencyKeyInput, example: "shop-prod-${{ github.run_id }}" },
  environment: { schema: requiredString, example: "production" },
  service: { schema: optionalString, example: "shop" },
  ref: { schema: optionalString, example: "${{ github.ref }}" },
  sha: { schema: optionalString, example: "${{ github.sha }}" },
  version: { schema: optionalString, example: "1.4.2" },
  drill: { schema: booleanInput(false), example: "false", flag: "boolean" },
  timeout: { schema: durationInput("10s"), example: "10s" },
  deadline: { schema: durationInput("2m"), example: "2m" },
  "max-attempts": { schema: maxAttemptsInput, example: "5" },
  "dry-run": { schema: booleanInput(false), example: "true", flag: "boolean" },
  "report-path": { schema: optionalString, example: "release-gate/report.json" }
};
var waitInputSpecs = {
  wait: { schema: booleanInput(false), example: "true", flag: "boolean" },
  "poll-interval": { schema: durationInput("2s"), example: "2s" }
};

// packages/core/src/webhooks/client.ts
var TERMINAL = /* @__PURE__ */ new Set(["succeeded", "failed"]);
function maskedTarget(raw) {
  try {
    const url = new URL(raw);
    const shown = url.pathname === "/" && !url.search ? url.origin : `${url.origin}/${REDACTED}`;
    const parts = new Redactor();
    parts.add(raw, "public-url");
    return parts.redact(shown);
  } catch {
    return REDACTED;
  }
}
function locationUrl(location, base) {
  try {
    return new URL(location, base).toString();
  } catch {
    return location;
  }
}
function prepareRequest(options, now = Date.now()) {
  const body = JSON.stringify(options.event);
  const headers = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "idempotency-key": options.idempotencyKey,
    "webhook-id": options.idempotencyKey
  };
  if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
  if (options.signingSecret) {
    Object.assign(headers, signatureHeaders(options.signingSecret, options.idempotencyKey, body, now));
  }
  return { method: "POST", url: options.url, headers, body, signed: Boolean(options.signingSecret) };
}
function describeRequest(request) {
  const lines = [`${request.method} ${maskedTarget(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) {
    lines.push(`${name}: ${name === "authorization" ? `Bearer ${REDACTED}` : value}`);
  }
  lines.push("", request.body);
  return lines.join("\n");
}
function bodyExcerpt(body, redactor, maxLines = 5, maxChars = 400) {
  const text = redactor.redact(body.toString("utf8")).trim();
  if (!text) return "(empty body)";
  const lines = text.split(/\r?\n/).slice(0, maxLines);
  const joined = lines.join(" | ");
  return joined.length > maxChars ? `${joined.slice(0, maxChars)}\u2026` : joined;
}
function parseJson(body) {
  try {
    const value = JSON.parse(body.toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? value : void 0;
  } catch {
    return void 0;
  }
}
async function sendWebhook(options) {
  const logger = options.logger ?? silentLogger;
  const label = options.label ?? `${options.event.type} webhook`;
  const redactor = new Redactor();
  const own = [options.idempotencyKey];
  const secret = (value, kind) => {
    redactor.add(value, kind, own);
    runSecrets.add(value, kind, own);
  };
  secret(options.url, "url");
  secret(options.bearerToken, "token");
  secret(options.signingSecret, "signing-secret");
  for (const extra of options.extraSecrets ?? []) secret(extra, "auto");
  const shown = (url) => redactor.redact(maskedTarget(url));
  const started = performance.now();
  const deadlineAt = Date.now() + options.deadlineMs;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const statusCodes = [];
  const target2 = shown(options.url);
  const delivery = (attempts2, error2) => ({
    type: options.event.type,
    target: target2,
    deliveryId: options.idempotencyKey,
    attempts: attempts2,
    statusCodes: [...statusCodes],
    durationMs: Math.round(performance.now() - started),
    dryRun: Boolean(options.dryRun),
    signed: Boolean(options.signingSecret),
    ...error2 ? { error: error2 } : {}
  });
  if (options.dryRun) {
    const text = describeRequest(prepareRequest(options));
    logger.info(`dry-run: ${label} not sent; the request would be:
${text}`);
    return {
      state: "accepted",
      deliveryId: options.idempotencyKey,
      delivery: delivery(0),
      message: `dry-run: ${label} not sent`,
      dryRunText: text
    };
  }
  const fail = (attempts2, message, status) => {
    const clean = redactor.redact(message);
    return {
      state: "failed",
      deliveryId: options.idempotencyKey,
      delivery: delivery(attempts2, clean),
      status,
      message: `${label} failed: ${clean}`
    };
  };
  let response;
  let attempt = 0;
  let lastProblem = "";
  for (attempt = 1; attempt <= maxAttempts; attempt++) {
    const remaining = deadlineAt - Date.now();
    if (remaining <= 0) break;
    const request = prepareRequest(options);
    const timeoutMs = Math.min(options.timeoutMs, remaining);
    let retryAfterMs;
    try {
      const answer = await httpRequest({
        url: request.url,
        method: request.method,
        headers: request.headers,
        body: request.body,
        timeoutMs,
        signal: options.signal,
        bodyLimit: 64 * 1024
      });
      statusCodes.push(answer.status);
      if (answer.status >= 200 && answer.status < 300) {
        response = answer;
        break;
      }
      if (answer.status >= 300 && answer.status < 400) {
        return fail(
          attempt,
          `HTTP ${answer.status}: the webhook answered with a redirect, which webhooks never follow; use the final URL${answer.headers.location ? ` (Location: ${shown(locationUrl(answer.headers.location, options.url))})` : ""}`,
          answer.status
        );
      }
      if (answer.status === 409) {
        return fail(
          attempt,
          `HTTP 409: the receiver already holds a different event under Idempotency-Key ${options.idempotencyKey} (a key reused for another type or body; not retried): ${bodyExcerpt(answer.body, redactor)}`,
          answer.status
        );
      }
      const retryable = answer.status >= 500 || answer.status === 429 || answer.status === 408;
      if (!retryable) {
        return fail(
          attempt,
          `HTTP ${answer.status} (not retried: a 4xx means the request itself is wrong): ${bodyExcerpt(answer.body, redactor)}`,
          answer.status
        );
      }
      retryAfterMs = parseRetryAfter(answer.headers["retry-after"]);
      lastProblem = `HTTP ${answer.status}${retryAfterMs !== void 0 ? ` (Retry-After ${formatDuration(retryAfterMs)})` : ""}: ${bodyExcerpt(answer.body, redactor, 1, 160)}`;
    } catch (error2) {
      if (error2 instanceof HttpFailure && error2.kind === "aborted") {
        return fail(attempt, "cancelled");
      }
      lastProblem = error2 instanceof HttpFailure ? error2.message : errorMessage(error2);
      if (error2 instanceof HttpFailure && error2.kind === "timeout" && timeoutMs < options.timeoutMs) {
        lastProblem += " (the last attempt was cut short by the deadline)";
      }
    }
    if (attempt >= maxAttempts) break;
    const delay = nextDelay({ attempt, retryAfterMs, deadlineAt, baseMs: options.retryBaseMs ?? 500 });
    if (delay === void 0) {
      logger.warning(
        `${label}: attempt ${attempt} failed (${redactor.redact(lastProblem)}); no time left before the deadline for another attempt`
      );
      break;
    }
    logger.info(
      `${label}: attempt ${attempt} failed (${redactor.redact(lastProblem)}); retrying in ${formatDuration(delay)}`
    );
    await sleep(delay, options.signal);
    if (options.signal?.aborted) return fail(attempt, "cancelled");
  }
  if (!response) {
    const attempts2 = Math.min(attempt, maxAttempts);
    return fail(
      attempts2,
      `${lastProblem || "no attempt could be made before the deadline"} (${attempts2} attempt${attempts2 === 1 ? "" : "s"} in ${formatDuration(performance.now() - started)}; timeout ${formatDuration(options.timeoutMs)} per attempt, deadline ${formatDuration(options.deadlineMs)})`,
      statusCodes.at(-1)
    );
  }
  const json = parseJson(response.body);
  const location = response.headers.location ?? (typeof json?.statusUrl === "string" ? json.statusUrl : "");
  const immediateState = typeof json?.state === "string" ? json.state : void 0;
  const attempts = attempt;
  const base = {
    deliveryId: options.idempotencyKey,
    status: response.status
  };
  if (immediateState && TERMINAL.has(immediateState)) {
    const state = immediateState;
    return {
      ...base,
      state,
      delivery: delivery(attempts, state === "failed" ? "the webhook reported state failed" : void 0),
      polledState: redactor.redact(immediateState),
      message: redactor.redact(`${label} answered HTTP ${response.status} with state ${immediateState}`)
    };
  }
  if (!options.wait) {
    return {
      ...base,
      state: "accepted",
      delivery: delivery(attempts),
      statusUrl: location ? shown(locationUrl(location, options.url)) : void 0,
      message: `${label} accepted (HTTP ${response.status}, ${attempts} attempt${attempts === 1 ? "" : "s"})`
    };
  }
  if (!location) {
    logger.warning(
      `${label}: wait is set but the webhook gave no status URL (Location header or statusUrl in its JSON answer); treating HTTP ${response.status} as accepted`
    );
    return {
      ...base,
      state: "accepted",
      delivery: delivery(attempts),
      message: `${label} accepted (HTTP ${response.status}); no status URL to wait on`
    };
  }
  let statusUrl;
  try {
    statusUrl = new URL(location, options.url).toString();
  } catch {
    return fail(attempts, `the status URL the webhook answered with is not a URL`, response.status);
  }
  secret(statusUrl, "url");
  const polled = await pollStatus({
    statusUrl,
    sameOrigin: new URL(statusUrl).origin === new URL(options.url).origin,
    bearerToken: options.bearerToken,
    timeoutMs: options.timeoutMs,
    deadlineAt,
    intervalMs: options.pollIntervalMs ?? 2e3,
    logger,
    label,
    redactor,
    signal: options.signal
  });
  const shownStatusUrl = shown(statusUrl);
  if (polled.state === "succeeded" || polled.state === "failed") {
    return {
      ...base,
      state: polled.state,
      delivery: delivery(attempts, polled.state === "failed" ? polled.message : void 0),
      statusUrl: shownStatusUrl,
      polledState: polled.state,
      message: `${label}: ${polled.message}`
    };
  }
  return {
    ...base,
    state: "failed",
    delivery: delivery(attempts, polled.message),
    statusUrl: shownStatusUrl,
    polledState: polled.lastState === void 0 ? void 0 : redactor.redact(polled.lastState),
    message: `${label} failed: ${polled.message}`
  };
}
async function pollStatus(options) {
  const headers = { accept: "application/json", "user-agent": USER_AGENT };
  if (options.bearerToken && options.sameOrigin) headers.authorization = `Bearer ${options.bearerToken}`;
  let lastState;
  let lastProblem = "";
  let polls = 0;
  while (true) {
    const remaining = options.deadlineAt - Date.now();
    if (remaining <= 0) break;
    polls += 1;
    try {
      const answer = await httpRequest({
        url: options.statusUrl,
        headers,
        timeoutMs: Math.min(options.timeoutMs, remaining),
        signal: options.signal,
        bodyLimit: 64 * 1024
      });
      if (answer.status >= 200 && answer.status < 300) {
        const state = parseJson(answer.body)?.state;
        if (typeof state === "string") {
          if (state !== lastState)
            options.logger.info(options.redactor.redact(`${options.label}: status is ${state}`));
          lastState = state;
          if (state === "succeeded") return { state, message: `succeeded (after ${polls} status polls)` };
          if (state === "failed") return { state, message: `the status URL reported state failed` };
        } else {
          lastProblem = 'the status answer has no string "state" field';
        }
      } else if (answer.status >= 400 && answer.status < 500 && answer.status !== 429 && answer.status !== 408) {
        return {
          state: "failed",
          lastState,
          message: `the status URL answered HTTP ${answer.status}: ${bodyExcerpt(answer.body, options.redactor)}`
        };
      } else {
        lastProblem = `status URL answered HTTP ${answer.status}`;
      }
    } catch (error2) {
      if (error2 instanceof HttpFailure && error2.kind === "aborted") {
        return { state: "unfinished", lastState, message: "cancelled while waiting for completion" };
      }
      lastProblem = `status URL: ${errorMessage(error2)}`;
    }
    const wait = Math.min(options.intervalMs, options.deadlineAt - Date.now());
    if (wait <= 0) break;
    await sleep(wait, options.signal);
    if (options.signal?.aborted)
      return { state: "unfinished", lastState, message: "cancelled while waiting for completion" };
  }
  return {
    state: "unfinished",
    lastState,
    message: options.redactor.redact(
      `not finished by the deadline (last state: ${lastState ?? "unknown"}${lastProblem ? `; ${lastProblem}` : ""})`
    )
  };
}

// packages/core/src/webhooks/payload.ts
var WEBHOOK_TYPES = [
  "deploy.requested",
  "rollback.requested",
  "rollback.verify",
  "release_gate.callback"
];
var commonDataSchema = object({
  environment: string().min(1),
  service: string().min(1),
  ref: string().nullable(),
  sha: string().nullable(),
  version: string().nullable(),
  runUrl: string().nullable(),
  /** A drill: receivers rehearse without acting. */
  drill: boolean()
});
var deployDataSchema = commonDataSchema.extend({ wait: boolean() });
var rollbackDataSchema = commonDataSchema.extend({
  rollbackRef: string().nullable(),
  reason: string()
});
var verifyDataSchema = commonDataSchema.extend({
  rollbackRef: string().nullable(),
  smokeResult: _enum(["passed", "failed", "error"])
});
var callbackDataSchema = commonDataSchema.extend({
  rollbackCallbackState: _enum(["verified", "failed", "skipped_missing_webhook"]),
  rollbackState: string().nullable(),
  durationMs: number().nonnegative()
});
var webhookEventSchema = object({
  type: _enum(WEBHOOK_TYPES),
  timestamp: string().min(1),
  data: commonDataSchema.passthrough()
});
function buildEvent(type, data, now = /* @__PURE__ */ new Date()) {
  return { type, timestamp: now.toISOString(), data };
}

// packages/core/src/gate/host.ts
var PartialReport = class {
  #write;
  /** From now on a cancel writes `value()` (called then, so its time span ends at the cancel). */
  pending(context, section, value) {
    const path = context.reportPath;
    this.#write = path ? () => mergeReportSection(path, context.identity, section, value()) : void 0;
  }
  settle() {
    this.#write = void 0;
  }
  /** Writes the pending section, if any, once; true when there was one (the step had not finished). */
  async write() {
    const write = this.#write;
    this.#write = void 0;
    await write?.();
    return write !== void 0;
  }
};

// packages/core/src/probes/engine.ts
import { setMaxListeners } from "node:events";

// packages/core/src/health/types.ts
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function withComponents(prefix, components) {
  if (!components.length) return prefix;
  const shown = components.slice(0, 10).join(", ");
  const more = components.length > 10 ? ` and ${components.length - 10} more` : "";
  return `${prefix}: ${shown}${more}`;
}

// packages/core/src/health/actuator.ts
var ACTUATOR_STATUSES = ["UP", "DOWN", "OUT_OF_SERVICE", "UNKNOWN"];
var interpretActuator = (input) => {
  const doc = input.json;
  const byType = input.contentType.startsWith("application/vnd.spring-boot.actuator");
  const raw = isRecord(doc) && typeof doc.status === "string" ? doc.status : void 0;
  const known = raw !== void 0 && ACTUATOR_STATUSES.includes(raw.toUpperCase());
  if (!byType && !known) return void 0;
  if (!raw) {
    return {
      format: "actuator",
      status: "fail",
      raw: "(missing)",
      components: [],
      summary: "actuator body has no status field"
    };
  }
  const upper = raw.toUpperCase();
  const status = upper === "UP" ? "pass" : "fail";
  const components = status === "fail" ? failingComponents(doc, "") : [];
  return {
    format: "actuator",
    status,
    raw: upper,
    components,
    summary: withComponents(`actuator status ${upper}`, components)
  };
};
function failingComponents(node, prefix) {
  if (!isRecord(node)) return [];
  const children = isRecord(node.components) ? node.components : isRecord(node.details) ? node.details : {};
  const names = [];
  for (const [name, child] of Object.entries(children)) {
    if (!isRecord(child) || typeof child.status !== "string") continue;
    if (child.status.toUpperCase() === "UP") continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const nested = failingComponents(child, path);
    names.push(...nested.length ? nested : [path]);
  }
  return names;
}

// packages/core/src/health/health-json.ts
var interpretHealthJson = (input) => {
  if (!input.contentType.startsWith("application/health+json")) return void 0;
  const doc = input.json;
  const raw = isRecord(doc) && typeof doc.status === "string" ? doc.status : void 0;
  const status = raw === void 0 ? void 0 : normalise(raw);
  if (!raw || !status) {
    return {
      format: "health+json",
      status: "fail",
      raw: raw ?? "(missing)",
      components: [],
      summary: raw ? `health+json status '${raw}' is not pass, warn or fail` : "health+json body has no status field"
    };
  }
  const components = [];
  if (status !== "pass" && isRecord(doc) && isRecord(doc.checks)) {
    for (const [key, checks] of Object.entries(doc.checks)) {
      const list = Array.isArray(checks) ? checks : [checks];
      const bad = list.some((check) => {
        const value = isRecord(check) && typeof check.status === "string" ? normalise(check.status) : void 0;
        return value === "fail" || status === "warn" && value === "warn";
      });
      if (bad) components.push(key);
    }
  }
  return {
    format: "health+json",
    status,
    raw,
    components,
    summary: withComponents(`health+json status ${raw}`, components)
  };
};
function normalise(value) {
  const lower = value.toLowerCase();
  if (lower === "pass" || lower === "ok" || lower === "up") return "pass";
  if (lower === "warn") return "warn";
  if (lower === "fail" || lower === "error" || lower === "down") return "fail";
  return void 0;
}

// packages/core/src/health/readyz.ts
var CHECK_LINE = /^\[([+-])\]\s*([^\s]+)\s*(.*)$/;
var interpretReadyz = (input) => {
  if (input.json !== void 0) return void 0;
  if (input.contentType && !input.contentType.startsWith("text/")) return void 0;
  const lines = input.body.split(/\r?\n/).map((line) => line.trim());
  const checks = lines.map((line) => CHECK_LINE.exec(line)).filter((m) => m !== null);
  if (!checks.length) return void 0;
  const failing = checks.filter((m) => m[1] === "-").map((m) => m[2]);
  const closing = lines.find((line) => /^\w+ check (passed|failed)$/.test(line));
  const failedByClosing = closing?.endsWith("failed") ?? false;
  const status = failing.length || failedByClosing ? "fail" : "pass";
  const what = closing?.split(" ")[0] ?? "readyz";
  let summary2 = `${what} check ${status === "pass" ? "passed" : "failed"}`;
  if (failing.length) {
    const shown = failing.slice(0, 10).join(", ");
    summary2 += `: [-] ${shown}${failing.length > 10 ? ` and ${failing.length - 10} more` : ""}`;
  }
  return {
    format: "readyz",
    status,
    raw: status === "pass" ? "[+]" : "[-]",
    components: failing,
    summary: summary2
  };
};

// packages/core/src/health/index.ts
var HEALTH_INTERPRETERS = [
  interpretHealthJson,
  interpretActuator,
  interpretReadyz
];
function readHealth(contentType, body, json) {
  const input = {
    contentType: (contentType ?? "").toLowerCase().trim(),
    body,
    json: json === void 0 ? parseJsonBody(body) : json
  };
  for (const interpret of HEALTH_INTERPRETERS) {
    const reading = interpret(input);
    if (reading) return reading;
  }
  return void 0;
}
function parseJsonBody(body) {
  const start = body.trimStart()[0];
  if (start !== "{" && start !== "[") return void 0;
  try {
    return JSON.parse(body);
  } catch {
    return void 0;
  }
}

// packages/core/src/probes/evaluate.ts
var CHECKS = [
  checkStatus,
  checkHealth,
  checkBodyAssertions,
  checkScenario,
  checkLatencyBudget,
  checkExitCode
];
function evaluateAttempt(probe, observation, now = Date.now()) {
  const base = {
    status: observation.status,
    durationMs: observation.durationMs,
    captured: captureLines(observation.stdout),
    ...observation.scenario ? { roundTripMs: observation.scenario.roundTripMs } : {},
    ...observation.outputTail ? { outputTail: observation.outputTail } : {}
  };
  if (observation.error) {
    return {
      ...base,
      captured: {},
      ok: false,
      reason: observation.error.message,
      failures: [observation.error.message],
      warnings: []
    };
  }
  let text;
  let json;
  let parsed = false;
  const input = {
    probe,
    observation,
    text: () => {
      text ??= observation.body?.toString("utf8") ?? "";
      return text;
    },
    json: () => {
      if (!parsed) {
        json = parseJsonBody(input.text());
        parsed = true;
      }
      return json;
    }
  };
  const failures = [];
  const warnings = [];
  let primary;
  let healthFormat;
  for (const check of CHECKS) {
    const result = check(input);
    if (!result) continue;
    if (result.healthFormat) healthFormat = result.healthFormat;
    if (result.captured) Object.assign(base.captured, result.captured);
    if (result.primary && result.failures?.length) primary ??= result.failures[0];
    failures.push(...result.failures ?? []);
    warnings.push(...result.warnings ?? []);
  }
  const retryAfterMs = observation.status === 429 || observation.status === 503 ? parseRetryAfter(observation.headers?.["retry-after"], now) : void 0;
  const ok = failures.length === 0;
  let reason;
  if (!ok) {
    reason = primary ?? failures[0];
    const statusFailed = failures.some((f) => f.startsWith("expected ") && f.includes(", got "));
    if (primary && statusFailed && observation.status !== void 0)
      reason += ` (HTTP ${observation.status})`;
  } else {
    reason = passedReason(probe, observation);
  }
  const captured2 = ok ? base.captured : {};
  return { ...base, captured: captured2, ok, reason, failures, warnings, healthFormat, retryAfterMs };
}
function passedReason(probe, observation) {
  switch (probe.type) {
    case "http":
      return `HTTP ${observation.status}${scenarioPassedNote(probe, observation)}`;
    case "ws":
      return observation.scenario?.summary ?? "WebSocket handshake succeeded";
    case "tcp":
      return "connected";
    case "command":
      return "exit code 0";
  }
}
function checkStatus({ probe, observation }) {
  const status = observation.status;
  if (probe.type === "http" && status !== void 0 && !statusMatches(probe.expectedStatus, status)) {
    return { failures: [`expected ${formatStatusList(probe.expectedStatus)}, got ${status}`] };
  }
  if (probe.type === "ws" && status !== 101) {
    return { failures: [`expected 101 (WebSocket handshake), got ${status}`] };
  }
  return void 0;
}
function checkHealth(input) {
  if (input.probe.type !== "http" || !input.observation.body?.length) return void 0;
  const reading = readHealth(
    input.observation.headers?.["content-type"],
    input.text(),
    input.json()
  );
  if (!reading) return void 0;
  if (reading.status === "fail")
    return { failures: [reading.summary], healthFormat: reading.format, primary: true };
  if (reading.status === "warn") return { warnings: [reading.summary], healthFormat: reading.format };
  return { healthFormat: reading.format };
}
function checkBodyAssertions(input) {
  const assertions = input.probe.assertions;
  if (!assertions.length) return void 0;
  const document = input.json();
  if (document === void 0) {
    const cut = input.observation.bodyTruncated ? " (the body was cut at the 1 MiB read limit)" : "";
    return { failures: [`body is not JSON${cut}; cannot check ${assertions.map((a) => a.path).join(", ")}`] };
  }
  const failures = [];
  for (const assertion of assertions) {
    const failure = checkAssertion(assertion, document);
    if (failure) failures.push(failure);
  }
  return { failures };
}
function checkAssertion(assertion, document) {
  const lookup = getJsonPath(document, assertion.path);
  const outcome = evaluateAssertion(assertion.op, lookup.found, lookup.value);
  return outcome.ok ? void 0 : `${assertion.path}: expected ${outcome.expected}, got ${outcome.actual}`;
}
function checkLatencyBudget({ probe, observation }) {
  if (probe.latencyBudgetMs === void 0 || observation.durationMs <= probe.latencyBudgetMs)
    return void 0;
  return {
    failures: [
      `latency ${Math.round(observation.durationMs)}ms over the budget of ${probe.latencyBudgetMs}ms`
    ]
  };
}
function checkExitCode({ probe, observation }) {
  if (probe.type !== "command" || observation.exitCode === 0) return void 0;
  return { failures: [`exit code ${observation.exitCode ?? "(killed)"}`] };
}
var CAPTURE_LINE = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/;
function captureLines(stdout) {
  const captured2 = {};
  if (!stdout) return captured2;
  for (const line of stdout.split(/\r?\n/)) {
    const match = CAPTURE_LINE.exec(line.trim());
    if (match) captured2[match[1]] = typedValue(match[2]);
  }
  return captured2;
}
function typedValue(raw) {
  if (raw === "true") return true;
  if (raw === "false") return false;
  if (raw === "null") return null;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

// packages/core/src/probes/executors/index.ts
function onFirstUse(load) {
  return async (probe, context) => (await load())(probe, context);
}
var executeWs = onFirstUse(async () => (await import("./chunks/ws-P3FEQS35.js")).executeWs);
var executeWsScript = onFirstUse(async () => (await import("./chunks/ws-script-SCO35H6S.js")).executeWsScript);
var EXECUTORS = {
  http: onFirstUse(async () => (await import("./chunks/http-Z4ZWFICE.js")).executeHttp),
  ws: (probe, context) => probe.scenario?.script ? executeWsScript(probe, context) : executeWs(probe, context),
  tcp: onFirstUse(async () => (await import("./chunks/tcp-Z7TPQDZU.js")).executeTcp),
  command: onFirstUse(async () => (await import("./chunks/command-AJPSQ3WZ.js")).executeCommand)
};
function executorFor(probe) {
  return EXECUTORS[probe.type];
}

// packages/core/src/probes/policy.ts
async function runProbe(probe, context) {
  const { policy } = context;
  const now = context.now ?? Date.now;
  const execute = executorFor(probe);
  const attempts = [];
  let streak = 0;
  let failed = 0;
  const finish = (passed, reason) => {
    const last = attempts.at(-1);
    const lastFailed = [...attempts].reverse().find((a) => !a.ok);
    const warnings = [...new Set(attempts.flatMap((a) => a.warnings))];
    return {
      passed,
      reason,
      attempts,
      failures: passed ? [] : lastFailed?.failures ?? [reason],
      warnings,
      healthFormat: [...attempts].reverse().find((a) => a.healthFormat)?.healthFormat ?? last?.healthFormat
    };
  };
  const tries = () => attempts.length > 1 ? ` after ${attempts.length} attempts` : "";
  for (; ; ) {
    if (context.signal.aborted) {
      const last = attempts.at(-1);
      return finish(
        false,
        attempts.length ? `cancelled${tries()} (last: ${last?.reason})` : "not run: cancelled"
      );
    }
    const remaining = context.deadlineAt - now();
    if (remaining <= 0) {
      const last = attempts.at(-1);
      return finish(
        false,
        attempts.length ? `${last?.ok ? "not yet stable" : deadlineReached(last.reason)}${tries()}` : "not run: the deadline passed before it started"
      );
    }
    const attemptTimeoutMs = probe.timeoutMs ?? policy.timeoutMs;
    const timeoutMs = Math.max(1, Math.min(attemptTimeoutMs, remaining));
    const observed = await execute(probe, {
      timeoutMs,
      signal: context.signal,
      policy,
      runCommand: context.runCommand
    }).catch(
      // An executor that throws (a header value the HTTP stack refuses, say) fails this probe, not the run.
      (error2) => ({
        durationMs: 0,
        error: {
          kind: "setup",
          message: `cannot send: ${error2 instanceof Error ? error2.message : String(error2)}`
        }
      })
    );
    const observation = timeoutMs < attemptTimeoutMs ? labelDeadline(observed, timeoutMs) : observed;
    if (observation.error?.kind === "aborted" && context.signal.aborted) continue;
    const verdict = evaluateAttempt(probe, observation, now());
    attempts.push(verdict);
    if (verdict.ok) {
      streak += 1;
      if (streak >= policy.consecutiveSuccesses) {
        const stable = policy.consecutiveSuccesses > 1 ? `, ${streak} in a row` : "";
        context.onAttempt?.(probe, attempts.length, verdict, void 0);
        return finish(true, `${verdict.reason}${stable}${tries()}`);
      }
    } else {
      streak = 0;
      failed += 1;
      if (failed >= policy.maxAttempts) {
        context.onAttempt?.(probe, attempts.length, verdict, void 0);
        return finish(false, `${verdict.reason}${tries()}`);
      }
    }
    const delay = verdict.ok ? fitsDeadline(policy.stabilisationIntervalMs, context.deadlineAt, now()) : nextDelay({
      attempt: failed,
      retryAfterMs: verdict.retryAfterMs,
      deadlineAt: context.deadlineAt,
      now: now(),
      baseMs: policy.backoffBaseMs,
      capMs: policy.backoffCapMs
    });
    context.onAttempt?.(probe, attempts.length, verdict, delay);
    if (delay === void 0) {
      if (!verdict.ok && verdict.retryAfterMs !== void 0) {
        return finish(
          false,
          `${verdict.reason}${tries()}; the server asked to retry after ${formatDuration(verdict.retryAfterMs)}, past the deadline`
        );
      }
      return finish(
        false,
        verdict.ok ? `not stable: ${streak} of ${policy.consecutiveSuccesses} successes in a row before the deadline` : `${deadlineReached(verdict.reason)}${tries()}`
      );
    }
    await sleep(delay, context.signal);
  }
}
var DEADLINE_LABEL = "(deadline reached)";
function labelDeadline(observation, leftMs) {
  if (observation.error?.kind !== "timeout") return observation;
  const { message } = observation.error;
  const waited = / within \d+ms \(timeout\)$/;
  const labelled = waited.test(message) ? `${message.replace(waited, "")} within the ${formatDuration(leftMs)} left ${DEADLINE_LABEL}` : `${message.replace(/ \(timeout\)$/, "")} ${DEADLINE_LABEL}`;
  return { ...observation, error: { ...observation.error, message: labelled } };
}
function deadlineReached(reason) {
  return reason.endsWith(DEADLINE_LABEL) ? reason : `${reason}; deadline reached`;
}
function fitsDeadline(wanted, deadlineAt, now) {
  return wanted < deadlineAt - now ? wanted : void 0;
}

// packages/core/src/probes/scenario/run.ts
var REDIRECT_STATUSES = parseStatusList("300-399");
var PLACEHOLDER = (index) => `tmpl${index}x`;
function normaliseWithScenario(rawEntry, defaults, rawWhere, normalise2) {
  const entry = rawEntry;
  const step = entry.step;
  const where = step ? rawWhere.replace(/probe \d+$/, `scenario '${step.scenario}', step ${step.index + 1}`) : rawWhere;
  const fail = (message) => {
    throw new ConfigurationError(`${where}: ${message}`);
  };
  const assertions = (entry.assertions ?? []).filter((a) => a.subject !== "body");
  let refs;
  try {
    refs = collectRefs(entry);
  } catch (error2) {
    return fail(error2.message);
  }
  const stepRef = refs.find((ref) => ref.kind === "step");
  if (stepRef && !step) fail(`${refText(stepRef)} can only be used by a step of a scenario (under steps:)`);
  for (const ref of refs) {
    if (ref.kind === "env" && /^(ACTIONS_|INPUT_|RUNNER_)/i.test(ref.name))
      fail(
        `${refText(ref)}: runner variables (ACTIONS_*, INPUT_*, RUNNER_*) cannot be sent to a probe; pass what the probe needs with env: under its own name`
      );
    if (ref.kind === "env" && process.env[ref.name] === void 0)
      fail(
        `${refText(ref)}: the environment variable ${ref.name} is not set (pass it with env: in the workflow)`
      );
  }
  const placeholders = [];
  const placeholderFor = (text) => renderTemplate(text, (ref) => {
    placeholders.push(refText(ref));
    return PLACEHOLDER(placeholders.length - 1);
  });
  const templatedHeaders = Object.entries(entry.headers ?? {}).filter(([, value]) => hasTemplate(value)).map(([name]) => name);
  const secretHeaders = templatedHeaders.length ? { secretHeaders: [...entry.secretHeaders ?? [], ...templatedHeaders] } : {};
  const base = {
    ...entry,
    ...secretHeaders,
    ...entry.url ? { url: placeholderFor(entry.url) } : {},
    ...entry.followRedirects === false && entry.expectedStatus === void 0 ? { expectedStatus: REDIRECT_STATUSES } : {}
  };
  let probe = normalise2(base, defaults, where);
  const restore = (text) => placeholders.reduce((out, original, index) => out.split(PLACEHOLDER(index)).join(original), text);
  probe = withJsonContentType(
    {
      ...probe,
      name: step ? `${step.scenario}/${step.step}` : restore(probe.name),
      target: restore(probe.target)
    },
    entry.body
  );
  if (entry.followRedirects !== void 0 && probe.type !== "http")
    fail("followRedirects applies to http probes only");
  if (entry.capture?.length && probe.type !== "http")
    fail("capture applies to http probes; in a ws probe, capture inside an expect step of its script");
  if (assertions.length && probe.type !== "http")
    fail("header and text assertions apply to http probes (a ws script checks messages with expect)");
  if (entry.script && probe.type !== "ws") fail("script applies to ws:// and wss:// probes only");
  const templated = refs.length > 0 || [entry.url ?? "", ...stringsIn(entry.headers ?? {}), ...stringsIn(entry.body)].some(hasTemplate);
  let version;
  const expected = defaults.scenario?.expectedVersion;
  if (expected && probe.type === "http" && entry.checkVersion !== false) {
    const source = entry.versionFrom ?? defaults.scenario?.versionFrom;
    if (!source)
      fail(
        "expected-version is set but no version-from says where the version is (e.g. header:x-app-version)"
      );
    version = { expected, source };
  }
  const scenario = {
    assertions,
    captures: entry.capture ?? [],
    ...entry.followRedirects !== void 0 ? { followRedirects: entry.followRedirects } : {},
    ...entry.script ? { script: entry.script } : {},
    ...version ? { version } : {},
    ...entry.resultKey ? { resultKey: entry.resultKey } : {},
    ...step ? { step } : {},
    ...templated ? {
      template: {
        entry: {
          ...entry,
          ...secretHeaders,
          assertions: (entry.assertions ?? []).filter((a) => a.subject === "body")
        },
        where
      }
    } : {}
  };
  const used = assertions.length || scenario.captures.length || scenario.followRedirects !== void 0 || scenario.script || version || scenario.resultKey || step || templated;
  if (!used) return probe;
  renormalisers.set(scenario, (resolved) => normalise2(resolved, defaults, where));
  return { ...probe, scenario };
}
function withJsonContentType(probe, body) {
  if (probe.type !== "http" || body === void 0 || typeof body === "string") return probe;
  if (Object.keys(probe.headers).some((name) => name.toLowerCase() === "content-type")) return probe;
  return { ...probe, headers: { ...probe.headers, "Content-Type": "application/json" } };
}
var renormalisers = /* @__PURE__ */ new WeakMap();
function checkVersionTargets(probes, defaults) {
  if (!defaults.scenario?.expectedVersion) return;
  if (!probes.some((probe) => probe.scenario?.version)) {
    throw new ConfigurationError(
      "expected-version is set but no http probe reports a version (every http probe has checkVersion: false, or there are only ws/tcp/command probes)"
    );
  }
}
var ScenarioRunner = class {
  constructor(probes, deps = {}) {
    this.probes = probes;
    this.deps = deps;
    this.redactor = deps.redactor ?? new Redactor();
    for (const [position, probe] of probes.entries()) {
      const step = probe.scenario?.step;
      if (!step) continue;
      let state = this.scenarios.get(step.scenario);
      if (!state) {
        state = { steps: [], values: /* @__PURE__ */ new Map(), passed: true, resultKey: step.scenarioResultKey };
        this.scenarios.set(step.scenario, state);
      }
      let resolve3;
      const done = new Promise((r) => {
        resolve3 = r;
      });
      state.steps[step.index] = { done, resolve: resolve3 };
      const indexes = this.stepIndexes.get(step.scenario) ?? [];
      indexes[step.index] = position;
      this.stepIndexes.set(step.scenario, indexes);
    }
  }
  probes;
  deps;
  scenarios = /* @__PURE__ */ new Map();
  /** Per scenario, the probe index of each step, in step order. */
  stepIndexes = /* @__PURE__ */ new Map();
  cursor = 0;
  results = {};
  redactor;
  /**
   * The next probe for a worker: after a step that is not the last, the next step of the same scenario
   * (so a scenario holds one worker, not one per waiting step); otherwise the next probe nobody has
   * taken, skipping later steps, which are reached only through their scenario.
   */
  next(previous) {
    const step = previous === void 0 ? void 0 : this.probes[previous]?.scenario?.step;
    if (step && step.index < step.count - 1) {
      const following = this.stepIndexes.get(step.scenario)?.[step.index + 1];
      if (following !== void 0) return following;
    }
    while (this.cursor < this.probes.length) {
      const index = this.cursor++;
      const candidate = this.probes[index]?.scenario?.step;
      if (!candidate || candidate.index === 0 || this.stepIndexes.get(candidate.scenario)?.[0] === void 0)
        return index;
    }
    return void 0;
  }
  secret(value) {
    if (!value) return;
    this.redactor.add(value);
    this.deps.onSecret?.(value);
  }
  /** Runs one probe through `execute` (the policy loop), in its scenario's order when it is a step. */
  async run(probe, execute) {
    const scenario = probe.scenario;
    if (!scenario) return execute(probe);
    const step = scenario.step;
    const state = step ? this.scenarios.get(step.scenario) : void 0;
    try {
      if (step && state && step.index > 0) await state.steps[step.index - 1]?.done;
      const ready = this.ready(probe, state);
      const outcome = typeof ready === "string" ? notRun(ready) : await execute(ready);
      const last = outcome.attempts.at(-1);
      const secretNames = /* @__PURE__ */ new Set([
        ...scenario.captures.filter((c) => c.secret).map((c) => c.name),
        ...(scenario.script ?? []).flatMap(
          (s) => s.kind === "expect" ? s.captures.filter((c) => c.secret).map((c) => c.name) : []
        )
      ]);
      if (step && state && outcome.passed && last) state.values.set(step.step, { ...last.captured });
      for (const attempt of outcome.attempts) {
        const masked = { ...attempt.captured };
        for (const name of secretNames) if (Object.hasOwn(masked, name)) masked[name] = REDACTED;
        attempt.captured = masked;
      }
      if (scenario.resultKey) this.results[scenario.resultKey] = outcome.passed;
      if (step && state && !outcome.passed) {
        state.failedStep ??= step.step;
        state.passed = false;
      }
      if (step && state?.resultKey && step.index === step.count - 1)
        this.results[state.resultKey] = state.passed;
      return outcome;
    } finally {
      if (step && state) state.steps[step.index]?.resolve();
    }
  }
  /**
   * The probe with its templates filled, or why it is not run: an earlier step failed, or a template
   * has no value. Either way the step fails, and with it its scenario.
   */
  ready(probe, state) {
    if (state?.failedStep !== void 0) {
      return this.deps.signal?.aborted ? "not run: cancelled" : `not run: step '${state.failedStep}' of scenario '${probe.scenario?.step?.scenario}' failed before it`;
    }
    try {
      return this.resolve(probe, state);
    } catch (error2) {
      return `not run: ${error2.message}`;
    }
  }
  /** The report's record of the version check: the version, where it was read, how many probes. */
  versionEvidence() {
    const checked = this.probes.flatMap((probe) => probe.scenario?.version ? [probe.scenario.version] : []);
    if (!checked.length) return {};
    return {
      expectedVersion: {
        version: checked[0].expected,
        sources: [...new Set(checked.map((check) => describeSource(check.source)))],
        probes: checked.length
      }
    };
  }
  /** `captured.<resultKey>` for probes and scenarios that asked for one. */
  resultCaptures() {
    return { ...this.results };
  }
  resolve(probe, state) {
    const scenario = probe.scenario;
    const registerSecret = (value2) => this.secret(value2);
    const env = this.deps.env ?? process.env;
    const value = (ref) => {
      if (ref.kind === "env") {
        const found = env[ref.name];
        if (found === void 0) throw new Error(`the environment variable ${ref.name} is not set`);
        this.secret(found);
        return found;
      }
      const captured2 = state?.values.get(ref.step)?.[ref.capture];
      if (captured2 === void 0) throw new Error(`${refText(ref)} has no value`);
      return captured2 === null ? "null" : String(captured2);
    };
    const render = (text) => renderTemplate(text, value);
    const script = scenario.script?.map((s) => s.kind === "send" ? { ...s, text: render(s.text) } : s);
    let base = probe;
    if (scenario.template) {
      const raw = scenario.template.entry;
      const resolved = {
        ...raw,
        ...typeof raw.url === "string" ? { url: render(raw.url) } : {},
        ...raw.headers ? { headers: renderDeep(raw.headers, render) } : {},
        ...raw.body !== void 0 ? { body: renderDeep(raw.body, render) } : {},
        ...raw.followRedirects === false && raw.expectedStatus === void 0 ? { expectedStatus: REDIRECT_STATUSES } : {}
      };
      const renormalise = renormalisers.get(scenario);
      if (renormalise) {
        const built = withJsonContentType(renormalise(resolved), resolved.body);
        base = { ...built, name: probe.name, target: probe.target, assertions: probe.assertions };
      }
    }
    return {
      ...base,
      scenario: { ...scenario, ...script ? { script } : {}, registerSecret }
    };
  }
};
function notRun(reason) {
  return { passed: false, reason, attempts: [], failures: [reason], warnings: [] };
}

// packages/core/src/probes/stats.ts
function latencySummary(durations) {
  if (!durations.length) return null;
  const sorted = [...durations].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.max(0, Math.ceil(p / 100 * sorted.length) - 1)];
  const round = (ms2) => Math.round(ms2 * 10) / 10;
  return {
    minMs: round(sorted[0]),
    p50Ms: round(rank(50)),
    p95Ms: round(rank(95)),
    maxMs: round(sorted[sorted.length - 1])
  };
}

// packages/core/src/probes/watch.ts
async function watchProbe(probe, first, windowMs, context) {
  const now = context.now ?? Date.now;
  const { watchIntervalMs: intervalMs, watchFailureLimit: failureLimit } = context.policy;
  const once = {
    ...context,
    policy: { ...context.policy, maxAttempts: 1, consecutiveSuccesses: 1 },
    onAttempt: void 0
  };
  const windowStart = now();
  const endsAt = windowStart + windowMs;
  const planned = Math.floor(windowMs / intervalMs);
  const latencies = [];
  let runs = 0;
  let failures = 0;
  let lastFailure;
  let endedEarly;
  const window = formatDuration(windowMs);
  for (let next = 1; next <= planned; next++) {
    const at = windowStart + next * intervalMs;
    if (at >= context.deadlineAt) {
      endedEarly = `the smoke deadline came ${formatDuration(endsAt - now())} before the ${window} bake window ended`;
      break;
    }
    await sleep(Math.max(0, at - now()), context.signal);
    if (context.signal.aborted) {
      endedEarly = "cancelled";
      break;
    }
    const rerun = await runProbe(probe, once);
    runs += 1;
    const attempt = rerun.attempts.at(-1);
    if (attempt) latencies.push(attempt.durationMs);
    if (rerun.passed) continue;
    failures += 1;
    lastFailure = rerun.reason;
    if (attempt) context.onAttempt?.(probe, first.attempts.length + runs, attempt, void 0);
    if (failures > failureLimit) {
      endedEarly = `re-run ${runs} failed, over the limit of ${failureLimit}`;
      break;
    }
  }
  const watch = {
    windowMs,
    intervalMs,
    failureLimit,
    runs,
    failures,
    passRate: runs ? (runs - failures) / runs : 1,
    worstLatencyMs: latencies.length ? Math.max(...latencies) : null,
    ...endedEarly ? { endedEarly } : {}
  };
  const tally = `${runs - failures}/${runs} re-runs passed`;
  if (failures > failureLimit) {
    return {
      ...first,
      passed: false,
      reason: `failed in the ${window} bake window: ${lastFailure} (${tally}; ${failureLimit} failure(s) allowed)`,
      failures: [lastFailure ?? "failed in the bake window"],
      watch
    };
  }
  if (endedEarly) {
    return {
      ...first,
      passed: false,
      reason: `${first.reason}; bake window not completed: ${endedEarly} (${tally})`,
      failures: [`bake window not completed: ${endedEarly}`],
      watch
    };
  }
  return { ...first, reason: `${first.reason}; held for ${window}: ${tally}`, watch };
}

// packages/core/src/probes/engine.ts
async function runSmoke(probes, policyInput = {}, deps = {}) {
  const policy = smokePolicySchema.parse(policyInput);
  checkProbeWindows(probes, policy);
  const now = deps.now ?? Date.now;
  const signal = deps.signal ?? new AbortController().signal;
  setMaxListeners(0, signal);
  if (policy.warmupMs > 0) {
    deps.logger?.info(`warming up: waiting ${policy.warmupMs}ms before the first probe`);
    await sleep(policy.warmupMs, signal);
  }
  const startedAt = now();
  const started = performance.now();
  const deadlineAt = startedAt + policy.deadlineMs;
  const results = new Array(probes.length);
  const progress = { done: 0, total: probes.length, passed: 0, failed: 0 };
  const scenarios = new ScenarioRunner(probes, deps);
  const scrub = (text) => scenarios.redactor.redact(text);
  for (const probe of probes) {
    if (probe.type !== "http" && probe.type !== "ws" && probe.type !== "prometheus") continue;
    for (const part of secretParts(probe.url, "public-url")) {
      scenarios.redactor.add(part, "token");
      runSecrets.add(part, "token");
    }
  }
  const captured2 = {};
  const capturedBy = {};
  const attemptContext = {
    policy,
    deadlineAt,
    signal,
    runCommand: deps.runCommand,
    now,
    onAttempt: (p, attempt, verdict, delay) => {
      if (verdict.ok) return;
      const wait = delay === void 0 ? "giving up" : `retrying in ${Math.round(delay)}ms`;
      deps.logger?.debug(`${p.name}: attempt ${attempt} failed: ${scrub(verdict.reason)}; ${wait}`);
    }
  };
  const runAttempts = async (probe) => {
    const first = await runProbe(probe, attemptContext);
    const windowMs = bakeWindowMs(probe, policy);
    if (!first.passed || windowMs <= 0 || signal.aborted) return first;
    deps.logger?.info(`${probe.name}: passed; watching it for ${formatDuration(windowMs)}`);
    return watchProbe(probe, first, windowMs, attemptContext);
  };
  let configurationError;
  const runMetric = async (probe) => {
    const { runMetricProbe } = await import("./chunks/analysis-G2GHFPZR.js");
    try {
      const { measurements, analysis, statusCodes, ...verdict } = await runMetricProbe(probe, {
        policy,
        deadlineAt,
        stepStartedAt: startedAt,
        signal,
        now,
        templates: deps.templates ?? {},
        env: deps.env ?? process.env,
        onSecret: (value) => {
          scenarios.redactor.add(value, "token");
          runSecrets.add(value, "token");
          deps.onSecret?.(value);
        },
        redact: scrub,
        logger: deps.logger
      });
      return { ...verdict, attempts: [], metric: { measurements, analysis, statusCodes } };
    } catch (error2) {
      if (!(error2 instanceof ConfigurationError)) throw error2;
      configurationError ??= scrub(`${probe.name}: ${error2.message}`);
      return { passed: false, reason: scrub(error2.message), attempts: [], failures: [], warnings: [] };
    }
  };
  const worker = async () => {
    for (let index = scenarios.next(); index !== void 0; index = scenarios.next(index)) {
      const probe = probes[index];
      const outcome = await scenarios.run(
        probe,
        (ready) => ready.type === "prometheus" ? runMetric(ready) : runAttempts(ready)
      );
      const result = toResult(probe, outcome, scrub);
      results[index] = result;
      for (const attempt of outcome.passed ? outcome.attempts : []) {
        for (const [key, value] of Object.entries(attempt.captured)) {
          if (capturedBy[key] && capturedBy[key] !== probe.name) {
            deps.logger?.warning(
              `captured '${key}' from ${probe.name} replaces the value from ${capturedBy[key]}`
            );
          }
          captured2[key] = typeof value === "string" ? scrub(value) : value;
          capturedBy[key] = probe.name;
        }
      }
      progress.done += 1;
      if (result.verdict === "passed") progress.passed += 1;
      else progress.failed += 1;
      deps.onProbeDone?.(result, { ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.min(policy.concurrency, probes.length) }, worker));
  Object.assign(captured2, scenarios.resultCaptures());
  const blocking = results.filter((r) => r.verdict === "failed" && !r.dryRun);
  const finishedAt = now();
  return {
    result: configurationError ? "error" : blocking.length ? "failed" : "passed",
    ...configurationError ? { error: configurationError } : {},
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: Math.round(performance.now() - started),
    passedCount: results.filter((r) => r.verdict === "passed").length,
    failedCount: blocking.length,
    probes: results,
    captured: captured2,
    ...scenarios.versionEvidence(),
    ...signal.aborted ? { cancelled: true } : {},
    policy: {
      timeoutMs: policy.timeoutMs,
      deadlineMs: policy.deadlineMs,
      maxAttempts: policy.maxAttempts,
      consecutiveSuccesses: policy.consecutiveSuccesses,
      concurrency: policy.concurrency,
      ...policy.warmupMs ? { warmupMs: policy.warmupMs } : {},
      ...probes.some((probe) => bakeWindowMs(probe, policy) > 0) ? {
        watch: {
          windowMs: policy.watchMs,
          intervalMs: policy.watchIntervalMs,
          failureLimit: policy.watchFailureLimit
        }
      } : {}
    }
  };
}
function checkProbeWindows(probes, policyInput) {
  const policy = smokePolicySchema.parse(policyInput);
  const deadline = formatDuration(policy.deadlineMs);
  for (const probe of probes) {
    if (probe.type === "prometheus") {
      const windowMs = probe.initialDelayMs + probe.intervalMs * (probe.count - 1);
      if (windowMs > policy.deadlineMs) {
        throw new ConfigurationError(
          `probe '${probe.name}': its analysis window (initialDelay ${formatDuration(probe.initialDelayMs)} + interval ${formatDuration(probe.intervalMs)} x (count ${probe.count} - 1) = ${formatDuration(windowMs)}) does not fit the smoke deadline ${deadline}; raise deadline or shorten the window`
        );
      }
      continue;
    }
    const watchMs = bakeWindowMs(probe, policy);
    if (watchMs > policy.deadlineMs) {
      throw new ConfigurationError(
        `probe '${probe.name}': its bake window (watch ${formatDuration(watchMs)}) does not fit the smoke deadline ${deadline}; raise deadline or shorten watch`
      );
    }
  }
}
function toResult(probe, outcome, scrub) {
  const warnings = outcome.warnings.map(scrub);
  if (probe.dryRun && !outcome.passed) warnings.push("dryRun: this failure does not fail the run");
  return {
    name: probe.name,
    type: probe.type,
    target: probe.target,
    verdict: outcome.passed ? "passed" : "failed",
    dryRun: probe.dryRun,
    attempts: outcome.metric ? outcome.metric.measurements.length : outcome.attempts.length,
    statusCodes: outcome.metric ? outcome.metric.statusCodes : outcome.attempts.flatMap((a) => a.status === void 0 ? [] : [a.status]),
    latency: latencySummary(
      outcome.metric ? outcome.metric.measurements.map((m) => m.durationMs) : outcome.attempts.map((a) => a.durationMs)
    ),
    ...probe.scenario?.script ? { roundTrip: latencySummary(outcome.attempts.flatMap((a) => a.roundTripMs ?? [])) } : {},
    // A failed command's last output lines end the reason, after "after N attempts": what an on-call reads first.
    reason: scrub(outcome.reason + (outcome.passed ? "" : outcome.attempts.at(-1)?.outputTail ?? "")),
    failures: outcome.failures.map(scrub),
    ...outcome.healthFormat ? { healthFormat: outcome.healthFormat } : {},
    warnings,
    ...outcome.metric ? { measurements: outcome.metric.measurements, analysis: outcome.metric.analysis } : {},
    ...outcome.watch ? { watch: outcome.watch } : {}
  };
}
function bakeWindowMs(probe, policy) {
  return probe.type === "prometheus" ? 0 : probe.watchMs ?? policy.watchMs;
}

// packages/core/src/probes/load.ts
import { readFile as readFile2 } from "node:fs/promises";
import { isAbsolute, resolve as resolve2 } from "node:path";

// packages/core/src/probes/urls.ts
var ALWAYS_SECRET_HEADERS = ["authorization", "proxy-authorization", "cookie"];
var splitUrlList = splitList;
function classifyUrl(raw) {
  if (lacksScheme(raw)) {
    return `'${redactUrl(raw)}' is not a URL: add http:// (or https://), e.g. ${redactUrl(`http://${raw}`)}`;
  }
  let url;
  try {
    url = new URL(raw);
  } catch {
    return `'${redactUrl(raw)}' is not a URL; use e.g. https://shop.example.com/healthz, wss://host/socket or tcp://db.internal:5432`;
  }
  switch (url.protocol) {
    case "http:":
    case "https:":
      return { type: "http", url };
    case "ws:":
    case "wss:":
      return { type: "ws", url };
    case "tcp:":
      if (!url.port) return `'${redactUrl(raw)}' has no port; use e.g. tcp://db.internal:5432`;
      return { type: "tcp", url };
    default:
      return `'${redactUrl(raw)}' has an unsupported scheme '${url.protocol}'; use http(s)://, ws(s)://, or tcp://host:port`;
  }
}
function lacksScheme(raw) {
  if (raw.includes("://")) return false;
  const host = /^([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(:\d+)?(?:[/?#]|$)/.exec(raw);
  return host !== null && (host[2] !== void 0 || host[1].includes(".") || host[1] === "localhost");
}

// packages/core/src/probes/metrics/normalise.ts
var METRIC_ONLY_FIELDS = [
  "query",
  "min",
  "max",
  "baseline",
  "initialDelay",
  "interval",
  "count",
  "failureLimit",
  "consecutiveErrorLimit",
  "inconclusiveLimit",
  "noData",
  "bearerToken"
];
var NOT_FOR_METRICS = {
  command: "a prometheus probe queries 'url'",
  args: "a prometheus probe queries 'url'",
  method: "queries are always POSTed to <url>/api/v1/query",
  body: "the request body is the 'query'",
  expectedStatus: "a prometheus probe judges the query's value with min, max or baseline",
  assertions: "a prometheus probe judges the query's value with min, max or baseline",
  latencyBudget: "judge latency with a query instead, e.g. histogram_quantile(0.99, ...) with max",
  followRedirects: "queries never follow redirects",
  capture: "a prometheus probe records its verdict with resultKey",
  script: "script applies to ws probes",
  versionFrom: "a prometheus probe does not check versions; use {{ version }} in its query",
  checkVersion: "a prometheus probe does not check versions; use {{ version }} in its query"
};
var DEFAULTS = {
  initialDelayMs: 0,
  intervalMs: 3e4,
  count: 1,
  failureLimit: 0,
  // As Argo Rollouts.
  consecutiveErrorLimit: 4,
  inconclusiveLimit: 0,
  noData: "fail"
};
function refuseMetricFields(entry, where) {
  const used = METRIC_ONLY_FIELDS.find((field) => entry[field] !== void 0);
  if (used) {
    throw new ConfigurationError(
      `${where}: '${used}' applies to prometheus probes only; add type: prometheus (and url: the Prometheus API's base URL) or remove '${used}'`
    );
  }
  return entry;
}
function normaliseMetricEntry(raw, where) {
  const entry = raw;
  const fail = (message) => {
    throw new ConfigurationError(`${where}: ${message}`);
  };
  if (entry.step) {
    fail(
      `a prometheus probe cannot be a step of a scenario (it has its own window); list it under probes: and record its verdict with resultKey`
    );
  }
  if (entry.watch !== void 0)
    fail("a prometheus probe has its own window: use interval and count, not watch");
  for (const [field, why] of Object.entries(NOT_FOR_METRICS)) {
    if (entry[field] !== void 0)
      fail(`'${field}' does not apply to a prometheus probe (${why})`);
  }
  if (!entry.url || !entry.query) {
    const missing = [!entry.url ? "'url'" : "", !entry.query ? "'query'" : ""].filter(Boolean).join(" and ");
    fail(
      `a prometheus probe needs 'url' and 'query' (missing ${missing}), e.g. url: https://prometheus.example.com and query: sum(rate(http_requests_total{code=~"5.."}[2m])) / sum(rate(http_requests_total[2m]))`
    );
  }
  const url = entry.url;
  if (/\{\{[^{}]*\}\}/.test(url)) {
    fail(
      "templates are not filled in a prometheus probe's url; put a tenant or credentials in headers or bearerToken, e.g. headers: { X-Scope-OrgID: '{{ environment }}' }"
    );
  }
  const classified = classifyUrl(url);
  if (typeof classified === "string") fail(classified);
  if (typeof classified !== "string" && classified.type !== "http") {
    fail(
      `'${redactUrl(url)}' is not an http(s):// URL; a prometheus probe's url is the API's base URL, e.g. https://prometheus.example.com`
    );
  }
  if (entry.min === void 0 && entry.max === void 0 && !entry.baseline) {
    fail(
      "a prometheus probe needs at least one of 'min', 'max' or 'baseline' to judge the value by, e.g. max: 0.01"
    );
  }
  if (entry.min !== void 0 && entry.max !== void 0 && entry.min > entry.max) {
    fail(`min ${entry.min} is above max ${entry.max}, so no value could pass; swap them`);
  }
  const headers = entry.headers ?? {};
  if (entry.bearerToken && Object.keys(headers).some((name) => name.toLowerCase() === "authorization")) {
    fail("give either bearerToken or an Authorization header, not both");
  }
  const templated = [];
  const check = (text, field) => {
    let names = [];
    try {
      names = metricEnvRefs(text, field);
    } catch (error2) {
      fail(error2.message);
    }
    for (const name of names) {
      if (/^(ACTIONS_|INPUT_|RUNNER_)/i.test(name)) {
        fail(
          `${field}: {{ env.${name} }}: runner variables (ACTIONS_*, INPUT_*, RUNNER_*) cannot be sent to a probe; pass what the probe needs with env: under its own name`
        );
      }
      templated.push(field);
    }
  };
  check(entry.query, "query");
  for (const [name, value] of Object.entries(headers)) {
    check(value, `header '${name}'`);
  }
  if (entry.bearerToken) check(entry.bearerToken, "bearerToken");
  const envHeaders = Object.keys(headers).filter((name) => templated.includes(`header '${name}'`));
  const secretHeaders = [
    ...new Set(
      [...ALWAYS_SECRET_HEADERS, ...entry.secretHeaders ?? [], ...envHeaders].map((h) => h.toLowerCase())
    )
  ];
  const probe = {
    type: "prometheus",
    name: entry.name ?? defaultProbeName({ url }),
    target: redactUrl(new URL(url).toString()),
    dryRun: entry.dryRun ?? false,
    assertions: [],
    ...entry.timeout !== void 0 ? { timeoutMs: entry.timeout } : {},
    ...entry.resultKey ? { scenario: { assertions: [], captures: [], resultKey: entry.resultKey } } : {},
    url,
    query: entry.query,
    headers: { ...headers },
    secretHeaders,
    ...entry.bearerToken ? { bearerToken: entry.bearerToken } : {},
    ...entry.min !== void 0 ? { min: entry.min } : {},
    ...entry.max !== void 0 ? { max: entry.max } : {},
    ...entry.baseline ? { baseline: entry.baseline } : {},
    initialDelayMs: entry.initialDelay ?? DEFAULTS.initialDelayMs,
    intervalMs: entry.interval ?? DEFAULTS.intervalMs,
    count: entry.count ?? DEFAULTS.count,
    failureLimit: entry.failureLimit ?? DEFAULTS.failureLimit,
    consecutiveErrorLimit: entry.consecutiveErrorLimit ?? DEFAULTS.consecutiveErrorLimit,
    inconclusiveLimit: entry.inconclusiveLimit ?? DEFAULTS.inconclusiveLimit,
    noData: entry.noData ?? DEFAULTS.noData
  };
  return probe;
}

// packages/core/src/probes/load.ts
var DEFAULT_EXPECTED = parseStatusList("200-299");
async function loadProbes(options) {
  const labels = options.labels ?? { urls: "urls", probes: "probes" };
  const entries = [];
  for (const [index, url] of splitUrlList(options.urls ?? []).entries()) {
    entries.push({ entry: { url }, where: `${labels.urls} entry ${index + 1}` });
  }
  if (options.probesFile) {
    const path = isAbsolute(options.probesFile) ? options.probesFile : resolve2(options.baseDir ?? process.cwd(), options.probesFile);
    const fileEntries = await readProbesFile(
      path,
      `${labels.probes} file '${options.probesFile}'`,
      isAbsolute(options.probesFile) ? void 0 : options.baseDirLabel ?? "the current directory"
    );
    fileEntries.forEach((entry, index) => {
      entries.push({ entry, where: `${labels.probes} file '${options.probesFile}', probe ${index + 1}` });
    });
  }
  if (!entries.length) {
    throw new ConfigurationError(
      `nothing to probe: give ${labels.urls} (e.g. https://shop.example.com/healthz) or ${labels.probes} (e.g. smoke/probes.yml)`
    );
  }
  const probes = entries.map(
    ({ entry, where }) => entry.type === "prometheus" ? normaliseMetricEntry(entry, where) : normaliseWithScenario(
      refuseMetricFields(entry, where),
      options.defaults ?? {},
      where,
      normaliseProbe
    )
  );
  checkVersionTargets(probes, options.defaults ?? {});
  return uniqueNames(probes);
}
async function readProbesFile(path, what, relativeTo) {
  let text;
  try {
    text = await readFile2(path, "utf8");
  } catch (error2) {
    const code = error2.code;
    const resolved = relativeTo ? ` (resolved against ${relativeTo})` : "";
    throw new ConfigurationError(
      `${what} cannot be read (${code === "ENOENT" ? "no such file" : code}) at ${path}${resolved}; give a path relative to ${relativeTo ?? "the current directory"} or an absolute one, e.g. smoke/probes.yml`
    );
  }
  return parseProbesText(text, what, path.endsWith(".json") ? "json" : "yaml");
}
async function parseProbesText(text, what, format = "yaml") {
  let data;
  try {
    data = format === "json" ? JSON.parse(text) : await parseYaml(text);
  } catch (error2) {
    const first = error2.message.split("\n")[0].replace(/:\s*$/, "");
    throw new ConfigurationError(`${what} is not valid ${format.toUpperCase()}: ${first}`);
  }
  const { parseProbesData } = await import("./chunks/probes-file-RJI3XVIY.js");
  return parseProbesData(data, what);
}
function normaliseProbe(entry, defaults, where) {
  const fail = (message) => {
    throw new ConfigurationError(`${where}: ${message}`);
  };
  const common = {
    dryRun: entry.dryRun ?? false,
    assertions: (entry.assertions ?? []).filter((a) => a.subject === "body"),
    latencyBudgetMs: entry.latencyBudget,
    timeoutMs: entry.timeout,
    ...entry.watch === void 0 ? {} : { watchMs: entry.watch }
  };
  if (entry.command || entry.type === "command") {
    if (!entry.command) return fail("a command probe needs 'command', e.g. command: ./scripts/check-db.sh");
    if (entry.url) return fail("give either 'url' or 'command', not both");
    const words = splitCommandLine(entry.command);
    if (!words.length) return fail("'command' is empty");
    const probe = {
      type: "command",
      name: entry.name ?? defaultProbeName({ command: entry.command }),
      target: entry.command.split(/\s+/)[0],
      command: words[0],
      args: [...words.slice(1), ...entry.args ?? []],
      ...common
    };
    return probe;
  }
  if (!entry.url)
    return fail("a probe needs 'url' (or 'command'), e.g. url: https://shop.example.com/healthz");
  const classified = classifyUrl(entry.url);
  if (typeof classified === "string") return fail(classified);
  const { type, url } = classified;
  if (entry.type && entry.type !== type) {
    return fail(`type '${entry.type}' does not match the URL scheme '${url.protocol}' (a ${type} probe)`);
  }
  const name = entry.name ?? defaultProbeName({ url: entry.url });
  const target2 = redactUrl(url.toString());
  if (type === "tcp") {
    return {
      type,
      name,
      target: url.host,
      host: url.hostname.replace(/^\[|\]$/g, ""),
      port: Number(url.port),
      ...common
    };
  }
  const headers = mergeHeaders(defaults.headers ?? {}, entry.headers ?? {});
  const secretHeaders = [
    ...new Set(
      [...ALWAYS_SECRET_HEADERS, ...defaults.secretHeaders ?? [], ...entry.secretHeaders ?? []].map(
        (h) => h.toLowerCase()
      )
    )
  ];
  if (type === "ws") return { type, name, target: target2, url: url.toString(), headers, secretHeaders, ...common };
  return {
    type,
    name,
    target: target2,
    url: url.toString(),
    method: (entry.method ?? (entry.body === void 0 ? "GET" : "POST")).toUpperCase(),
    headers,
    secretHeaders,
    body: entry.body === void 0 || typeof entry.body === "string" ? entry.body : JSON.stringify(entry.body),
    expectedStatus: entry.expectedStatus ?? defaults.expectedStatus ?? DEFAULT_EXPECTED,
    ...common
  };
}
function mergeHeaders(...sources) {
  const out = {};
  for (const source of sources) {
    for (const [name, value] of Object.entries(source)) {
      for (const existing of Object.keys(out))
        if (existing.toLowerCase() === name.toLowerCase()) delete out[existing];
      out[name] = value;
    }
  }
  return out;
}
function uniqueNames(probes) {
  const seen = /* @__PURE__ */ new Map();
  return probes.map((probe) => {
    const count = (seen.get(probe.name) ?? 0) + 1;
    seen.set(probe.name, count);
    return count === 1 ? probe : { ...probe, name: `${probe.name} #${count}` };
  });
}
function splitCommandLine(line) {
  const words = [];
  let current = "";
  let quote;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === quote) quote = void 0;
      else if (char === "\\" && quote === '"' && (line[i + 1] === '"' || line[i + 1] === "\\"))
        current += line[++i];
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started) words.push(current);
      current = "";
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) words.push(current);
  return words;
}

// packages/core/src/specs/smoke.ts
var urlsInput = string().transform((raw, ctx) => {
  const urls = splitUrlList(raw);
  for (const [index, url] of urls.entries()) {
    const classified = classifyUrl(url);
    if (typeof classified === "string") {
      ctx.addIssue({ code: "custom", message: `entry ${index + 1}: ${classified}` });
      return NEVER;
    }
  }
  return urls;
});
var bearerTokenInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  const token = raw.replace(/^Bearer\s+/i, "");
  if (/\s/.test(token)) {
    ctx.addIssue({ code: "custom", message: "must be a single token without spaces or line breaks" });
    return NEVER;
  }
  return token;
});
var statusListInput = (fallback) => string().transform((raw, ctx) => {
  const list = parseStatusList(raw === "" ? fallback : raw);
  if (!list) {
    ctx.addIssue({
      code: "custom",
      message: "must be status codes or ranges such as 200, 200,204 or 200-299"
    });
    return NEVER;
  }
  return list;
});
var probesPathInput = optionalString.refine((value) => value === void 0 || !/[\r\n]/.test(value), {
  message: "must be one file path"
});
var environmentInput = optionalString.refine(
  (value) => value === void 0 || /^[\w.\-/ ]{1,100}$/.test(value),
  { message: "must be a short name (letters, digits, . _ - / and spaces)" }
);
var expectedVersionInput = optionalString.refine(
  (value) => value === void 0 || /^[\w.+\-/:@]{1,200}$/.test(value),
  { message: "must be one version or commit sha without spaces" }
);
var templateValueInput = optionalString.refine(
  (value) => value === void 0 || /^[\w.+\-/:@]{1,200}$/.test(value),
  {
    message: "must be one version or commit sha: letters, digits and . _ + - / : @ only"
  }
);
var positiveDurationInput = (fallback) => durationInput(fallback).refine((ms2) => ms2 > 0, { message: "must be more than 0, e.g. 10s" });
var versionFromInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  const source = parseValueSource(raw);
  if (typeof source === "string") {
    ctx.addIssue({ code: "custom", message: source });
    return NEVER;
  }
  return source;
});
var smokeInputSpecs = {
  urls: {
    schema: urlsInput,
    example: "https://shop.example.com/healthz, https://shop.example.com/readyz"
  },
  probes: { schema: probesPathInput, example: "smoke/probes.yml" },
  "bearer-token": {
    schema: bearerTokenInput,
    example: "${{ secrets.SMOKE_TOKEN }}",
    secret: true,
    env: "RELEASE_GATE_BEARER_TOKEN"
  },
  headers: {
    schema: headersInput,
    example: "'X-Smoke: true' (one 'Name: value' per line)",
    secret: true
  },
  "expected-status": { schema: statusListInput("200-299"), example: "200-299" },
  timeout: { schema: durationInput("10s"), example: "10s" },
  deadline: { schema: durationInput("5m"), example: "5m" },
  "max-attempts": { schema: integerInput(3, 1, 100), example: "3" },
  "consecutive-successes": { schema: integerInput(1, 1, 100), example: "1" },
  concurrency: { schema: integerInput(10, 1, 1e3), example: "10" },
  environment: { schema: environmentInput, example: "production" },
  "report-path": { schema: reportPathInput, example: DEFAULT_REPORT_PATH },
  "fail-on-error": { schema: booleanInput(true), example: "true" },
  "expected-version": { schema: expectedVersionInput, example: "${{ github.sha }}" },
  "version-from": {
    schema: versionFromInput,
    example: "header:x-app-version (or a JSON path: build.sha)"
  },
  warmup: { schema: durationInput("0"), example: "30s" },
  watch: { schema: durationInput("0"), example: "10m" },
  "watch-interval": { schema: positiveDurationInput("10s"), example: "10s" },
  "watch-failure-limit": { schema: integerInput(0, 0, 1e3), example: "0" },
  version: { schema: templateValueInput, example: "${{ needs.build.outputs.version }}" },
  sha: { schema: templateValueInput, example: "${{ github.sha }}" }
};
function checkSmokeInputs(inputs, source) {
  const name = (input) => source.describe(input);
  const problems = [];
  if (!inputs.urls.length && !inputs.probes) {
    problems.push(
      `${name("urls")} or ${name("probes")} is required: nothing to probe. Example: ${source.example("urls", "https://shop.example.com/healthz")}`
    );
  }
  const expected = inputs["expected-version"];
  const from = inputs["version-from"];
  if (expected && !from && !inputs.probes) {
    problems.push(
      `${name("version-from")} is required when ${name("expected-version")} is set: where do the probes report their version? Example: ${source.example("version-from", "header:x-app-version")} (or a JSON path such as build.sha; or versionFrom on each probe of a probes file)`
    );
  }
  if (from && !expected) {
    problems.push(
      `${name("expected-version")} is required when ${name("version-from")} is set. Example: ${source.example("expected-version", "${{ github.sha }}")}`
    );
  }
  return problems;
}
var SENSITIVE_HEADER = /auth|token|secret|key|cookie|session|signature|password|credential/i;
function smokeSecrets(inputs) {
  const secrets = [];
  const token = inputs["bearer-token"];
  if (token) secrets.push(token);
  for (const [name, value] of Object.entries(inputs.headers)) {
    if (SENSITIVE_HEADER.test(name) && value) secrets.push(value);
  }
  for (const url of inputs.urls) secrets.push(...secretParts(url, "public-url"));
  return secrets;
}
function smokeRedactor(inputs) {
  const redactor = new Redactor();
  for (const secret of smokeSecrets(inputs)) {
    redactor.add(secret, "token");
    runSecrets.add(secret, "token");
  }
  return redactor;
}
function smokeProbeOptions(inputs, env = process.env, labels = {
  urls: `input '${"urls"}'`,
  probes: `input '${"probes"}'`,
  base: "the workspace"
}) {
  const headers = { ...inputs.headers };
  const token = inputs["bearer-token"];
  if (token) headers.Authorization = `Bearer ${token}`;
  return {
    urls: inputs.urls,
    probesFile: inputs.probes,
    baseDir: env.GITHUB_WORKSPACE ?? process.cwd(),
    baseDirLabel: labels.base ?? "the workspace",
    defaults: {
      headers,
      secretHeaders: Object.keys(inputs.headers).filter((name) => SENSITIVE_HEADER.test(name)),
      expectedStatus: inputs["expected-status"],
      scenario: {
        expectedVersion: inputs["expected-version"],
        versionFrom: inputs["version-from"]
      }
    },
    labels: { urls: labels.urls, probes: labels.probes }
  };
}
function smokePolicy(inputs) {
  return {
    timeoutMs: inputs.timeout,
    deadlineMs: inputs.deadline,
    maxAttempts: inputs["max-attempts"],
    consecutiveSuccesses: inputs["consecutive-successes"],
    concurrency: inputs.concurrency,
    warmupMs: inputs.warmup,
    watchMs: inputs.watch,
    watchIntervalMs: inputs["watch-interval"],
    watchFailureLimit: inputs["watch-failure-limit"]
  };
}
function smokeTemplateValues(inputs, env = process.env) {
  const sha = inputs.sha ?? env.GITHUB_SHA;
  return {
    ...inputs.environment ? { environment: inputs.environment } : {},
    ...inputs.version ? { version: inputs.version } : {},
    ...sha ? { sha } : {}
  };
}
function commandProbeEnv(env = process.env) {
  const fromInputs = new Set(
    Object.values(smokeInputSpecs).flatMap((input) => "env" in input ? [input.env] : [])
  );
  const out = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== void 0 && !name.startsWith("INPUT_") && !fromInputs.has(name)) out[name] = value;
  }
  return out;
}

// packages/core/src/specs/rollback-verify.ts
var { "fail-on-error": _failOnError, ...smokeSpecs } = smokeInputSpecs;
var rollbackVerifyInputs = {
  ...smokeSpecs,
  environment: { schema: requiredString, example: "production" },
  "webhook-url": webhookInputSpecs["webhook-url"],
  "metrics-url": {
    schema: webhookUrlInput,
    example: "https://receiver.example.com/internal/release-gate/callbacks",
    secret: true
  },
  "signing-secret": webhookInputSpecs["signing-secret"],
  "webhook-bearer-token": { ...webhookInputSpecs["bearer-token"], env: "RELEASE_GATE_WEBHOOK_BEARER_TOKEN" },
  "webhook-timeout": { schema: durationInput("10s"), example: "10s" },
  "webhook-deadline": { schema: durationInput("2m"), example: "2m" },
  "webhook-max-attempts": { schema: maxAttemptsInput, example: "5" },
  "idempotency-key": webhookInputSpecs["idempotency-key"],
  service: webhookInputSpecs.service,
  ref: webhookInputSpecs.ref,
  sha: webhookInputSpecs.sha,
  version: webhookInputSpecs.version,
  drill: webhookInputSpecs.drill,
  "dry-run": webhookInputSpecs["dry-run"],
  "rollback-ref": { schema: optionalString, example: "${{ steps.rollback.outputs.rollback-ref }}" },
  "rollback-state": { schema: optionalString, example: "${{ steps.rollback.outputs.rollback-state }}" }
};
function resmokeInputs(inputs) {
  return { ...inputs, "fail-on-error": true };
}
var rollbackVerifySpec = {
  inputs: rollbackVerifyInputs,
  check: (values, source) => checkSmokeInputs(resmokeInputs(values), source)
};
var RollbackVerifyOutputs = {
  RollbackCallbackState: "rollback-callback-state",
  SmokeResult: "smoke-result",
  DeliveryId: "delivery-id",
  MetricsDeliveryId: "metrics-delivery-id",
  DurationMs: "duration-ms"
};

// packages/core/src/gate/verify-rollback.ts
var STEP = "rollback-verify";
async function verifyRollback(inputs, context, host) {
  const started = /* @__PURE__ */ new Date();
  const { logger } = host;
  const smokeInputs = resmokeInputs(inputs);
  const extraSecrets = [
    ...maskExtra(host, smokeSecrets(smokeInputs)),
    ...maskExtra(host, [...urlSecretForms(inputs["webhook-url"]), ...urlSecretForms(inputs["metrics-url"])])
  ];
  host.partial?.pending(context, "rollbackCallback", () => ({
    state: "failed",
    ...timeSpan(started, /* @__PURE__ */ new Date()),
    smoke: null,
    delivery: null
  }));
  const existing = context.reportPath ? await readJsonFile(context.reportPath, releaseGateReportSchema, "release-gate report", {
    optional: true
  }) : void 0;
  const rollbackRef = inputs["rollback-ref"] ?? existing?.rollback?.rollbackRef ?? null;
  const rollbackState = inputs["rollback-state"] ?? existing?.rollback?.state ?? null;
  const probes = await loadProbes(smokeProbeOptions(smokeInputs, host.env, host.probeLabels));
  checkProbeWindows(probes, smokePolicy(smokeInputs));
  logger.info(
    `Re-smoking ${probes.length} probe(s) against the rolled-back version${rollbackRef ? ` ${rollbackRef}` : ""}`
  );
  const smoke = await runSmoke(probes, smokePolicy(smokeInputs), {
    runCommand: host.runCommand,
    signal: host.signal,
    redactor: smokeRedactor(smokeInputs),
    logger,
    onSecret: host.mask,
    onProbeDone: host.onProbeDone,
    env: host.env,
    templates: smokeTemplateValues(smokeInputs, host.env)
  });
  const delivery = {
    signingSecret: inputs["signing-secret"],
    bearerToken: inputs["webhook-bearer-token"],
    timeoutMs: inputs["webhook-timeout"],
    deadlineMs: inputs["webhook-deadline"],
    maxAttempts: inputs["webhook-max-attempts"],
    dryRun: inputs["dry-run"],
    logger,
    signal: host.signal,
    extraSecrets
  };
  let verify;
  if (inputs["webhook-url"]) {
    verify = await sendWebhook({
      ...delivery,
      url: inputs["webhook-url"],
      event: buildEvent("rollback.verify", { ...context.common, rollbackRef, smokeResult: smoke.result }),
      idempotencyKey: context.keyFor("rollback.verify"),
      label: "verify webhook"
    });
  } else {
    logger.warning(
      `${STEP}: webhook-url is empty: the rollback is verified by the probes only (rollback-callback-state=skipped_missing_webhook when they pass). Set webhook-url: \${{ secrets.ROLLBACK_VERIFY_WEBHOOK_URL }}.`
    );
  }
  const state = callbackState(smoke, verify);
  const verifiedAt = /* @__PURE__ */ new Date();
  const rollbackStartedAt = existing?.rollback?.startedAt ? Date.parse(existing.rollback.startedAt) : Number.NaN;
  const durationMs = Number.isNaN(rollbackStartedAt) ? verifiedAt.getTime() - started.getTime() : Math.max(0, verifiedAt.getTime() - rollbackStartedAt);
  let metrics;
  if (inputs["metrics-url"]) {
    metrics = await sendWebhook({
      ...delivery,
      url: inputs["metrics-url"],
      event: buildEvent("release_gate.callback", {
        ...context.common,
        rollbackCallbackState: state,
        rollbackState,
        durationMs
      }),
      idempotencyKey: context.keyFor("release_gate.callback"),
      label: "metrics callback"
    });
  }
  host.partial?.settle();
  const finishedAt = /* @__PURE__ */ new Date();
  const section = {
    state,
    ...timeSpan(started, finishedAt),
    smoke,
    delivery: verify?.delivery ?? null
  };
  if (context.reportPath) {
    await mergeReportSection(context.reportPath, context.identity, "rollbackCallback", section);
    if (metrics) {
      const metricsSection = {
        state: metrics.state,
        ...timeSpan(verifiedAt, finishedAt),
        delivery: metrics.delivery
      };
      await mergeReportSection(context.reportPath, context.identity, "metricsCallback", metricsSection);
    }
  }
  const problems = [];
  if (smoke.result === "failed") {
    problems.push(`${smoke.failedCount} of ${smoke.probes.length} probe(s) still fail after the rollback`);
  }
  if (verify?.state === "failed") problems.push(verify.message);
  if (metrics?.state === "failed") problems.push(metrics.message);
  return { state, section, smoke, verify, metrics, rollbackRef, durationMs, problems };
}
function callbackState(smoke, verify) {
  if (smoke.result === "failed" || verify?.state === "failed") return "failed";
  return verify ? "verified" : "skipped_missing_webhook";
}

// packages/core/src/inputs/spec.ts
function parseInputs(spec, source) {
  const { inputs, check } = isActionSpec(spec) ? spec : { inputs: spec, check: void 0 };
  const raws = /* @__PURE__ */ new Map();
  for (const [name, input] of Object.entries(inputs)) {
    const raw = source.read(name);
    raws.set(name, raw);
    if (input.secret && raw) source.mask?.(raw);
  }
  const values = {};
  const problems = [];
  for (const [name, input] of Object.entries(inputs)) {
    const raw = raws.get(name) ?? "";
    const parsed = input.schema.safeParse(raw);
    if (parsed.success) {
      values[name] = parsed.data;
    } else {
      const message = parsed.error.issues.map((issue) => issue.message).join("; ");
      const shown = input.secret ? "" : ` '${raw}'`;
      problems.push(
        `${source.describe(name)}${shown} is invalid: ${message}. Example: ${source.example(name, input.example)}`
      );
    }
  }
  if (!problems.length && check) problems.push(...check(values, source));
  if (problems.length) throw new ConfigurationError(problems.join("\n"));
  return values;
}
function isActionSpec(spec) {
  const inputs = spec.inputs;
  return typeof inputs === "object" && inputs !== null && !("schema" in inputs);
}

// packages/core/src/process/command-runner.ts
import { spawn } from "node:child_process";
var OUTPUT_CAP_BYTES = 1024 * 1024;
function commandRunner(options = {}) {
  return (request) => new Promise((done) => {
    if (request.signal.aborted) {
      done({ exitCode: null, stdout: "", stderr: "", timedOut: false });
      return;
    }
    const stdout = cappedText();
    const stderr = cappedText();
    let stopped;
    let settled = false;
    const child = spawn(request.command, request.args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: options.env ?? process.env,
      detached: process.platform !== "win32",
      windowsHide: true
    });
    const settle = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal.removeEventListener("abort", onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      done({ ...outcome, stdout: stdout.text(), stderr: stderr.text() });
    };
    const stop = (reason) => {
      if (stopped || settled) return;
      stopped = reason;
      killTree(child);
      if (child.exitCode !== null || child.signalCode !== null) settle(stoppedOutcome(reason));
    };
    const timer = setTimeout(() => stop("timeout"), request.timeoutMs);
    const onAbort = () => stop("aborted");
    request.signal.addEventListener("abort", onAbort, { once: true });
    child.stdout?.on("data", stdout.add);
    child.stderr?.on("data", stderr.add);
    child.on(
      "error",
      (error2) => settle({
        exitCode: null,
        timedOut: false,
        error: `${request.command}: ${error2.code ?? error2.message}`
      })
    );
    child.on("exit", () => {
      if (stopped) settle(stoppedOutcome(stopped));
    });
    child.on(
      "close",
      (code) => settle(stopped ? stoppedOutcome(stopped) : { exitCode: code, timedOut: false })
    );
  });
}
function stoppedOutcome(reason) {
  return { exitCode: null, timedOut: reason === "timeout" };
}
function killTree(child) {
  const pid = child.pid;
  if (pid === void 0) return;
  try {
    if (process.platform === "win32") {
      spawn("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore", windowsHide: true }).on(
        "error",
        () => child.kill("SIGKILL")
      );
    } else {
      process.kill(-pid, "SIGKILL");
    }
  } catch {
    child.kill("SIGKILL");
  }
}
function cappedText() {
  const chunks = [];
  let bytes = 0;
  return {
    add: (chunk) => {
      if (bytes >= OUTPUT_CAP_BYTES) return;
      const kept = chunk.subarray(0, OUTPUT_CAP_BYTES - bytes);
      chunks.push(kept);
      bytes += kept.length;
    },
    text: () => Buffer.concat(chunks).toString("utf8")
  };
}

// packages/core/src/render/markdown.ts
var SUMMARY_LIMIT_BYTES = 1024 * 1024 - 16 * 1024;
function escapeCell(text) {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}
function markdownTable(header, rows) {
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const row of rows) lines.push(`| ${row.map(escapeCell).join(" | ")} |`);
  return `${lines.join("\n")}
`;
}
function boundedTable(header, rows, budgetBytes = SUMMARY_LIMIT_BYTES / 2) {
  let table = markdownTable(header, []);
  let used = Buffer.byteLength(table);
  let shown = 0;
  for (const row of rows) {
    const line = `| ${row.map(escapeCell).join(" | ")} |
`;
    const size = Buffer.byteLength(line);
    if (used + size > budgetBytes) break;
    table += line;
    used += size;
    shown += 1;
  }
  if (shown < rows.length)
    table += `
_${rows.length - shown} more rows not shown (summary size limit); see the report file._
`;
  return table;
}

// packages/core/src/render/window-summary.ts
var MEASUREMENT_ROWS = 12;
var VERDICT_RANK = {
  failed: 0,
  error: 1,
  inconclusive: 2,
  passed: 3
};
var VERDICT_MARK = {
  failed: "\u274C failed",
  error: "\u26A0\uFE0F error",
  inconclusive: "\u2754 inconclusive",
  passed: "\u2705 passed"
};
function seriesText(series) {
  return Object.keys(series.labels).length ? `${formatLabels(series.labels)} ${series.value}` : String(series.value);
}
function valuesCell(measurement) {
  if (!measurement.values.length) return "\u2013";
  const ordered = [...measurement.values].sort(
    (a, b) => Number(a.verdict === "passed") - Number(b.verdict === "passed")
  );
  const shown = ordered.slice(0, 3).map(seriesText);
  if (ordered.length > 3) shown.push(`and ${ordered.length - 3} more series`);
  return shown.join("<br>");
}
function renderMeasurementTables(probes, budgetBytes) {
  const sections = [];
  for (const probe of probes) {
    if (!probe.measurements || !probe.analysis) continue;
    const { analysis } = probe;
    const ordered = probe.measurements.map((measurement, index) => ({ measurement, index })).sort(
      (a, b) => VERDICT_RANK[a.measurement.verdict] - VERDICT_RANK[b.measurement.verdict] || a.index - b.index
    ).map(({ measurement }) => measurement);
    const rows = ordered.slice(0, MEASUREMENT_ROWS).map((m) => [
      m.at.slice(11, 19),
      VERDICT_MARK[m.verdict],
      valuesCell(m),
      ...analysis.baseline ? [m.baseline === void 0 || m.baseline === null ? "\u2013" : String(m.baseline)] : [],
      m.reason
    ]);
    const limits = [
      analysis.min === void 0 ? "" : `min ${analysis.min}`,
      analysis.max === void 0 ? "" : `max ${analysis.max}`,
      analysis.baseline ? `at most ${analysis.baseline.maxIncrease}x the value ${formatDuration(analysis.baseline.offsetMs)} before` : ""
    ].filter(Boolean);
    const counts = `${probe.measurements.length} of ${analysis.count} measurements, ${formatDuration(analysis.intervalMs)} apart: ${analysis.failed} failed (${analysis.failureLimit} allowed), ${analysis.errors} query errors, ${analysis.inconclusive} inconclusive`;
    const more = ordered.length > MEASUREMENT_ROWS ? `
_${ordered.length - MEASUREMENT_ROWS} more measurements in the report._
` : "";
    sections.push(
      `#### ${escapeCell(probe.name)}: ${limits.join(", ")}

\`${escapeCell(analysis.query.replace(/\s+/g, " ").trim())}\`<br>${counts}

${boundedTable(
        ["Time (UTC)", "Verdict", "Value", ...analysis.baseline ? ["Baseline"] : [], "Reason"],
        rows,
        budgetBytes
      )}${more}`
    );
  }
  return sections.join("\n");
}
function renderWatchTable(probes, budgetBytes) {
  const watched = probes.filter((probe) => probe.watch);
  if (!watched.length) return "";
  const rows = watched.map((probe) => {
    const watch = probe.watch;
    return [
      probe.verdict === "passed" ? "\u2705" : "\u274C",
      probe.name,
      `${Math.round(watch.passRate * 100)}% (${watch.runs - watch.failures}/${watch.runs})`,
      watch.worstLatencyMs === null ? "\u2013" : formatDuration(watch.worstLatencyMs),
      `${formatDuration(watch.windowMs)} every ${formatDuration(watch.intervalMs)}, ${watch.failureLimit} failure(s) allowed${watch.endedEarly ? `; ended early: ${watch.endedEarly}` : ""}`
    ];
  });
  return `#### Bake window

${boundedTable(["", "Probe", "Pass rate", "Worst latency", "Window"], rows, budgetBytes)}`;
}

// packages/core/src/render/smoke-summary.ts
function orderForSummary(probes) {
  const rank = (p) => p.verdict === "failed" ? p.dryRun ? 1 : 0 : 2;
  return probes.map((probe, index) => ({ probe, index })).sort((a, b) => rank(a.probe) - rank(b.probe) || a.index - b.index).map(({ probe }) => probe);
}
function ms(value) {
  return value === void 0 ? "\u2013" : formatDuration(value);
}
function verdictCell(probe) {
  if (probe.verdict === "passed") return probe.warnings.length ? "\u26A0\uFE0F passed" : "\u2705 passed";
  return probe.dryRun ? "\u{1F9EA} failed (dry run)" : "\u274C failed";
}
function renderSmokeSummary(section, options = {}) {
  const title = options.title ?? "Smoke";
  const total = section.probes.length;
  const where = options.environment ? ` on ${options.environment}` : "";
  const dryRunFailed = section.probes.filter((p) => p.dryRun && p.verdict === "failed").length;
  const headline = section.result === "passed" ? `### \u2705 ${title} passed${where}: ${section.passedCount} of ${total} probes passed in ${formatDuration(section.durationMs)}` : section.result === "error" ? `### \u26D4 ${title} could not judge${where} (result: error): ${escapeCell(section.error ?? "a probe is misconfigured")}` : `### \u274C ${title} failed${where}: ${section.failedCount} of ${total} probes failed in ${formatDuration(section.durationMs)}`;
  const notes = [];
  if (section.cancelled) notes.push("_The run was cancelled; this is a partial result._");
  if (dryRunFailed) notes.push(`_${dryRunFailed} dry-run probe(s) failed without failing the run._`);
  if (section.expectedVersion) {
    const { version, sources, probes } = section.expectedVersion;
    notes.push(
      `_${probes} probe(s) had to report version \`${escapeCell(version)}\` (${sources.join(", ")})._`
    );
  }
  const rows = orderForSummary(section.probes).map((probe) => [
    verdictCell(probe),
    `${probe.name}<br><sub>${probe.target}</sub>`,
    String(probe.attempts),
    ms(probe.latency?.p50Ms),
    ms(probe.latency?.p95Ms),
    [
      probe.reason + (probe.failures.length > 1 ? probe.failures.map((f) => `
\u2022 ${f}`).join("") : ""),
      ...probe.warnings.filter((w) => !w.startsWith("dryRun:"))
    ].join("; ")
  ]);
  const budget = options.budgetBytes ?? SUMMARY_LIMIT_BYTES / 2;
  const ordered = orderForSummary(section.probes);
  const windows = [renderWatchTable(ordered, budget / 4), renderMeasurementTables(ordered, budget / 4)].filter(Boolean).join("\n");
  const table = boundedTable(["Verdict", "Probe", "Attempts", "p50", "p95", "Reason"], rows, budget / 2) + (windows ? `
${windows}` : "");
  const captured2 = Object.entries(section.captured);
  const capturedLine = captured2.length ? `
Captured: ${captured2.slice(0, 20).map(([key, value]) => `\`${escapeCell(key)}=${escapeCell(String(value))}\``).join(", ")}${captured2.length > 20 ? ` and ${captured2.length - 20} more` : ""}
` : "";
  return `${headline}

${notes.length ? `${notes.join("\n")}

` : ""}${table}${capturedLine}`;
}
function smokeLogLine(probe) {
  const mark = probe.verdict === "passed" ? "\u2714" : probe.dryRun ? "~" : "\u2718";
  const latency = probe.latency ? ` (p50 ${ms(probe.latency.p50Ms)})` : "";
  return `${mark} ${probe.name}: ${probe.reason}${latency}`;
}

// packages/core/src/render/webhook-summary.ts
var STATE_ICON = {
  accepted: "\u2705",
  succeeded: "\u2705",
  verified: "\u2705",
  passed: "\u2705",
  failed: "\u274C",
  skipped_missing_webhook: "\u26A0\uFE0F"
};
function keyValueTable(rows) {
  return markdownTable(["What", "Value"], rows);
}
function deliveryRows(outcome) {
  const d = outcome.delivery;
  const rows = [
    ["Target", d.target],
    ["Delivery id (Idempotency-Key)", `\`${d.deliveryId}\``],
    ["Attempts", String(d.attempts)],
    ["HTTP statuses", d.statusCodes.join(", ") || "\u2013"],
    ["Signed", d.signed ? "yes (Standard Webhooks)" : "no"],
    ["Duration", formatDuration(d.durationMs)]
  ];
  if (outcome.statusUrl) rows.push(["Status URL", outcome.statusUrl]);
  if (outcome.polledState) rows.push(["Reported state", outcome.polledState]);
  if (d.error) rows.push(["Error", d.error]);
  return rows;
}
var BLOCKED_NOTE = "A rolled-back release is a blocked promotion: the gate fails in the end.";
function renderRollbackVerifySummary(environment, result) {
  const { state, smoke, verify, metrics } = result;
  const lines = [
    `### ${STATE_ICON[state] ?? ""} Rollback verification: ${state}`,
    "",
    keyValueTable([
      ["Environment", environment],
      ["Rolled back to", result.rollbackRef ? `\`${result.rollbackRef}\`` : "unknown"],
      [
        "Re-smoke",
        `${STATE_ICON[smoke.result]} ${smoke.result} (${smoke.passedCount} passed, ${smoke.failedCount} failed)`
      ],
      ["Verify webhook", verify ? `${STATE_ICON[verify.state]} ${verify.state}` : "not configured"],
      ["Metrics callback", metrics ? `${STATE_ICON[metrics.state]} ${metrics.state}` : "not configured"],
      ["Rollback to verified", formatDuration(result.durationMs)]
    ]),
    renderSmokeSummary(smoke, { title: "Re-smoke", environment })
  ];
  if (verify) lines.push("#### Verify webhook", "", keyValueTable(deliveryRows(verify)));
  if (metrics) lines.push("#### Metrics callback", "", keyValueTable(deliveryRows(metrics)));
  lines.push(BLOCKED_NOTE, "");
  return lines.join("\n");
}

// packages/core/src/workflow-log.ts
function unescapeCommandValue(value) {
  return value.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}
function scrubWorkflowLog(text) {
  const redactor = new Redactor();
  const kept = [];
  for (const line of text.split("\n")) {
    const mask = /^::add-mask::(.*)$/.exec(line.replace(/\r$/, ""));
    if (mask) redactor.add(unescapeCommandValue(mask[1] ?? ""));
    else kept.push(line);
  }
  return redactor.redact(kept.join("\n"));
}

// packages/github/src/deployments.ts
function parseRepo(text, from = "GITHUB_REPOSITORY") {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(text ?? "");
  if (!match) throw new ConfigurationError(`repository '${text ?? ""}' is not owner/name (${from})`);
  return { owner: match[1], repo: match[2] };
}
var GitHubApiError = class extends ConfigurationError {
  name = "GitHubApiError";
};
function apiError(what, error2) {
  const status = error2.status;
  const hint = status === 403 || status === 404 ? " (the token needs `deployments: write` permission: add `permissions: deployments: write` to the job)" : status === 401 ? " (the token is invalid or expired; the default github-token is the job token)" : "";
  return new GitHubApiError(
    `GitHub API: ${what} failed${status ? ` (HTTP ${status})` : ""}: ${errorMessage(error2)}${hint}`
  );
}
async function createDeployment(client, repo, options) {
  try {
    const response = await client.rest.repos.createDeployment({
      ...repo,
      ref: options.ref,
      environment: options.environment,
      auto_merge: false,
      required_contexts: [],
      description: options.description ?? "release-gate deploy",
      payload: options.payload ?? {},
      transient_environment: false
    });
    if (response.status !== 201 || !("id" in response.data)) {
      throw new Error(`unexpected answer ${response.status}: ${JSON.stringify(response.data).slice(0, 200)}`);
    }
    return summarize(response.data);
  } catch (error2) {
    throw apiError(`create deployment for ${options.environment}`, error2);
  }
}
async function setDeploymentStatus(client, repo, options) {
  try {
    await client.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: options.deploymentId,
      state: options.state,
      description: statusDescription(options.description ?? ""),
      ...options.logUrl ? { log_url: options.logUrl } : {},
      ...options.environmentUrl ? { environment_url: options.environmentUrl } : {}
    });
  } catch (error2) {
    throw apiError(`set deployment ${options.deploymentId} status ${options.state}`, error2);
  }
}
var STATUS_DESCRIPTION_MAX = 140;
function statusDescription(text) {
  return text.length <= STATUS_DESCRIPTION_MAX ? text : `${text.slice(0, STATUS_DESCRIPTION_MAX - 1)}\u2026`;
}
async function listDeploymentStatuses(client, repo, deploymentId, perPage = 30) {
  try {
    const response = await client.rest.repos.listDeploymentStatuses({
      ...repo,
      deployment_id: deploymentId,
      per_page: perPage
    });
    return response.data.map((status) => ({
      state: status.state,
      logUrl: status.log_url ?? status.target_url ?? "",
      createdAt: status.created_at
    }));
  } catch (error2) {
    throw apiError(`list statuses of deployment ${deploymentId}`, error2);
  }
}
async function listDeployments(client, repo, options) {
  const limit = options.limit ?? 100;
  const out = [];
  try {
    for (let page = 1; out.length < limit; page++) {
      const perPage = Math.min(100, limit);
      const response = await client.rest.repos.listDeployments({
        ...repo,
        environment: options.environment,
        ...options.sha ? { sha: options.sha } : {},
        per_page: perPage,
        page
      });
      out.push(...response.data.map(summarize));
      if (response.data.length < perPage) break;
    }
  } catch (error2) {
    throw apiError(`list deployments of ${options.environment}`, error2);
  }
  return out.slice(0, limit);
}
var ACTIVE_STATES = /* @__PURE__ */ new Set(["queued", "pending", "in_progress"]);
async function findRunDeployment(client, repo, options) {
  const candidates = await listDeployments(client, repo, {
    environment: options.environment,
    sha: options.sha,
    limit: options.limit ?? 10
  });
  const marker = `/actions/runs/${options.runId}`;
  for (const deployment of candidates) {
    const statuses = await listDeploymentStatuses(client, repo, deployment.id, 10);
    const open = !statuses[0] || ACTIVE_STATES.has(statuses[0].state);
    if (open && statuses.some((status) => status.logUrl.includes(marker))) return deployment;
  }
  return void 0;
}
function isKnownGood(statusesNewestFirst) {
  for (const status of statusesNewestFirst) {
    if (status.state === "failure") return false;
    if (status.state === "success") return true;
  }
  return false;
}
async function resolveKnownGood(client, repo, options) {
  const deployments = await listDeployments(client, repo, {
    environment: options.environment,
    limit: options.limit ?? 30
  });
  let running;
  for (const deployment of deployments) {
    if (options.currentSha && !options.skipRunning && deployment.sha === options.currentSha) continue;
    if (running && deployment.sha === running.sha) continue;
    const statuses = await listDeploymentStatuses(client, repo, deployment.id, 100);
    if (!isKnownGood(statuses)) continue;
    const good = {
      sha: deployment.sha,
      ref: deployment.ref,
      deploymentId: deployment.id,
      createdAt: deployment.createdAt,
      ...deployment.version !== void 0 ? { version: deployment.version } : {}
    };
    if (options.skipRunning && !running) {
      running = good;
      continue;
    }
    return running ? { ...good, running } : good;
  }
  return void 0;
}
async function findDeploymentByRef(client, repo, options) {
  const deployments = await listDeployments(client, repo, {
    environment: options.environment,
    limit: options.limit ?? 30
  });
  const ref = options.ref;
  const shaPrefix = /^[0-9a-f]{7,40}$/i.test(ref) ? ref.toLowerCase() : void 0;
  return deployments.find(
    (d) => d.ref === ref || d.version === ref || shaPrefix !== void 0 && d.sha.toLowerCase().startsWith(shaPrefix)
  );
}
async function resolveRollbackTarget(client, repo, options) {
  if (options.rollbackRef) {
    const match = await findDeploymentByRef(client, repo, {
      environment: options.environment,
      ref: options.rollbackRef
    });
    return {
      rollbackRef: options.rollbackRef,
      rollbackVersion: match?.version ?? null,
      deploymentId: match?.id ?? null,
      source: match ? `input rollback-ref, deployment ${match.id}` : "input rollback-ref"
    };
  }
  const good = await resolveKnownGood(client, repo, {
    environment: options.environment,
    currentSha: options.currentSha,
    skipRunning: options.rollbackOf === "running-release"
  });
  if (!good) return { rollbackRef: null, rollbackVersion: null, deploymentId: null, source: "" };
  return {
    rollbackRef: good.sha,
    rollbackVersion: good.version ?? null,
    deploymentId: good.deploymentId,
    source: good.running ? `the promoted release before the running one (deployment ${good.deploymentId}; running: ${good.running.deploymentId}, ${good.running.sha.slice(0, 12)})` : `last successful deployment ${good.deploymentId} of ${options.environment} (${good.createdAt})`,
    ...good.running ? { runningDeploymentId: good.running.deploymentId } : {}
  };
}
async function markRolledBack(client, repo, options) {
  try {
    await setDeploymentStatus(client, repo, {
      deploymentId: options.deploymentId,
      state: "failure",
      description: `rolled back by ${options.runUrl ?? "the release gate"}`,
      logUrl: options.runUrl ?? void 0
    });
    return { recorded: true };
  } catch (error2) {
    return { recorded: false, error: errorMessage(error2) };
  }
}
function payloadVersion(payload) {
  let value = payload;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return void 0;
    }
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const version = value.version;
    if (typeof version === "string" && version !== "") return version;
  }
  return void 0;
}
function summarize(data) {
  const version = payloadVersion(data.payload);
  return {
    id: data.id,
    sha: data.sha,
    ref: data.ref,
    environment: data.environment,
    createdAt: data.created_at,
    ...version !== void 0 ? { version } : {}
  };
}

// packages/github/src/octokit.ts
async function githubClient(options) {
  const { createGithubClient } = await import("./chunks/octokit-client-CVE7LVTJ.js");
  return createGithubClient(options);
}

// packages/github/src/deployments-port.ts
function githubDeployments(options) {
  let connection;
  const connect = async () => {
    connection ??= {
      repo: parseRepo(options.repository, options.repositoryFrom),
      client: githubClient({ token: options.token, logger: options.logger })
    };
    return { repo: connection.repo, client: await connection.client };
  };
  return {
    findRunDeployment: async (query) => {
      const { client, repo } = await connect();
      return findRunDeployment(client, repo, query);
    },
    createDeployment: async (deployment) => {
      const { client, repo } = await connect();
      return createDeployment(client, repo, deployment);
    },
    setStatus: async (status) => {
      const { client, repo } = await connect();
      return setDeploymentStatus(client, repo, status);
    },
    resolveRollbackTarget: async (query) => {
      const { client, repo } = await connect();
      return resolveRollbackTarget(client, repo, query);
    },
    markRolledBack: async (options2) => {
      try {
        const { client, repo } = await connect();
        return await markRolledBack(client, repo, options2);
      } catch (error2) {
        return { recorded: false, error: errorMessage(error2) };
      }
    }
  };
}

// packages/github/src/inputs.ts
var actionInputSource = {
  read: (name) => getInput(name),
  describe: (name) => `Input '${name}'`,
  example: (name, value) => `${name}: ${value}`,
  mask: (value) => setSecret(value)
};
function readInputs(spec) {
  return parseInputs(spec, actionInputSource);
}

// packages/github/src/logger.ts
var actionsLogger = {
  info: (message) => info(message),
  warning: (message) => warning(message),
  error: (message) => error(message),
  debug: (message) => debug(message),
  group: (name, fn) => group(name, fn)
};

// packages/github/src/run.ts
import { statSync } from "node:fs";

// packages/github/src/step-log.ts
import { mkdir as mkdir2, readFile as readFile3, writeFile as writeFile2 } from "node:fs/promises";
import { dirname as dirname3 } from "node:path";
var STEP_LOG_LIMIT = 1024 * 1024;
var captured = "";
var truncated = false;
var target;
var registering;
var HOOKED = /* @__PURE__ */ Symbol("release-gate output redaction");
function captureStepLog() {
  captured = "";
  truncated = false;
  target = void 0;
  runSecrets.clear();
  runSecrets.onNewPart = (part) => {
    if (part === registering) return;
    setSecret(part);
    if (part.toLowerCase() !== part) setSecret(part.toLowerCase());
  };
  hook(process.stdout, true);
  hook(process.stderr, false);
}
function hook(stream, keep) {
  if (stream.write[HOOKED]) return;
  const write = stream.write.bind(stream);
  const redacting = ((chunk, ...rest) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const shown = redactLines(text);
    if (keep) keepInLog(shown);
    return write(shown, ...rest);
  });
  redacting[HOOKED] = true;
  stream.write = redacting;
}
function redactLines(text) {
  return text.split(/(?<=\n)/).map((line) => {
    const mask = /^::add-mask::(.*?)\r?\n?$/.exec(line);
    if (!mask) return redactOutput(line);
    const value = unescapeCommandValue(mask[1] ?? "");
    registering = value;
    try {
      runSecrets.add(value);
    } finally {
      registering = void 0;
    }
    return line;
  }).join("");
}
function keepInLog(text) {
  if (truncated) return;
  captured += text;
  if (captured.length > STEP_LOG_LIMIT) {
    captured = captured.slice(0, STEP_LOG_LIMIT);
    truncated = true;
  }
}
function keepStepLogAt(path) {
  target = path;
}
async function writeStepLog() {
  if (!target) return;
  const text = redactOutput(scrubWorkflowLog(captured)) + (truncated ? "\n[log cut at 1 MiB]\n" : "");
  try {
    await mkdir2(dirname3(target), { recursive: true });
    await writeFile2(target, text);
  } catch {
  }
}
async function scrubStepFiles(env = process.env) {
  for (const path of [env.GITHUB_OUTPUT, env.GITHUB_STEP_SUMMARY]) {
    if (!path) continue;
    try {
      const text = await readFile3(path, "utf8");
      const clean = redactOutput(text);
      if (clean !== text) await writeFile2(path, clean);
    } catch {
    }
  }
}

// packages/github/src/summary.ts
async function writeSummary(markdown) {
  try {
    await summary.addRaw(markdown).write();
  } catch (error2) {
    warning(`could not write the step summary: ${errorMessage(error2)}`);
  }
}

// packages/github/src/run.ts
async function runAction(name, body, onCancel, onInvalidInput) {
  captureStepLog();
  const summaryAtStart = summarySize();
  const handlers = [];
  if (onCancel) {
    let cancelling = false;
    for (const signal of ["SIGTERM", "SIGINT"]) {
      const handler = () => {
        if (cancelling) return;
        cancelling = true;
        warning(`${name}: cancelled (${signal}); writing a partial report`);
        onCancel(signal).catch((error2) => error(`${name}: could not write the partial report: ${errorMessage(error2)}`)).finally(() => finishStep().finally(() => process.exit(130)));
      };
      process.on(signal, handler);
      handlers.push([signal, handler]);
    }
  }
  try {
    await body();
  } catch (error2) {
    if (error2 instanceof ConfigurationError) {
      setFailed(`${name}: ${error2.message}`);
      const note = onInvalidInput?.(error2);
      if (summarySize() === summaryAtStart) await writeInvalidInputSummary(name, error2.message, note);
    } else if (error2 instanceof GateBlocked) {
      setFailed(`${name}: ${error2.message}`);
    } else {
      setFailed(
        `${name}: unexpected error (please report it): ${error2 instanceof Error ? error2.stack ?? error2.message : String(error2)}`
      );
    }
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    await finishStep();
  }
}
async function finishStep() {
  await writeStepLog();
  await scrubStepFiles();
}
function summarySize() {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (!path) return 0;
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
async function writeInvalidInputSummary(name, message, note) {
  const lines = message.split(/\r?\n/).filter((line) => line.trim()).map((line) => `- ${line}`);
  const markdown = `### \u26D4 ${name}: invalid input

The step stopped on its input: fix it and re-run.

${lines.join("\n")}
${note ? `
${note}
` : ""}`;
  if (process.env.GITHUB_STEP_SUMMARY) await writeSummary(markdown);
}

// packages/github/src/gate-step.ts
function runGateStep(action, spec, body, onCancelled, onInvalidInput) {
  const controller = new AbortController();
  const partial = new PartialReport();
  return runAction(
    action,
    async () => {
      const inputs = readInputs(spec);
      const context = runnerGateContext(inputs);
      keepStepLogAt(stepLogPath(context.reportPath, action));
      await body(inputs, {
        context,
        host: { logger: actionsLogger, signal: controller.signal, mask: setSecret, partial },
        deployments: (token) => token ? githubDeployments({ token, repository: process.env.GITHUB_REPOSITORY, logger: actionsLogger }) : void 0
      });
    },
    async () => {
      controller.abort();
      if (await partial.write() && onCancelled) await onCancelled();
    },
    onInvalidInput
  );
}

// actions/rollback-verify/main.ts
var ACTION = "rollback-verify";
function run() {
  return runGateStep(
    ACTION,
    rollbackVerifySpec,
    async (inputs, step) => {
      const result = await verifyRollback(inputs, step.context, {
        ...step.host,
        runCommand: commandRunner({ env: commandProbeEnv() }),
        onProbeDone: (probe, progress) => info(`[${progress.done}/${progress.total}] ${smokeLogLine(probe)}`)
      });
      const { smoke, verify, metrics, state } = result;
      for (const probe of smoke.probes) {
        if (probe.verdict === "failed" && !probe.dryRun) {
          error(`${probe.name} (${probe.target}): ${probe.reason}`, {
            title: "Rollback verification probe failed"
          });
        }
      }
      setOutput(RollbackVerifyOutputs.RollbackCallbackState, state);
      setOutput(RollbackVerifyOutputs.SmokeResult, smoke.result);
      setOutput(RollbackVerifyOutputs.DeliveryId, verify?.deliveryId ?? "");
      setOutput(RollbackVerifyOutputs.MetricsDeliveryId, metrics?.deliveryId ?? "");
      setOutput(RollbackVerifyOutputs.DurationMs, String(result.durationMs));
      await writeSummary(renderRollbackVerifySummary(step.context.identity.environment, result));
      if (result.problems.length) {
        setFailed(`${ACTION}: rollback not verified: ${result.problems.join("; ")}`);
      } else info(`${ACTION}: rollback-callback-state=${state}`);
    },
    void 0,
    invalidInput
  );
}
function invalidInput() {
  const why = "the rollback was not verified: the step stopped on an invalid input before any probe ran";
  setOutput(RollbackVerifyOutputs.RollbackCallbackState, "failed");
  info(`${ACTION}: rollback-callback-state=failed (${why})`);
  return `\`rollback-callback-state: failed\`: ${why}.`;
}

// actions/rollback-verify/index.ts
await run();
