import * as z from 'zod';

/**
 * Each kind's schema version; bump a kind's when one of its fields changes meaning. Receiver validation
 * is at 2: `status` can be `partial` (version 1 said `passed` with checks skipped).
 */
export const EVIDENCE_REPORT_SCHEMA_VERSIONS = {
  'receiver-validation': 2,
  'receiver-drill': 1,
  'load-calibration': 1,
} as const;

/** File names the reports are written under (in `out-dir`, default `build-artifacts/`). */
export const EVIDENCE_REPORT_FILES = {
  'receiver-validation': 'release-gate-receiver-validation-report',
  'receiver-drill': 'release-gate-receiver-drill-report',
  'load-calibration': 'release-gate-load-calibration-report',
} as const;

export const evidenceKinds = ['receiver-validation', 'receiver-drill', 'load-calibration'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/**
 * `partial`: nothing failed, but a check the report exists to prove was skipped (receiver validation
 * without the receiver's metrics URL), so it proves less than its kind promises.
 */
export const evidenceReportStatusSchema = z.enum(['passed', 'partial', 'failed']);
export type EvidenceReportStatus = z.infer<typeof evidenceReportStatusSchema>;

/** The statuses of reports that are never partial (and of receiver validation version 1). */
const passedOrFailed = z.enum(['passed', 'failed']);

/** Fields every evidence report has: readiness judges freshness by `generatedAt`, health by `status`. */
function common<V extends number, S extends z.ZodType>(schemaVersion: V, status: S) {
  return {
    schemaVersion: z.literal(schemaVersion),
    generatedAt: z.iso.datetime(),
    status,
    durationMs: z.number(),
  };
}

export const validationCheckNames = [
  'signed-event-accepted',
  'forged-signature-rejected',
  'missing-signature-rejected',
  'stale-timestamp-rejected',
  'malformed-body-rejected',
  'replay-not-counted-twice',
  'rejected-events-not-counted',
] as const;

export const validationCheckSchema = z.object({
  name: z.enum(validationCheckNames),
  description: z.string(),
  status: z.enum(['passed', 'failed', 'skipped']),
  /** The answer the contract requires, e.g. `2xx`, `4xx`, `counter +1`. */
  expected: z.string(),
  /** What was seen, in the same terms. */
  observed: z.string(),
  httpStatus: z.number().int().nullable(),
  latencyMs: z.number().nullable(),
  detail: z.string().optional(),
});

const validationSummary = {
  passed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  failedChecks: z.array(z.string()),
};

/** A receiver validation report of one schema version: its header, what was checked, the summary. */
function validationReportSchema<V extends number, S extends z.ZodType, U extends z.ZodRawShape>(
  schemaVersion: V,
  status: S,
  summary: U,
) {
  return z.object({
    ...common(schemaVersion, status),
    kind: z.literal('receiver-validation'),
    receiver: z.object({ url: z.string(), metricsUrl: z.string().nullable() }),
    environment: z.string(),
    toleranceMs: z.number(),
    checks: z.array(validationCheckSchema),
    summary: z.object(summary),
    latency: z.object({ minMs: z.number(), meanMs: z.number(), maxMs: z.number() }).nullable(),
  });
}

/** Receiver validation, version 2: `partial` when nothing failed but checks were skipped (named in `skippedChecks`). */
export const receiverValidationReportSchema = validationReportSchema(
  EVIDENCE_REPORT_SCHEMA_VERSIONS['receiver-validation'],
  evidenceReportStatusSchema,
  { ...validationSummary, skippedChecks: z.array(z.string()) },
);

/** Receiver validation, version 1 (still read by readiness, as before): `passed` even with checks skipped. */
export const receiverValidationReportV1Schema = validationReportSchema(1, passedOrFailed, validationSummary);

export const drillOutcomeSchema = z.enum(['delivered', 'not_confirmed', 'rejected', 'unreachable']);

export const drillEnvironmentSchema = z.object({
  environment: z.string(),
  webhookId: z.string(),
  outcome: drillOutcomeSchema,
  httpStatus: z.number().int().nullable(),
  /** Time for the receiver to answer the POST. */
  responseLatencyMs: z.number().nullable(),
  /** Time from sending until the arrival was confirmed; null when it was not. */
  deliveryLatencyMs: z.number().nullable(),
  confirmedBy: z.array(z.enum(['metrics', 'event-log'])),
  detail: z.string().optional(),
});

export const receiverDrillReportSchema = z.object({
  ...common(EVIDENCE_REPORT_SCHEMA_VERSIONS['receiver-drill'], passedOrFailed),
  kind: z.literal('receiver-drill'),
  receiver: z.object({ url: z.string(), metricsUrl: z.string().nullable(), eventLog: z.string().nullable() }),
  deadlineMs: z.number(),
  environments: z.array(drillEnvironmentSchema),
  summary: z.object({
    delivered: z.number().int(),
    failed: z.number().int(),
    failedEnvironments: z.array(z.string()),
  }),
});

export const latencyFiguresSchema = z.object({
  p50Ms: z.number(),
  p95Ms: z.number(),
  p99Ms: z.number(),
  maxMs: z.number(),
  meanMs: z.number(),
});

export const loadBudgetsSchema = z.object({
  p95Ms: z.number(),
  p99Ms: z.number(),
  /** A fraction: 0.01 is 1%. */
  errorRate: z.number(),
});

export const loadTargetResultSchema = z.object({
  url: z.string(),
  method: z.string(),
  status: passedOrFailed,
  /** Requests answered (any status) plus requests that errored. */
  requests: z.number().int(),
  responses: z.number().int(),
  non2xx: z.number().int(),
  errors: z.number().int(),
  timeouts: z.number().int(),
  errorRate: z.number(),
  elapsedMs: z.number(),
  /** Answered requests per second over the whole run (autocannon paces a rate in one-second buckets). */
  throughput: z.number(),
  latency: latencyFiguresSchema.nullable(),
  hardStopped: z.boolean(),
  breaches: z.array(z.string()),
});

export const budgetProposalSchema = z.object({
  setting: z.enum(['latency-budget-p95', 'latency-budget-p99', 'error-budget']),
  current: z.string(),
  proposed: z.string(),
  reason: z.string(),
});

export const loadCalibrationReportSchema = z.object({
  ...common(EVIDENCE_REPORT_SCHEMA_VERSIONS['load-calibration'], passedOrFailed),
  kind: z.literal('load-calibration'),
  settings: z.object({
    requests: z.number().int().nullable(),
    durationMs: z.number().nullable(),
    rate: z.number().nullable(),
    concurrency: z.number().int(),
    timeoutMs: z.number(),
    hardStopMs: z.number(),
    headroom: z.number(),
  }),
  budgets: loadBudgetsSchema,
  targets: z.array(loadTargetResultSchema),
  /** The slowest target's figures: what the budgets must hold for. */
  observed: z.object({ p95Ms: z.number(), p99Ms: z.number(), errorRate: z.number() }).nullable(),
  proposals: z.array(budgetProposalSchema),
});

export type ValidationCheck = z.infer<typeof validationCheckSchema>;
export type ReceiverValidationReport = z.infer<typeof receiverValidationReportSchema>;
export type DrillEnvironmentResult = z.infer<typeof drillEnvironmentSchema>;
export type ReceiverDrillReport = z.infer<typeof receiverDrillReportSchema>;
export type LoadTargetResult = z.infer<typeof loadTargetResultSchema>;
export type LoadBudgets = z.infer<typeof loadBudgetsSchema>;
export type BudgetProposal = z.infer<typeof budgetProposalSchema>;
export type LoadCalibrationReport = z.infer<typeof loadCalibrationReportSchema>;
export type EvidenceReport = ReceiverValidationReport | ReceiverDrillReport | LoadCalibrationReport;

/** The schema each kind is written with (and the JSON Schema generator's source). */
export const evidenceReportSchemas = {
  'receiver-validation': receiverValidationReportSchema,
  'receiver-drill': receiverDrillReportSchema,
  'load-calibration': loadCalibrationReportSchema,
} as const;

/** What readers (readiness) accept for each kind: the current version, and older ones still in artifacts. */
export const readableEvidenceReportSchemas = {
  'receiver-validation': z.discriminatedUnion('schemaVersion', [
    receiverValidationReportSchema,
    receiverValidationReportV1Schema,
  ]),
  'receiver-drill': receiverDrillReportSchema,
  'load-calibration': loadCalibrationReportSchema,
} as const;

/** The schema versions readers accept for each kind. */
export const READABLE_EVIDENCE_SCHEMA_VERSIONS: Record<EvidenceKind, number[]> = {
  'receiver-validation': [2, 1],
  'receiver-drill': [1],
  'load-calibration': [1],
};
