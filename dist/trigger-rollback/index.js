import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  nextDelay,
  parseRetryAfter,
  sleep
} from "./chunks/chunk-CCK4FFWN.js";
import {
  measurementSchema,
  metricAnalysisSchema
} from "./chunks/chunk-6I3MP75B.js";
import {
  ConfigurationError,
  GateBlocked,
  durationSchema,
  errorMessage,
  formatDuration,
  timeSpan
} from "./chunks/chunk-DKV6U6UH.js";
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
function deliveryOptions(inputs, host, extraSecrets = []) {
  return {
    bearerToken: inputs["bearer-token"],
    signingSecret: inputs["signing-secret"],
    timeoutMs: inputs.timeout,
    deadlineMs: inputs.deadline,
    maxAttempts: inputs["max-attempts"],
    wait: inputs.wait,
    pollIntervalMs: inputs["poll-interval"],
    dryRun: inputs["dry-run"],
    logger: host.logger,
    signal: host.signal,
    extraSecrets: [...inputs["github-token"] ? [inputs["github-token"]] : [], ...extraSecrets]
  };
}
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
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: "must be an ISO 8601 timestamp with a time zone" });
    return NEVER;
  }
  return new Date(ms);
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
var enumInput = (values, fallback) => string().transform((raw, ctx) => {
  const value = raw === "" ? fallback : raw;
  if (!values.includes(value)) {
    ctx.addIssue({ code: "custom", message: `valid values are: ${values.join(", ")}` });
    return NEVER;
  }
  return value;
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
var githubTokenSpec = {
  "github-token": {
    schema: optionalString,
    example: "${{ github.token }}",
    secret: true,
    env: "GITHUB_TOKEN"
  }
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

// packages/core/src/gate/deployments.ts
var ROLLBACK_OF = ["this-release", "running-release"];

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

// packages/core/src/gate/trigger-rollback.ts
var STEP = "trigger-rollback";
async function triggerRollback(inputs, context, host) {
  const started = /* @__PURE__ */ new Date();
  const { logger, deployments } = host;
  const extraSecrets = maskExtra(host, urlSecretForms(inputs["webhook-url"]));
  const reason = inputs.reason ?? "release gate failed";
  const partial = {
    state: "failed",
    rollbackRef: inputs["rollback-ref"] ?? null,
    reason,
    drill: inputs.drill,
    ...timeSpan(started, started),
    delivery: null
  };
  host.partial?.pending(context, "rollback", () => ({ ...partial, ...timeSpan(started, /* @__PURE__ */ new Date()) }));
  const target2 = await rollbackTarget(inputs, context, host);
  const { rollbackRef, rollbackVersion } = target2;
  if (rollbackRef)
    logger.info(
      `rollback to ${rollbackRef}${rollbackVersion ? ` (version ${rollbackVersion})` : ""} (${target2.source})`
    );
  partial.rollbackRef = rollbackRef;
  partial.rollbackVersion = rollbackVersion;
  const webhookUrl = inputs["webhook-url"];
  let outcome;
  if (webhookUrl) {
    outcome = await sendWebhook({
      url: webhookUrl,
      event: buildEvent("rollback.requested", { ...context.common, rollbackRef, reason }),
      idempotencyKey: context.keyFor("rollback.requested"),
      ...deliveryOptions(inputs, host, extraSecrets),
      label: "rollback webhook"
    });
  } else {
    logger.warning(
      `${STEP}: webhook-url is empty, so no rollback was triggered (rollback-state=skipped_missing_webhook). Set webhook-url: \${{ secrets.ROLLBACK_WEBHOOK_URL }} to roll back automatically.`
    );
  }
  const state = outcome?.state ?? "skipped_missing_webhook";
  const deploymentId = inputs.drill ? null : inputs["deployment-id"] ?? target2.runningDeploymentId ?? null;
  let deploymentNote = "";
  if (deploymentId !== null && (state === "accepted" || state === "succeeded")) {
    const marked = deployments ? await deployments.markRolledBack({ deploymentId, runUrl: context.identity.run.url }) : { recorded: false, error: "input 'github-token' is empty (needs deployments: write)" };
    if (marked.recorded) {
      deploymentNote = `${deploymentId} marked failure (rolled back)`;
      logger.info(`GitHub deployment ${deploymentId} marked failure (rolled back)`);
    } else {
      deploymentNote = `${deploymentId}: could not mark failure: ${marked.error}`;
      logger.warning(`GitHub deployment ${deploymentId} could not be marked failure: ${marked.error}`);
    }
  }
  host.partial?.settle();
  const section = {
    ...partial,
    state,
    ...timeSpan(started, /* @__PURE__ */ new Date()),
    deploymentId,
    delivery: outcome?.delivery ?? null
  };
  if (context.reportPath) await mergeReportSection(context.reportPath, context.identity, "rollback", section);
  return { state, section, outcome, refSource: target2.source, deploymentNote };
}
async function rollbackTarget(inputs, context, host) {
  const given = inputs["rollback-ref"];
  const fallback = {
    rollbackRef: given ?? null,
    rollbackVersion: null,
    source: given ? "input rollback-ref" : ""
  };
  const { environment } = context.identity;
  if (!host.deployments) {
    if (!given) {
      host.logger.warning(
        "rollback-ref is empty and github-token is empty: cannot resolve the last good deployment; the webhook gets rollbackRef null. Example: github-token: ${{ github.token }} (permissions: deployments: read)"
      );
    }
    return fallback;
  }
  try {
    const target2 = await host.deployments.resolveRollbackTarget({
      environment,
      currentSha: context.identity.sha,
      rollbackRef: given,
      rollbackOf: inputs["rollback-of"]
    });
    if (!target2.rollbackRef) {
      host.logger.warning(
        `no earlier successful deployment of ${environment} other than the current sha; the webhook gets rollbackRef null (set rollback-ref to choose the version)`
      );
    }
    return target2;
  } catch (error2) {
    host.logger.warning(
      given ? `could not look up the deployment of ${given} (rollback-version stays empty): ${errorMessage(error2)}` : `could not resolve the last good deployment: ${errorMessage(error2)}`
    );
    return fallback;
  }
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
function dryRunDetails(outcome) {
  return outcome?.dryRunText ? `
<details><summary>Request (secrets masked)</summary>

\`\`\`
${outcome.dryRunText}
\`\`\`
</details>
` : "";
}
var BLOCKED_NOTE = "A rolled-back release is a blocked promotion: the gate fails in the end.";
function renderRollbackSummary(environment, result) {
  const { section, outcome, refSource, deploymentNote } = result;
  const title = `### ${STATE_ICON[section.state] ?? ""} Rollback: ${section.state}${section.drill ? " (drill)" : ""}${outcome?.delivery.dryRun ? " (dry-run, nothing sent)" : ""}`;
  const rows = [
    ["Environment", environment],
    [
      "Roll back to",
      section.rollbackRef ? `\`${section.rollbackRef}\`${refSource ? ` (${refSource})` : ""}` : "unknown (receiver decides)"
    ],
    ["Known-good version", section.rollbackVersion ?? "unknown"],
    ["Reason", section.reason],
    ...outcome ? deliveryRows(outcome) : [["Webhook", "not configured: no rollback was triggered"]],
    ...deploymentNote ? [["GitHub deployment", deploymentNote]] : [],
    ["Step duration", formatDuration(section.durationMs)]
  ];
  return `${title}

${keyValueTable(rows)}${dryRunDetails(outcome)}
${BLOCKED_NOTE}
`;
}

// packages/core/src/specs/trigger-rollback.ts
var triggerRollbackInputs = {
  ...webhookInputSpecs,
  ...githubTokenSpec,
  "rollback-ref": {
    schema: optionalString,
    example: "v1.4.1 (or a sha); empty resolves the last good deployment"
  },
  reason: { schema: optionalString, example: "smoke failed: checkout, healthz" },
  "deployment-id": { schema: deploymentIdInput, example: "${{ steps.deploy.outputs.deployment-id }}" },
  "rollback-of": { schema: enumInput(ROLLBACK_OF, "this-release"), example: "running-release" },
  ...waitInputSpecs
};
var triggerRollbackSpec = { inputs: triggerRollbackInputs };
var TriggerRollbackOutputs = {
  RollbackState: "rollback-state",
  RollbackRef: "rollback-ref",
  RollbackVersion: "rollback-version",
  DeliveryId: "delivery-id"
};

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
import { mkdir as mkdir2, readFile as readFile2, writeFile as writeFile2 } from "node:fs/promises";
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
      const text = await readFile2(path, "utf8");
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

// actions/trigger-rollback/main.ts
var ACTION = "trigger-rollback";
function run() {
  return runGateStep(ACTION, triggerRollbackSpec, async (inputs, step) => {
    const result = await triggerRollback(inputs, step.context, {
      ...step.host,
      deployments: step.deployments(inputs["github-token"])
    });
    const { section, outcome } = result;
    setOutput(TriggerRollbackOutputs.RollbackState, result.state);
    setOutput(TriggerRollbackOutputs.RollbackRef, section.rollbackRef ?? "");
    setOutput(TriggerRollbackOutputs.RollbackVersion, section.rollbackVersion ?? "");
    setOutput(TriggerRollbackOutputs.DeliveryId, outcome?.deliveryId ?? "");
    await writeSummary(renderRollbackSummary(step.context.identity.environment, result));
    if (outcome?.state === "failed") setFailed(`${ACTION}: ${outcome.message}`);
    else if (outcome) info(outcome.message);
  });
}

// actions/trigger-rollback/index.ts
await run();
