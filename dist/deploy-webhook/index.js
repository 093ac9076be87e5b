import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  nextDelay,
  parseRetryAfter,
  sleep
} from "./chunks/chunk-CCK4FFWN.js";
import {
  httpRequest
} from "./chunks/chunk-HYXZD6JN.js";
import {
  measurementSchema,
  metricAnalysisSchema
} from "./chunks/chunk-6I3MP75B.js";
import {
  silentLogger
} from "./chunks/chunk-N4BXVGM5.js";
import {
  DeployWebhookOutputs,
  DeployWebhookState,
  actionsLogger,
  createDeployment,
  deployWebhookSpec,
  findRunDeployment,
  githubClient,
  idempotencyKey,
  markRolledBack,
  parseRepo,
  reportIdentity,
  resolveRollbackTarget,
  setDeploymentStatus,
  signatureHeaders,
  urlSecretForms,
  workspacePath
} from "./chunks/chunk-FA3DDGVJ.js";
import {
  ConfigurationError,
  GateBlocked,
  errorMessage,
  formatDuration,
  timeSpan
} from "./chunks/chunk-DKV6U6UH.js";
import {
  error,
  getInput,
  info,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunks/chunk-VSUL7ZBW.js";
import {
  REDACTED,
  Redactor,
  redactOutput,
  runSecrets
} from "./chunks/chunk-ETZUZ3BM.js";
import "./chunks/chunk-J3UZPZ7J.js";
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

// packages/core/src/gate/deploy.ts
async function deploy(inputs, context, host) {
  const started = /* @__PURE__ */ new Date();
  const { logger } = host;
  const webhookUrl = inputs["webhook-url"];
  if (!webhookUrl) throw new ConfigurationError("webhook-url is required: the URL that starts a deploy");
  const extraSecrets = maskExtra(host, urlSecretForms(webhookUrl));
  let deploymentId = null;
  host.partial?.pending(context, "deploy", () => ({
    state: "failed",
    ...timeSpan(started, /* @__PURE__ */ new Date()),
    deploymentId,
    delivery: null
  }));
  const dryRun = inputs["dry-run"];
  if (inputs["github-deployment"] && dryRun)
    logger.info("dry-run: no GitHub deployment is created or updated");
  const github = inputs["github-deployment"] && !dryRun ? host.deployments : void 0;
  if (inputs["github-deployment"] && !dryRun && !github) {
    throw new ConfigurationError("github-deployment is true but there is no GitHub token (github-token)");
  }
  const { identity } = context;
  const logUrl = identity.run.url ?? void 0;
  if (github) {
    deploymentId = inputs["deployment-id"] ?? null;
    let how = "given as deployment-id";
    if (deploymentId === null && identity.sha && identity.run.id) {
      const existing = await github.findRunDeployment({
        environment: identity.environment,
        sha: identity.sha,
        runId: identity.run.id
      });
      if (existing) {
        deploymentId = existing.id;
        how = "created by GitHub for this job's environment";
      }
    }
    if (deploymentId === null) {
      const created = await github.createDeployment({
        ref: identity.sha ?? identity.ref ?? "HEAD",
        environment: identity.environment,
        description: `release-gate deploy of ${identity.version ?? identity.sha ?? "HEAD"}`,
        payload: { service: identity.service, version: identity.version }
      });
      deploymentId = created.id;
      how = "created";
    }
    host.onDeployment?.(deploymentId);
    logger.info(`GitHub deployment ${deploymentId} (${how})`);
    await github.setStatus({
      deploymentId,
      state: "in_progress",
      description: "deploy webhook called",
      logUrl,
      environmentUrl: inputs["environment-url"]
    });
  }
  const outcome = await sendWebhook({
    url: webhookUrl,
    event: buildEvent("deploy.requested", { ...context.common, wait: inputs.wait }),
    idempotencyKey: context.keyFor("deploy.requested"),
    ...deliveryOptions(inputs, host, extraSecrets),
    label: "deploy webhook"
  });
  let statusRecorded = true;
  const handOver = !inputs["finish-deployment"] && outcome.state !== "failed";
  if (github && deploymentId !== null && handOver) {
    logger.info(
      `GitHub deployment ${deploymentId} stays in_progress (finish-deployment: false): the report step sets success or failure`
    );
  } else if (github && deploymentId !== null) {
    await github.setStatus({
      deploymentId,
      state: outcome.state === "failed" ? "failure" : "success",
      description: FINAL_DESCRIPTION[outcome.state],
      logUrl,
      environmentUrl: inputs["environment-url"]
    }).catch((error2) => {
      statusRecorded = false;
      logger.warning(`could not set the final deployment status: ${errorMessage(error2)}`);
    });
  }
  host.partial?.settle();
  const section = {
    state: outcome.state,
    ...timeSpan(started, /* @__PURE__ */ new Date()),
    deploymentId,
    delivery: outcome.delivery
  };
  if (context.reportPath) await mergeReportSection(context.reportPath, identity, "deploy", section);
  return {
    outcome,
    section,
    deploymentId,
    handedOver: handOver && deploymentId !== null,
    settled: statusRecorded && !handOver
  };
}
var FINAL_DESCRIPTION = {
  failed: "deploy webhook failed",
  succeeded: "deploy succeeded",
  accepted: "deploy accepted by the webhook (not waited on)"
};

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
function renderDeploySummary(identity, result) {
  const { outcome, deploymentId } = result;
  const title = `### ${STATE_ICON[outcome.state] ?? ""} Deploy webhook: ${outcome.state}${outcome.delivery.dryRun ? " (dry-run, nothing sent)" : ""}`;
  const rows = [
    ["Environment", identity.environment],
    ["Service", identity.service],
    ["Version", identity.version ?? "\u2013"],
    ["Sha", identity.sha ? `\`${identity.sha.slice(0, 12)}\`` : "\u2013"],
    ...deliveryRows(outcome),
    [
      "GitHub deployment",
      deploymentId === null ? "\u2013" : `${deploymentId}${result.handedOver ? " (in_progress until the report step sets the verdict)" : ""}`
    ],
    ["Step duration", formatDuration(result.section.durationMs)]
  ];
  return `${title}

${keyValueTable(rows)}${dryRunDetails(outcome)}`;
}
function renderDeployCancelledSummary(deploymentId) {
  const post = deploymentId !== null ? ` The post step marks GitHub deployment ${deploymentId} as error.` : "";
  return `### ${STATE_ICON.failed} Deploy webhook: cancelled

The job was cancelled before the deploy finished.${post}
`;
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

// actions/deploy-webhook/main.ts
var ACTION = "deploy-webhook";
function run() {
  let deploymentId = null;
  return runGateStep(
    ACTION,
    deployWebhookSpec,
    async (inputs, step) => {
      const result = await deploy(inputs, step.context, {
        ...step.host,
        deployments: step.deployments(inputs["github-token"]),
        onDeployment: (id) => {
          deploymentId = id;
          saveState(DeployWebhookState.DeploymentId, String(id));
        }
      });
      if (result.handedOver) saveState(DeployWebhookState.HandedOver, "true");
      if (result.settled) saveState(DeployWebhookState.Finished, "true");
      const { outcome } = result;
      setOutput(DeployWebhookOutputs.DeployState, outcome.state);
      setOutput(DeployWebhookOutputs.DeliveryId, outcome.deliveryId);
      setOutput(DeployWebhookOutputs.DeploymentId, result.deploymentId ?? "");
      setOutput(DeployWebhookOutputs.DurationMs, String(result.section.durationMs));
      await writeSummary(renderDeploySummary(step.context.identity, result));
      if (outcome.state === "failed") setFailed(`${ACTION}: ${outcome.message}`);
      else info(outcome.message);
    },
    () => writeSummary(renderDeployCancelledSummary(deploymentId))
  );
}

// actions/deploy-webhook/index.ts
await run();
