import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  sleep
} from "./chunks/chunk-CCK4FFWN.js";
import {
  ConfigurationError,
  GateBlocked,
  durationSchema,
  errorMessage,
  formatDuration,
  iso_exports
} from "./chunks/chunk-GPWLVZMG.js";
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
  array,
  boolean,
  discriminatedUnion,
  literal,
  number,
  object,
  string
} from "./chunks/chunk-VAVOXQNS.js";
import {
  httpRequest
} from "./chunks/chunk-HYXZD6JN.js";
import {
  REDACTED,
  Redactor,
  redactOutput,
  redactUrl,
  runSecrets
} from "./chunks/chunk-RAUDSX75.js";
import "./chunks/chunk-5JZZYB2T.js";
import {
  HttpFailure
} from "./chunks/chunk-7POJXVZZ.js";
import "./chunks/chunk-ONBS6DE5.js";

// packages/core/src/report/file.ts
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
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

// packages/core/src/report/context.ts
function workspacePath(path, env = process.env) {
  if (path.startsWith("/")) return path;
  return `${env.GITHUB_WORKSPACE ?? process.cwd()}/${path}`;
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

// packages/core/src/inputs/schemas.ts
var optionalString = string().transform((v) => v === "" ? void 0 : v);
var requiredString = string().min(1, { message: "is required" });
var stringInput = (fallback) => string().transform((raw) => raw || fallback);
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
var requiredEnumInput = (values) => string().transform((raw, ctx) => {
  if (!values.includes(raw)) {
    const valid = `valid values are: ${values.join(", ")}`;
    ctx.addIssue({ code: "custom", message: raw === "" ? `is required; ${valid}` : valid });
    return NEVER;
  }
  return raw;
});
function positiveDurationInput(fallback) {
  return string().transform((raw, ctx) => {
    const value = raw === "" ? fallback : raw;
    if (value === void 0) return void 0;
    const parsed = durationSchema.safeParse(value);
    if (!parsed.success || parsed.data <= 0) {
      ctx.addIssue({
        code: "custom",
        message: parsed.success ? "must be longer than 0" : parsed.error.issues[0]?.message ?? "not a duration"
      });
      return NEVER;
    }
    return parsed.data;
  });
}
var fractionInput = (fallback, max = 1) => string().transform((raw, ctx) => {
  const value = raw === "" ? fallback : raw;
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
  const number2 = percent ? Number(percent[1]) / 100 : /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(number2) || number2 > max) {
    ctx.addIssue({
      code: "custom",
      message: `must be a percentage from 0% to ${max * 100}% such as 1% or 0.5%, or a fraction such as 0.01`
    });
    return NEVER;
  }
  return number2;
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

// packages/core/src/webhooks/client.ts
function maskedTarget(raw) {
  try {
    const url = new URL(raw);
    const shown2 = url.pathname === "/" && !url.search ? url.origin : `${url.origin}/${REDACTED}`;
    const parts = new Redactor();
    parts.add(raw, "public-url");
    return parts.redact(shown2);
  } catch {
    return REDACTED;
  }
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
      const shown2 = input.secret ? "" : ` '${raw}'`;
      problems.push(
        `${source.describe(name)}${shown2} is invalid: ${message}. Example: ${source.example(name, input.example)}`
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

// packages/core/src/receiver-evidence/schemas.ts
var EVIDENCE_REPORT_SCHEMA_VERSIONS = {
  "receiver-validation": 2,
  "receiver-drill": 1,
  "load-calibration": 1
};
var EVIDENCE_REPORT_FILES = {
  "receiver-validation": "release-gate-receiver-validation-report",
  "receiver-drill": "release-gate-receiver-drill-report",
  "load-calibration": "release-gate-load-calibration-report"
};
var evidenceKinds = ["receiver-validation", "receiver-drill", "load-calibration"];
var evidenceReportStatusSchema = _enum(["passed", "partial", "failed"]);
var passedOrFailed = _enum(["passed", "failed"]);
function common(schemaVersion, status) {
  return {
    schemaVersion: literal(schemaVersion),
    generatedAt: iso_exports.datetime(),
    status,
    durationMs: number()
  };
}
var validationCheckNames = [
  "signed-event-accepted",
  "forged-signature-rejected",
  "missing-signature-rejected",
  "stale-timestamp-rejected",
  "malformed-body-rejected",
  "replay-not-counted-twice",
  "rejected-events-not-counted"
];
var validationCheckSchema = object({
  name: _enum(validationCheckNames),
  description: string(),
  status: _enum(["passed", "failed", "skipped"]),
  /** The answer the contract requires, e.g. `2xx`, `4xx`, `counter +1`. */
  expected: string(),
  /** What was seen, in the same terms. */
  observed: string(),
  httpStatus: number().int().nullable(),
  latencyMs: number().nullable(),
  detail: string().optional()
});
var validationSummary = {
  passed: number().int(),
  failed: number().int(),
  skipped: number().int(),
  failedChecks: array(string())
};
function validationReportSchema(schemaVersion, status, summary2) {
  return object({
    ...common(schemaVersion, status),
    kind: literal("receiver-validation"),
    receiver: object({ url: string(), metricsUrl: string().nullable() }),
    environment: string(),
    toleranceMs: number(),
    checks: array(validationCheckSchema),
    summary: object(summary2),
    latency: object({ minMs: number(), meanMs: number(), maxMs: number() }).nullable()
  });
}
var receiverValidationReportSchema = validationReportSchema(
  EVIDENCE_REPORT_SCHEMA_VERSIONS["receiver-validation"],
  evidenceReportStatusSchema,
  { ...validationSummary, skippedChecks: array(string()) }
);
var receiverValidationReportV1Schema = validationReportSchema(1, passedOrFailed, validationSummary);
var drillOutcomeSchema = _enum(["delivered", "not_confirmed", "rejected", "unreachable"]);
var drillEnvironmentSchema = object({
  environment: string(),
  webhookId: string(),
  outcome: drillOutcomeSchema,
  httpStatus: number().int().nullable(),
  /** Time for the receiver to answer the POST. */
  responseLatencyMs: number().nullable(),
  /** Time from sending until the arrival was confirmed; null when it was not. */
  deliveryLatencyMs: number().nullable(),
  confirmedBy: array(_enum(["metrics", "event-log"])),
  detail: string().optional()
});
var receiverDrillReportSchema = object({
  ...common(EVIDENCE_REPORT_SCHEMA_VERSIONS["receiver-drill"], passedOrFailed),
  kind: literal("receiver-drill"),
  receiver: object({ url: string(), metricsUrl: string().nullable(), eventLog: string().nullable() }),
  deadlineMs: number(),
  environments: array(drillEnvironmentSchema),
  summary: object({
    delivered: number().int(),
    failed: number().int(),
    failedEnvironments: array(string())
  })
});
var latencyFiguresSchema = object({
  p50Ms: number(),
  p95Ms: number(),
  p99Ms: number(),
  maxMs: number(),
  meanMs: number()
});
var loadBudgetsSchema = object({
  p95Ms: number(),
  p99Ms: number(),
  /** A fraction: 0.01 is 1%. */
  errorRate: number()
});
var loadTargetResultSchema = object({
  url: string(),
  method: string(),
  status: passedOrFailed,
  /** Requests answered (any status) plus requests that errored. */
  requests: number().int(),
  responses: number().int(),
  non2xx: number().int(),
  errors: number().int(),
  timeouts: number().int(),
  errorRate: number(),
  elapsedMs: number(),
  /** Answered requests per second over the whole run (autocannon paces a rate in one-second buckets). */
  throughput: number(),
  latency: latencyFiguresSchema.nullable(),
  hardStopped: boolean(),
  breaches: array(string())
});
var budgetProposalSchema = object({
  setting: _enum(["latency-budget-p95", "latency-budget-p99", "error-budget"]),
  current: string(),
  proposed: string(),
  reason: string()
});
var loadCalibrationReportSchema = object({
  ...common(EVIDENCE_REPORT_SCHEMA_VERSIONS["load-calibration"], passedOrFailed),
  kind: literal("load-calibration"),
  settings: object({
    requests: number().int().nullable(),
    durationMs: number().nullable(),
    rate: number().nullable(),
    concurrency: number().int(),
    timeoutMs: number(),
    hardStopMs: number(),
    headroom: number()
  }),
  budgets: loadBudgetsSchema,
  targets: array(loadTargetResultSchema),
  /** The slowest target's figures: what the budgets must hold for. */
  observed: object({ p95Ms: number(), p99Ms: number(), errorRate: number() }).nullable(),
  proposals: array(budgetProposalSchema)
});
var evidenceReportSchemas = {
  "receiver-validation": receiverValidationReportSchema,
  "receiver-drill": receiverDrillReportSchema,
  "load-calibration": loadCalibrationReportSchema
};
var readableEvidenceReportSchemas = {
  "receiver-validation": discriminatedUnion("schemaVersion", [
    receiverValidationReportSchema,
    receiverValidationReportV1Schema
  ]),
  "receiver-drill": receiverDrillReportSchema,
  "load-calibration": loadCalibrationReportSchema
};

// packages/core/src/receiver-evidence/delivery.ts
import { randomBytes } from "node:crypto";
function callbackEvent(environment, service, now) {
  return JSON.stringify(
    buildEvent(
      "release_gate.callback",
      {
        environment,
        service,
        ref: null,
        sha: null,
        version: null,
        runUrl: null,
        drill: true,
        rollbackCallbackState: "verified",
        rollbackState: "succeeded",
        durationMs: 0
      },
      now
    )
  );
}
function newMessageId(prefix = "msg") {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}
async function sendEvent(options, redactor) {
  const headers = {
    "content-type": "application/json",
    "webhook-id": options.id,
    "idempotency-key": options.id,
    "webhook-timestamp": String(options.timestampSeconds)
  };
  if (options.signWith)
    headers["webhook-signature"] = sign(options.signWith, options.id, options.timestampSeconds, options.body);
  if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
  try {
    const response = await httpRequest({
      url: options.url,
      method: "POST",
      headers,
      body: options.body,
      timeoutMs: options.timeoutMs,
      bodyLimit: 4096
    });
    const firstLine = response.body.toString("utf8").split("\n")[0]?.slice(0, 200) ?? "";
    return {
      status: response.status,
      latencyMs: round(response.durationMs),
      note: redactor.redact(firstLine)
    };
  } catch (error2) {
    if (error2 instanceof HttpFailure)
      return { status: null, latencyMs: round(error2.durationMs), note: redactor.redact(error2.message) };
    throw error2;
  }
}
function round(ms2) {
  return Math.round(ms2 * 100) / 100;
}

// packages/core/src/receiver-evidence/report-header.ts
function evidenceReportHeader(kind, status, started, now) {
  return {
    schemaVersion: EVIDENCE_REPORT_SCHEMA_VERSIONS[kind],
    kind,
    generatedAt: now.toISOString(),
    status,
    durationMs: round(performance.now() - started)
  };
}
function shownReceiverUrls(options) {
  return {
    url: maskedTarget(options.receiverUrl),
    metricsUrl: options.metricsUrl ? maskedTarget(options.metricsUrl) : null
  };
}

// packages/core/src/receiver-evidence/load-calibration.ts
var DEFAULT_LOAD_BUDGETS = { p95Ms: 500, p99Ms: 1e3, errorRate: 0.01 };
var MAX_SAMPLES = 2e5;
function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(p / 100 * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
function formatLatency(ms2) {
  return ms2 < 1e3 ? `${round(ms2)}ms` : formatDuration(ms2);
}
function formatRate(rate) {
  const percent = rate * 100;
  return `${percent < 1 && percent > 0 ? percent.toPrecision(2) : round(percent)}%`;
}
async function runLoadCalibration(options) {
  if (!options.targets.length)
    throw new ConfigurationError(
      "load calibration needs at least one explicit target URL; there is no default target"
    );
  for (const target2 of options.targets) {
    let url;
    try {
      url = new URL(target2);
    } catch {
      throw new ConfigurationError(`load target '${redactUrl(target2)}' is not a URL`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new ConfigurationError(`load target '${redactUrl(target2)}' must be http:// or https://`);
  }
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const concurrency = options.concurrency ?? 4;
  const durationMs = options.durationMs ?? null;
  const requests = durationMs === null ? options.requests ?? 200 : null;
  if (requests !== null && requests < concurrency)
    throw new ConfigurationError(
      `requests (${requests}) must be at least the concurrency (${concurrency}): each connection sends at least one`
    );
  const rate = options.rate ?? null;
  const timeoutMs = options.timeoutMs ?? 1e4;
  const hardStopMs = options.hardStopMs ?? 6e4;
  const headroom = options.headroom ?? 0.5;
  const budgets = { ...DEFAULT_LOAD_BUDGETS, ...options.budgets };
  const method = (options.method ?? "GET").toUpperCase();
  const started = performance.now();
  const { default: autocannon } = await import("./chunks/autocannon-S4EY62OD.js");
  const results = [];
  for (const target2 of options.targets) {
    const shownUrl = redactUrl(target2);
    logger.info(
      `load: ${method} ${shownUrl}: ${requests !== null ? `${requests} requests` : formatDuration(durationMs)}${rate ? ` at ${rate}/s` : ""}, concurrency ${concurrency}, hard stop ${formatDuration(hardStopMs)}`
    );
    const samples = [];
    let responses = 0;
    const instance = autocannon({
      url: target2,
      method,
      headers: options.headers,
      connections: concurrency,
      ...requests !== null ? { amount: requests } : { duration: durationMs / 1e3 },
      ...rate ? { overallRate: rate } : {},
      timeout: Math.max(1, Math.ceil(timeoutMs / 1e3)),
      // autocannon notices the end of a run at its next sample tick: tick often so it stops promptly.
      sampleInt: 50
    });
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      responses += 1;
      if (samples.length < MAX_SAMPLES) samples.push(responseTime);
      else {
        const slot = Math.floor(Math.random() * responses);
        if (slot < MAX_SAMPLES) samples[slot] = responseTime;
      }
    });
    const runStarted = performance.now();
    let hardStopped = false;
    const stopTimer = setTimeout(() => {
      hardStopped = true;
      instance.stop();
    }, hardStopMs);
    let result;
    try {
      result = await instance;
    } finally {
      clearTimeout(stopTimer);
    }
    const elapsedMs = performance.now() - runStarted;
    const sorted = Float64Array.from(samples).sort();
    const errors = result.errors;
    const attempts = responses + errors;
    const errorRate = attempts ? (result.non2xx + errors) / attempts : 1;
    const latency = sorted.length ? {
      p50Ms: round(percentile(sorted, 50)),
      p95Ms: round(percentile(sorted, 95)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(sorted[sorted.length - 1]),
      meanMs: round(sorted.reduce((a, b) => a + b, 0) / sorted.length)
    } : null;
    const breaches = [];
    if (!latency) breaches.push("no request was answered");
    if (latency && latency.p95Ms > budgets.p95Ms)
      breaches.push(`p95 ${latency.p95Ms}ms is over the ${formatLatency(budgets.p95Ms)} budget`);
    if (latency && latency.p99Ms > budgets.p99Ms)
      breaches.push(`p99 ${latency.p99Ms}ms is over the ${formatLatency(budgets.p99Ms)} budget`);
    if (errorRate > budgets.errorRate)
      breaches.push(
        `error rate ${formatRate(errorRate)} is over the ${formatRate(budgets.errorRate)} budget`
      );
    if (hardStopped)
      breaches.push(`hard stop after ${formatDuration(hardStopMs)}: the load did not finish in time`);
    const entry = {
      url: shownUrl,
      method,
      status: breaches.length ? "failed" : "passed",
      requests: attempts,
      responses,
      non2xx: result.non2xx,
      errors,
      timeouts: result.timeouts,
      errorRate: round(errorRate * 1e4) / 1e4,
      elapsedMs: round(elapsedMs),
      throughput: round(responses / (elapsedMs / 1e3)),
      latency,
      hardStopped,
      breaches
    };
    results.push(entry);
    const figures = latency ? `p50 ${latency.p50Ms}ms, p95 ${latency.p95Ms}ms, p99 ${latency.p99Ms}ms, max ${latency.maxMs}ms` : "no answers";
    const line = `load: ${shownUrl}: ${entry.throughput} req/s, ${figures}, errors ${formatRate(errorRate)}`;
    if (breaches.length) logger.error(`${line}: ${breaches.join("; ")}`);
    else logger.info(line);
  }
  const measured = results.filter((r) => r.latency);
  const observed = measured.length ? {
    p95Ms: Math.max(...measured.map((r) => r.latency.p95Ms)),
    p99Ms: Math.max(...measured.map((r) => r.latency.p99Ms)),
    errorRate: Math.max(...results.map((r) => r.errorRate))
  } : null;
  return {
    ...evidenceReportHeader(
      "load-calibration",
      results.some((r) => r.status === "failed") ? "failed" : "passed",
      started,
      now()
    ),
    settings: { requests, durationMs, rate, concurrency, timeoutMs, hardStopMs, headroom },
    budgets,
    targets: results,
    observed,
    proposals: observed ? proposeBudgets(
      observed,
      budgets,
      headroom,
      Math.min(...results.map((r) => r.requests).filter((n) => n > 0))
    ) : []
  };
}
function proposeBudgets(observed, budgets, headroom, sampleSize = 1e3) {
  const factor = 1 + headroom;
  const extra = `${Math.round(headroom * 100)}% headroom`;
  const latency = (setting, label, seen, current) => {
    const proposed = Math.max(1, Math.ceil(seen * factor));
    let reason;
    if (seen > current)
      reason = `observed ${label} ${seen}ms breaches the ${formatLatency(current)} budget; ${formatLatency(proposed)} is the observed value plus ${extra} (or make the service faster)`;
    else if (current > proposed * 4)
      reason = `observed ${label} ${seen}ms uses ${Math.round(seen / current * 100)}% of the ${formatLatency(current)} budget; tighten to ${formatLatency(proposed)} (observed plus ${extra}) so a regression shows`;
    else
      reason = `observed ${label} ${seen}ms fits the ${formatLatency(current)} budget (${Math.round(seen / current * 100)}% used); calibrated value with ${extra}: ${formatLatency(proposed)}`;
    return { setting, current: formatLatency(current), proposed: formatLatency(proposed), reason };
  };
  const floor = Math.max(1e-3, Math.ceil(1e4 / Math.max(1, sampleSize)) / 1e4);
  const proposedRate = Math.max(floor, Math.ceil(observed.errorRate * factor * 1e4) / 1e4);
  let errorReason;
  if (observed.errorRate > budgets.errorRate)
    errorReason = `observed error rate ${formatRate(observed.errorRate)} breaches the ${formatRate(budgets.errorRate)} budget; fix the errors before raising it to ${formatRate(proposedRate)}`;
  else if (budgets.errorRate > proposedRate * 4)
    errorReason = `observed error rate ${formatRate(observed.errorRate)} is far below the ${formatRate(budgets.errorRate)} budget; tighten to ${formatRate(proposedRate)} (observed plus ${extra}, at least ${formatRate(floor)}: one error in ${sampleSize} requests)`;
  else
    errorReason = `observed error rate ${formatRate(observed.errorRate)} fits the ${formatRate(budgets.errorRate)} budget; calibrated value: ${formatRate(proposedRate)}`;
  return [
    latency("latency-budget-p95", "p95", observed.p95Ms, budgets.p95Ms),
    latency("latency-budget-p99", "p99", observed.p99Ms, budgets.p99Ms),
    {
      setting: "error-budget",
      current: formatRate(budgets.errorRate),
      proposed: formatRate(proposedRate),
      reason: errorReason
    }
  ];
}

// packages/core/src/receiver-evidence/markdown.ts
var cell = (text) => text === null ? "-" : String(text).replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
function table(header, rows) {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`)
  ].join("\n");
}
var mark = (status) => status === "passed" || status === "delivered" ? "\u2705" : status === "skipped" ? "\u23ED\uFE0F" : "\u274C";
var ms = (value) => value === null ? null : `${value}ms`;
function renderReceiverValidation(report) {
  const failed = report.checks.filter((c) => c.status === "failed");
  const skipped = report.checks.filter((c) => c.status === "skipped").map((c) => c.name);
  const headline = {
    passed: `\u2705 Receiver validation passed: ${report.summary.passed} checks passed`,
    partial: `\u26A0\uFE0F Receiver validation partial: ${report.summary.passed} checks passed, not proved: ${skipped.join(", ")}`,
    failed: `\u274C Receiver validation failed: ${failed.map((c) => c.name).join(", ")}`
  }[report.status];
  const ordered = [...failed, ...report.checks.filter((c) => c.status !== "failed")];
  return [
    "## Receiver validation",
    "",
    `**${headline}**`,
    "",
    `Receiver \`${report.receiver.url}\`${report.receiver.metricsUrl ? `, metrics \`${report.receiver.metricsUrl}\`` : " (no metrics URL: counting checks skipped)"}; generated ${report.generatedAt}.`,
    "",
    table(
      ["", "check", "expected", "observed", "latency", "detail"],
      ordered.map((c) => [mark(c.status), c.name, c.expected, c.observed, ms(c.latencyMs), c.detail ?? ""])
    ),
    "",
    report.latency ? `Latency per call: min ${report.latency.minMs}ms, mean ${report.latency.meanMs}ms, max ${report.latency.maxMs}ms.` : "",
    ""
  ].join("\n");
}
function renderReceiverDrill(report) {
  const headline = report.status === "passed" ? `\u2705 Receiver drill passed: ${report.summary.delivered} of ${report.environments.length} environments confirmed` : `\u274C Receiver drill failed: ${report.summary.failedEnvironments.join(", ")} not confirmed`;
  const sources = [
    report.receiver.metricsUrl ? "metrics" : null,
    report.receiver.eventLog ? "event log" : null
  ].filter(Boolean).join(" and ");
  const ordered = [
    ...report.environments.filter((e) => e.outcome !== "delivered"),
    ...report.environments.filter((e) => e.outcome === "delivered")
  ];
  return [
    "## Receiver drill",
    "",
    `**${headline}**`,
    "",
    `Receiver \`${report.receiver.url}\`; arrival confirmed through ${sources} within ${formatDuration(report.deadlineMs)}; generated ${report.generatedAt}.`,
    "",
    table(
      ["", "environment", "outcome", "HTTP", "answer", "delivered in", "confirmed by", "detail"],
      ordered.map((e) => [
        mark(e.outcome),
        e.environment,
        e.outcome,
        e.httpStatus,
        ms(e.responseLatencyMs),
        ms(e.deliveryLatencyMs),
        e.confirmedBy.join(", "),
        e.detail ?? ""
      ])
    ),
    ""
  ].join("\n");
}
function renderLoadCalibration(report) {
  const failed = report.targets.filter((t) => t.status === "failed");
  const headline = report.status === "passed" ? `\u2705 Load calibration within budgets on ${report.targets.length} target${report.targets.length === 1 ? "" : "s"}` : `\u274C Load calibration over budget: ${failed.map((t) => `${t.url} (${t.breaches.join("; ")})`).join(", ")}`;
  const s = report.settings;
  const shape = `${s.requests !== null ? `${s.requests} requests` : formatDuration(s.durationMs ?? 0)} per target${s.rate ? ` at ${s.rate}/s` : ""}, concurrency ${s.concurrency}, hard stop ${formatDuration(s.hardStopMs)}`;
  return [
    "## Load calibration",
    "",
    `**${headline}**`,
    "",
    `${shape}. Budgets: p95 ${formatLatency(report.budgets.p95Ms)}, p99 ${formatLatency(report.budgets.p99Ms)}, errors ${formatRate(report.budgets.errorRate)}; generated ${report.generatedAt}.`,
    "",
    table(
      ["", "target", "requests", "req/s", "p50", "p95", "p99", "max", "errors"],
      [...failed, ...report.targets.filter((t) => t.status !== "failed")].map((t) => [
        mark(t.status),
        `${t.method} ${t.url}`,
        t.requests,
        t.throughput,
        ms(t.latency?.p50Ms ?? null),
        ms(t.latency?.p95Ms ?? null),
        ms(t.latency?.p99Ms ?? null),
        ms(t.latency?.maxMs ?? null),
        formatRate(t.errorRate)
      ])
    ),
    "",
    ...report.proposals.length ? [
      "### Proposed budgets",
      "",
      table(
        ["setting", "current", "proposed", "why"],
        report.proposals.map((p) => [p.setting, p.current, p.proposed, p.reason])
      ),
      ""
    ] : []
  ].join("\n");
}
function renderEvidenceReport(report) {
  switch (report.kind) {
    case "receiver-validation":
      return renderReceiverValidation(report);
    case "receiver-drill":
      return renderReceiverDrill(report);
    case "load-calibration":
      return renderLoadCalibration(report);
  }
}

// packages/core/src/receiver-evidence/metrics.ts
var CALLBACK_COUNTER = "release_gate_rollback_callback_events_total";
var SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?\s*$/;
var LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g;
function parsePrometheusText(text) {
  const samples = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels = {};
    for (const label of (match[2] ?? "").matchAll(LABEL)) {
      labels[label[1]] = label[2].replace(/\\n/g, "\n").replace(/\\(["\\])/g, "$1");
    }
    const value = Number(match[3]);
    if (!Number.isNaN(value)) samples.push({ name: match[1], labels, value });
  }
  return samples;
}
function sumCounter(samples, name, match) {
  let total = 0;
  for (const sample of samples) {
    if (sample.name !== name) continue;
    if (Object.entries(match).every(([key, value]) => sample.labels[key] === value)) total += sample.value;
  }
  return total;
}
async function readCallbackCounter(metricsUrl, environment, options) {
  const response = await httpRequest({
    url: metricsUrl,
    headers: { accept: "text/plain", ...options.headers },
    timeoutMs: options.timeoutMs
  });
  if (response.status < 200 || response.status > 299)
    throw new Error(`metrics endpoint answered ${response.status}`);
  return sumCounter(parsePrometheusText(response.body.toString("utf8")), CALLBACK_COUNTER, { environment });
}

// packages/core/src/specs/evidence.ts
var EvidenceOutputs = {
  Status: "status",
  ReportPath: "report-path",
  MarkdownPath: "markdown-path",
  Failed: "failed"
};
var methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
var methodInput = string().transform((raw) => raw.toUpperCase()).pipe(enumInput(methods, "GET"));
var evidenceInputSpecs = {
  kind: { schema: requiredEnumInput(evidenceKinds), example: "receiver-validation" },
  // Masked like webhook URLs: teams keep the receiver's URLs in secrets.
  "receiver-url": {
    schema: urlInput,
    example: "https://hooks.example.com/internal/release-gate/callbacks",
    secret: true
  },
  "receiver-metrics-url": { schema: urlInput, example: "https://hooks.example.com/metrics", secret: true },
  "metrics-url": { schema: urlInput, example: "the older name of receiver-metrics-url", secret: true },
  "signing-secret": {
    schema: signingSecretInput,
    example: "whsec_<base64> from a secret, e.g. secrets.RELEASE_GATE_SIGNING_SECRET",
    secret: true,
    env: "RELEASE_GATE_SIGNING_SECRET"
  },
  "bearer-token": {
    schema: optionalString,
    example: "a token from a secret, e.g. secrets.RECEIVER_TOKEN",
    secret: true,
    env: "RELEASE_GATE_BEARER_TOKEN"
  },
  environment: { schema: stringInput("receiver-validation"), example: "receiver-validation" },
  environments: { schema: listInput(["staging", "production"]), example: "staging, production" },
  "event-log": { schema: optionalString, example: "receiver/events.jsonl" },
  tolerance: { schema: positiveDurationInput("5m"), example: "5m" },
  timeout: { schema: positiveDurationInput("5s"), example: "5s" },
  deadline: { schema: positiveDurationInput("30s"), example: "30s" },
  targets: { schema: urlListInput, example: "http://127.0.0.1:8080/healthz", flag: "multiple" },
  method: { schema: methodInput, example: "GET" },
  requests: { schema: integerInput(200, 1, 1e6), example: "200" },
  duration: { schema: positiveDurationInput(), example: "30s" },
  rate: { schema: integerInput(100, 0, 1e5), example: "100 (0 = as fast as the target answers)" },
  concurrency: { schema: integerInput(4, 1, 1e3), example: "4" },
  "hard-stop": { schema: positiveDurationInput("2m"), example: "2m" },
  "latency-budget-p95": { schema: positiveDurationInput("500ms"), example: "500ms" },
  "latency-budget-p99": { schema: positiveDurationInput("1s"), example: "1s" },
  "error-budget": { schema: fractionInput("1%"), example: "1%" },
  // Proposals may sit well above what was observed: up to ten times.
  headroom: { schema: fractionInput("50%", 10), example: "50%" },
  "out-dir": { schema: stringInput("build-artifacts"), example: "build-artifacts" },
  "fail-on-failed": { schema: booleanInput(true), example: "false" }
};
var COMMON_INPUTS = ["out-dir", "fail-on-failed"];
var EVIDENCE_KIND_INPUTS = {
  "receiver-validation": [
    "receiver-url",
    "signing-secret",
    "receiver-metrics-url",
    "metrics-url",
    "bearer-token",
    "environment",
    "tolerance",
    "timeout",
    ...COMMON_INPUTS
  ],
  "receiver-drill": [
    "receiver-url",
    "environments",
    "receiver-metrics-url",
    "metrics-url",
    "event-log",
    "signing-secret",
    "bearer-token",
    "deadline",
    "timeout",
    ...COMMON_INPUTS
  ],
  "load-calibration": [
    "targets",
    "method",
    "requests",
    "duration",
    "rate",
    "concurrency",
    "timeout",
    "hard-stop",
    "latency-budget-p95",
    "latency-budget-p99",
    "error-budget",
    "headroom",
    ...COMMON_INPUTS
  ]
};
var receiverMetricsUrl = (values) => values["receiver-metrics-url"] ?? values["metrics-url"];
function checkEvidenceInputs(values, source) {
  const kind = values.kind;
  const name = (input) => source.describe(input);
  const required = (input, why) => `${name(input)} is required for ${kind}: ${why}. Example: ${source.example(input, evidenceInputSpecs[input].example)}`;
  const problems = [];
  const receiverKind = kind === "receiver-validation" || kind === "receiver-drill";
  if (receiverKind && !values["receiver-url"])
    problems.push(required("receiver-url", "the receiver endpoint events are sent to"));
  if (kind === "receiver-validation" && !values["signing-secret"])
    problems.push(required("signing-secret", "the secret the receiver verifies signatures with"));
  const [current, older] = [values["receiver-metrics-url"], values["metrics-url"]];
  if (current && older && current !== older)
    problems.push(
      `${name("metrics-url")} is the older name of ${name("receiver-metrics-url")}: give only ${name("receiver-metrics-url")}`
    );
  else if (kind === "receiver-drill" && !receiverMetricsUrl(values) && !values["event-log"])
    problems.push(
      `${kind} needs a way to confirm arrival: set ${name("receiver-metrics-url")} (the receiver's Prometheus endpoint) or ${name("event-log")} (its JSON-lines event log)`
    );
  if (kind === "load-calibration" && !values.targets.length)
    problems.push(
      required("targets", "there is no default target; list the loopback or explicitly chosen URLs to load")
    );
  return problems;
}
var evidenceSpec = {
  inputs: evidenceInputSpecs,
  check: checkEvidenceInputs
};

// packages/core/src/receiver-evidence/receiver-drill.ts
import { open, stat } from "node:fs/promises";
async function runReceiverDrill(options) {
  if (!options.metricsUrl && !options.eventLog)
    throw new ConfigurationError(
      "the receiver drill needs a way to confirm arrival: give receiver-metrics-url (the receiver /metrics) or event-log (its JSON-lines event log)"
    );
  if (!options.environments.length)
    throw new ConfigurationError("the receiver drill needs at least one environment");
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const deadlineMs = options.deadlineMs ?? 3e4;
  const timeoutMs = options.timeoutMs ?? 5e3;
  const pollMs = options.pollMs ?? 100;
  const redactor = new Redactor();
  redactor.add(options.signingSecret);
  redactor.add(options.bearerToken);
  redactor.add(options.receiverUrl);
  redactor.add(options.metricsUrl);
  const metricsHeaders = options.bearerToken ? { authorization: `Bearer ${options.bearerToken}` } : void 0;
  const started = performance.now();
  const results = [];
  for (const environment of options.environments) {
    const webhookId = newMessageId("msg_drill");
    const result = {
      environment,
      webhookId,
      outcome: "not_confirmed",
      httpStatus: null,
      responseLatencyMs: null,
      deliveryLatencyMs: null,
      confirmedBy: []
    };
    results.push(result);
    let baseline;
    let logOffset = 0;
    try {
      if (options.metricsUrl)
        baseline = await readCallbackCounter(options.metricsUrl, environment, {
          timeoutMs,
          headers: metricsHeaders
        });
    } catch (error2) {
      result.outcome = "unreachable";
      result.detail = redactor.redact(`metrics could not be read before sending: ${errorMessage(error2)}`);
      logger.error(`${environment}: ${result.detail}`);
      continue;
    }
    if (options.eventLog) logOffset = await fileSize(options.eventLog);
    const sentAt = performance.now();
    const sent = await sendEvent(
      {
        url: options.receiverUrl,
        body: callbackEvent(environment, options.service ?? "receiver-drill", now()),
        id: webhookId,
        timestampSeconds: Math.floor(now().getTime() / 1e3),
        signWith: options.signingSecret,
        bearerToken: options.bearerToken,
        timeoutMs
      },
      redactor
    );
    result.httpStatus = sent.status;
    result.responseLatencyMs = sent.latencyMs;
    if (sent.status === null) {
      result.outcome = "unreachable";
      result.detail = sent.note;
      logger.error(`${environment}: the receiver did not answer: ${sent.note}`);
      continue;
    }
    if (sent.status < 200 || sent.status > 299) {
      result.outcome = "rejected";
      result.detail = `the receiver answered ${sent.status}: ${sent.note}`;
      logger.error(`${environment}: ${result.detail}`);
      continue;
    }
    const until = sentAt + deadlineMs;
    const pending = /* @__PURE__ */ new Set();
    if (options.metricsUrl) pending.add("metrics");
    if (options.eventLog) pending.add("event-log");
    let lastProblem;
    for (; ; ) {
      if (pending.has("metrics") && options.metricsUrl && baseline !== void 0) {
        try {
          const value = await readCallbackCounter(options.metricsUrl, environment, {
            timeoutMs: Math.max(1, Math.min(timeoutMs, until - performance.now())),
            headers: metricsHeaders
          });
          if (value > baseline) {
            pending.delete("metrics");
            result.confirmedBy.push("metrics");
          }
        } catch (error2) {
          lastProblem = `metrics could not be read: ${errorMessage(error2)}`;
        }
      }
      if (pending.has("event-log") && options.eventLog) {
        const found = await logHolds(options.eventLog, logOffset, webhookId);
        logOffset = found.offset;
        if (found.found) {
          pending.delete("event-log");
          result.confirmedBy.push("event-log");
        }
      }
      if (pending.size === 0) {
        result.outcome = "delivered";
        result.deliveryLatencyMs = round(performance.now() - sentAt);
        break;
      }
      if (performance.now() + pollMs > until) {
        result.detail = redactor.redact(
          `not confirmed by ${[...pending].join(" and ")} within ${deadlineMs}ms${lastProblem ? ` (${lastProblem})` : ""}`
        );
        break;
      }
      await sleep(pollMs);
    }
    const line = `${environment}: ${result.outcome}${result.deliveryLatencyMs !== null ? ` in ${result.deliveryLatencyMs}ms` : ""}`;
    if (result.outcome === "delivered") logger.info(line);
    else logger.error(`${line}: ${result.detail}`);
  }
  const failedEnvironments = results.filter((r) => r.outcome !== "delivered").map((r) => r.environment);
  return {
    ...evidenceReportHeader(
      "receiver-drill",
      failedEnvironments.length ? "failed" : "passed",
      started,
      now()
    ),
    receiver: { ...shownReceiverUrls(options), eventLog: options.eventLog ?? null },
    deadlineMs,
    environments: results,
    summary: {
      delivered: results.length - failedEnvironments.length,
      failed: failedEnvironments.length,
      failedEnvironments
    }
  };
}
async function fileSize(path) {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
async function logHolds(path, offset, webhookId) {
  let handle;
  try {
    handle = await open(path, "r");
    const size = (await handle.stat()).size;
    if (size < offset) offset = 0;
    let found = false;
    const chunk = Buffer.alloc(64 * 1024);
    let pending = Buffer.alloc(0);
    let position = offset;
    while (position < size) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      pending = Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
      for (let newline = pending.indexOf(10); newline !== -1; newline = pending.indexOf(10)) {
        const line = pending.subarray(0, newline).toString("utf8");
        pending = pending.subarray(newline + 1);
        offset += newline + 1;
        if (!line.includes(webhookId)) continue;
        try {
          if (JSON.parse(line).webhookId === webhookId) found = true;
        } catch {
        }
      }
    }
    return { found, offset };
  } catch {
    return { found: false, offset };
  } finally {
    await handle?.close();
  }
}

// packages/core/src/receiver-evidence/receiver-validation.ts
import { randomBytes as randomBytes2 } from "node:crypto";
var DESCRIPTIONS = {
  "signed-event-accepted": "a correctly signed event is accepted",
  "forged-signature-rejected": "an event signed with another secret is rejected",
  "missing-signature-rejected": "an event without webhook-signature is rejected",
  "stale-timestamp-rejected": "a correctly signed event with a timestamp outside the tolerance is rejected",
  "malformed-body-rejected": "a correctly signed body that is not valid JSON is rejected",
  "replay-not-counted-twice": "the same webhook-id / Idempotency-Key sent again is counted once",
  "rejected-events-not-counted": "rejected events do not move the callback counter"
};
var is2xx = (status) => status !== null && status >= 200 && status <= 299;
var is4xx = (status) => status !== null && status >= 400 && status <= 499;
var shown = (result) => result.status === null ? `no answer (${result.note})` : `${result.status}`;
async function runReceiverValidation(options) {
  if (!options.signingSecret) throw new ConfigurationError("receiver validation needs the signing secret");
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const environment = options.environment ?? "receiver-validation";
  const toleranceMs = options.toleranceMs ?? 3e5;
  const timeoutMs = options.timeoutMs ?? 5e3;
  const metricsWaitMs = options.metricsWaitMs ?? 2e3;
  const redactor = new Redactor();
  redactor.add(options.signingSecret);
  redactor.add(options.bearerToken);
  redactor.add(options.receiverUrl);
  redactor.add(options.metricsUrl);
  const started = performance.now();
  const checks = [];
  const latencies = [];
  const seconds = () => Math.floor(now().getTime() / 1e3);
  const send = async (id, body, timestampSeconds, signWith) => {
    const result = await sendEvent(
      {
        url: options.receiverUrl,
        body,
        id,
        timestampSeconds,
        signWith,
        bearerToken: options.bearerToken,
        timeoutMs
      },
      redactor
    );
    latencies.push(result.latencyMs);
    return result;
  };
  const record = (name, passed, expected, observed, result, detail) => {
    const check = {
      name,
      description: DESCRIPTIONS[name],
      status: passed === "skipped" ? "skipped" : passed ? "passed" : "failed",
      expected,
      observed,
      httpStatus: result?.status ?? null,
      latencyMs: result?.latencyMs ?? null
    };
    const note = detail ?? (result && !passed ? result.status === null ? result.note : `the receiver answered: ${result.note}` : void 0);
    if (note) check.detail = redactor.redact(note);
    checks.push(check);
    logger.info(`${check.status.padEnd(7)} ${name}: expected ${expected}, observed ${observed}`);
  };
  let counter;
  let baseline;
  let metricsProblem;
  if (options.metricsUrl) {
    const metricsUrl = options.metricsUrl;
    counter = () => readCallbackCounter(metricsUrl, environment, {
      timeoutMs,
      headers: options.bearerToken ? { authorization: `Bearer ${options.bearerToken}` } : void 0
    });
    try {
      baseline = await counter();
    } catch (error2) {
      metricsProblem = `metrics could not be read: ${errorMessage(error2)}`;
    }
  }
  const acceptedId = newMessageId("msg_validation");
  const acceptedBody = callbackEvent(environment, "receiver-validation", now());
  const accepted = await send(acceptedId, acceptedBody, seconds(), options.signingSecret);
  record("signed-event-accepted", is2xx(accepted.status), "2xx", shown(accepted), accepted);
  let afterAccepted;
  if (counter && baseline !== void 0 && is2xx(accepted.status)) {
    const until = performance.now() + metricsWaitMs;
    try {
      do {
        afterAccepted = await counter();
        if (afterAccepted > baseline) break;
        await sleep(50);
      } while (performance.now() < until);
    } catch (error2) {
      metricsProblem = `metrics could not be read: ${errorMessage(error2)}`;
      afterAccepted = void 0;
    }
  }
  const replay = await send(acceptedId, acceptedBody, seconds(), options.signingSecret);
  const replayAnswered = is2xx(replay.status) || replay.status === 409;
  if (!counter) {
    record(
      "replay-not-counted-twice",
      "skipped",
      "counter +1 over both calls",
      `answered ${shown(replay)}`,
      replay,
      "no metrics URL given: give receiver-metrics-url to prove the replay is counted once"
    );
  } else if (afterAccepted === void 0 || baseline === void 0) {
    record(
      "replay-not-counted-twice",
      false,
      "counter +1 over both calls",
      `answered ${shown(replay)}`,
      replay,
      metricsProblem ?? "the accepted event was rejected, so there is nothing to replay against"
    );
  } else {
    let afterReplay;
    try {
      afterReplay = await counter();
    } catch (error2) {
      metricsProblem = `metrics could not be read: ${errorMessage(error2)}`;
    }
    const delta = afterReplay === void 0 ? void 0 : afterReplay - baseline;
    record(
      "replay-not-counted-twice",
      replayAnswered && delta === 1,
      "replay answered 2xx or 409, counter +1 over both calls",
      `replay answered ${shown(replay)}, counter ${delta === void 0 ? "unreadable" : `+${delta}`}`,
      replay,
      delta === void 0 ? metricsProblem : delta !== 1 ? `the counter moved by ${delta} for one event sent twice` : void 0
    );
  }
  const rejected = async (name, body, timestampSeconds, signWith) => {
    const result = await send(newMessageId("msg_validation"), body, timestampSeconds, signWith);
    record(name, is4xx(result.status), "4xx", shown(result), result);
  };
  const forgedSecret = `whsec_${randomBytes2(24).toString("base64")}`;
  await rejected(
    "forged-signature-rejected",
    callbackEvent(environment, "receiver-validation", now()),
    seconds(),
    forgedSecret
  );
  await rejected(
    "missing-signature-rejected",
    callbackEvent(environment, "receiver-validation", now()),
    seconds(),
    void 0
  );
  const staleSeconds = seconds() - Math.ceil((toleranceMs + 3e5) / 1e3);
  await rejected(
    "stale-timestamp-rejected",
    callbackEvent(environment, "receiver-validation", new Date(staleSeconds * 1e3)),
    staleSeconds,
    options.signingSecret
  );
  await rejected(
    "malformed-body-rejected",
    '{"type":"release_gate.callback","data":{"environment":',
    seconds(),
    options.signingSecret
  );
  const counterUnreadable = (detail) => record(
    "rejected-events-not-counted",
    false,
    "counter unchanged by rejected events",
    "unreadable",
    null,
    detail
  );
  if (!counter) {
    record(
      "rejected-events-not-counted",
      "skipped",
      "counter unchanged by rejected events",
      "not measured",
      null,
      "no metrics URL given"
    );
  } else if (afterAccepted === void 0 || baseline === void 0) {
    counterUnreadable(
      metricsProblem ?? "the accepted event was rejected, so the counter has no reference point"
    );
  } else {
    try {
      const final = await counter();
      const delta = final - baseline;
      record(
        "rejected-events-not-counted",
        delta === 1,
        "counter +1 in total (the accepted event only)",
        `counter +${delta}`,
        null,
        delta !== 1 ? `the counter moved by ${delta}; only the accepted event should count` : void 0
      );
    } catch (error2) {
      counterUnreadable(`metrics could not be read: ${errorMessage(error2)}`);
    }
  }
  checks.sort((a, b) => validationCheckNames.indexOf(a.name) - validationCheckNames.indexOf(b.name));
  const named = (status2) => checks.filter((c) => c.status === status2).map((c) => c.name);
  const failedChecks = named("failed");
  const skippedChecks = named("skipped");
  const status = failedChecks.length ? "failed" : skippedChecks.length ? "partial" : "passed";
  return {
    ...evidenceReportHeader("receiver-validation", status, started, now()),
    receiver: shownReceiverUrls(options),
    environment,
    toleranceMs,
    checks,
    summary: {
      passed: checks.filter((c) => c.status === "passed").length,
      failed: failedChecks.length,
      skipped: skippedChecks.length,
      failedChecks,
      skippedChecks
    },
    latency: latencies.length ? {
      minMs: Math.min(...latencies),
      meanMs: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
      maxMs: Math.max(...latencies)
    } : null
  };
}

// packages/core/src/receiver-evidence/write.ts
import { join } from "node:path";
async function writeEvidenceReport(outDir, report) {
  evidenceReportSchemas[report.kind].parse(report);
  const base = join(outDir, EVIDENCE_REPORT_FILES[report.kind]);
  const jsonPath = `${base}.json`;
  const markdownPath = `${base}.md`;
  const markdown = renderEvidenceReport(report);
  await writeJsonFile(jsonPath, report);
  await writeOutputFile(markdownPath, markdown);
  return { jsonPath, markdownPath, markdown };
}

// packages/core/src/receiver-evidence/produce.ts
async function produceEvidence(values, host) {
  const report = await runKind(values, host);
  const written = await writeEvidenceReport(host.resolvePath(values["out-dir"]), report);
  return { report, written, failed: failedNames(report) };
}
function runKind(values, { logger, resolvePath }) {
  switch (values.kind) {
    case "receiver-validation":
      return runReceiverValidation({
        receiverUrl: values["receiver-url"],
        signingSecret: values["signing-secret"],
        metricsUrl: receiverMetricsUrl(values),
        bearerToken: values["bearer-token"],
        environment: values.environment,
        toleranceMs: values.tolerance,
        timeoutMs: values.timeout,
        logger
      });
    case "receiver-drill": {
      const eventLog = values["event-log"];
      return runReceiverDrill({
        receiverUrl: values["receiver-url"],
        environments: values.environments,
        metricsUrl: receiverMetricsUrl(values),
        eventLog: eventLog ? resolvePath(eventLog) : void 0,
        signingSecret: values["signing-secret"],
        bearerToken: values["bearer-token"],
        deadlineMs: values.deadline,
        timeoutMs: values.timeout,
        logger
      });
    }
    case "load-calibration":
      return runLoadCalibration({
        targets: values.targets,
        method: values.method,
        requests: values.requests,
        durationMs: values.duration,
        rate: values.rate || void 0,
        concurrency: values.concurrency,
        timeoutMs: values.timeout,
        hardStopMs: values["hard-stop"],
        budgets: {
          p95Ms: values["latency-budget-p95"],
          p99Ms: values["latency-budget-p99"],
          errorRate: values["error-budget"]
        },
        headroom: values.headroom,
        logger
      });
  }
}
function failedNames(report) {
  switch (report.kind) {
    case "receiver-validation":
      return report.summary.failedChecks;
    case "receiver-drill":
      return report.summary.failedEnvironments;
    case "load-calibration":
      return report.targets.filter((t) => t.status === "failed").map((t) => t.url);
  }
}
function evidenceFailures(report) {
  switch (report.kind) {
    case "receiver-validation":
      return report.checks.filter((check) => check.status === "failed").map((check) => ({
        title: "Receiver validation",
        message: `${check.name}: expected ${check.expected}, observed ${check.observed}${check.detail ? ` (${check.detail})` : ""}`
      }));
    case "receiver-drill":
      return report.environments.filter((env) => env.outcome !== "delivered").map((env) => ({
        title: "Receiver drill",
        message: `${env.environment}: ${env.outcome}${env.detail ? `: ${env.detail}` : ""}`
      }));
    case "load-calibration":
      return report.targets.filter((target2) => target2.status === "failed").map((target2) => ({
        title: "Load calibration",
        message: `${target2.method} ${target2.url}: ${target2.breaches.join("; ")}`
      }));
  }
}
function evidencePartialMessage({ report, written }) {
  const skipped = report.kind === "receiver-validation" ? report.summary.skippedChecks : [];
  return `${report.kind} is partial: ${skipped.join(", ")} skipped (give receiver-metrics-url to prove them); readiness refuses a partial report unless its checklist entry says accept: [partial] (see ${written.markdownPath})`;
}
function evidenceFailedMessage({ report, written, failed }) {
  return `${report.kind} failed: ${failed.join(", ")} (see ${written.markdownPath})`;
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
import { dirname as dirname2 } from "node:path";
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
    const shown2 = redactLines(text);
    if (keep) keepInLog(shown2);
    return write(shown2, ...rest);
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
async function writeStepLog() {
  if (!target) return;
  const text = redactOutput(scrubWorkflowLog(captured)) + (truncated ? "\n[log cut at 1 MiB]\n" : "");
  try {
    await mkdir2(dirname2(target), { recursive: true });
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

// actions/evidence/main.ts
async function main() {
  const inputs = readInputs(evidenceSpec);
  const outcome = await produceEvidence(inputs, { logger: actionsLogger, resolvePath: workspacePath });
  const { report, written, failed } = outcome;
  setOutput(EvidenceOutputs.Status, report.status);
  setOutput(EvidenceOutputs.ReportPath, written.jsonPath);
  setOutput(EvidenceOutputs.MarkdownPath, written.markdownPath);
  setOutput(EvidenceOutputs.Failed, JSON.stringify(failed));
  await summary.addRaw(written.markdown).addRaw(`
Report: \`${written.jsonPath}\` (schemaVersion ${report.schemaVersion})
`).write();
  for (const { title, message: message2 } of evidenceFailures(report)) error(message2, { title });
  if (report.status === "passed") {
    info(`${report.kind} passed; report ${written.jsonPath}`);
    return;
  }
  if (report.status === "partial") {
    warning(evidencePartialMessage(outcome));
    return;
  }
  const message = evidenceFailedMessage(outcome);
  if (inputs["fail-on-failed"]) throw new GateBlocked(message);
  warning(`${message}; ${"fail-on-failed"} is false, so this step passes`);
}
function run() {
  return runAction("evidence", main);
}

// actions/evidence/index.ts
await run();
