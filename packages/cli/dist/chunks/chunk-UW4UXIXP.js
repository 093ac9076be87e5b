import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  iso_exports
} from "./chunk-FEJLSRR4.js";
import {
  _enum,
  array,
  boolean,
  discriminatedUnion,
  literal,
  number,
  object,
  string
} from "./chunk-H3HWWZLP.js";

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
function validationReportSchema(schemaVersion, status, summary) {
  return object({
    ...common(schemaVersion, status),
    kind: literal("receiver-validation"),
    receiver: object({ url: string(), metricsUrl: string().nullable() }),
    environment: string(),
    toleranceMs: number(),
    checks: array(validationCheckSchema),
    summary: object(summary),
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
var READABLE_EVIDENCE_SCHEMA_VERSIONS = {
  "receiver-validation": [2, 1],
  "receiver-drill": [1],
  "load-calibration": [1]
};

export {
  EVIDENCE_REPORT_SCHEMA_VERSIONS,
  EVIDENCE_REPORT_FILES,
  evidenceKinds,
  validationCheckNames,
  evidenceReportSchemas,
  readableEvidenceReportSchemas,
  READABLE_EVIDENCE_SCHEMA_VERSIONS
};
