import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  measurementSchema,
  metricAnalysisSchema
} from "./chunk-T3AUEBCL.js";
import {
  ConfigurationError
} from "./chunk-ZUWSAP7Z.js";
import {
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
} from "./chunk-H3HWWZLP.js";
import {
  redactOutput
} from "./chunk-6MQO5ODA.js";

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
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
async function readJsonFile(path, schema, what, options = {}) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT" && options.optional) return void 0;
    throw new ConfigurationError(`${what} '${path}' cannot be read: ${error.message}`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${what} '${path}' is not valid JSON: ${error.message}`);
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
async function readReport(path) {
  return await readJsonFile(path, releaseGateReportSchema, "release-gate report");
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

export {
  releaseGateReportSchema,
  readJsonFile,
  writeOutputFile,
  writeJsonFile,
  readReport,
  mergeReportSection
};
