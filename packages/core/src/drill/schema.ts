import * as z from 'zod';
import { calibrationSchema } from './calibration.js';

export const DRILL_REPORT_SCHEMA_VERSION = 1;
export const DRILL_REPORT_KIND = 'release-gate-drill-delta-report';

export const drillStatusSchema = z.enum(['drill_passed', 'attention_required', 'missing']);
export type DrillStatus = z.infer<typeof drillStatusSchema>;

export const ALERT_NAMES = {
  failuresPresent: 'ReleaseGateRollbackCallbackFailuresPresent',
  failureRate: 'ReleaseGateRollbackCallbackFailureRateCritical',
  drillMissing: 'ReleaseGateRollbackCallbackDrillMissing',
} as const;
export type AlertName = (typeof ALERT_NAMES)[keyof typeof ALERT_NAMES];

export const alertConditionSchema = z.object({
  name: z.enum([ALERT_NAMES.failuresPresent, ALERT_NAMES.failureRate, ALERT_NAMES.drillMissing]),
  severity: z.enum(['warning', 'critical']),
  environment: z.string(),
  firing: z.boolean(),
  /** Failed count, failure rate (0..1, null without events) or age of the last event in ms (null: never). */
  value: z.number().nullable(),
  detail: z.string(),
});
export type AlertCondition = z.infer<typeof alertConditionSchema>;

export const environmentEventsSchema = z.object({
  environment: z.string(),
  total: z.number().int(),
  failed: z.number().int(),
  lastEventAt: z.string().nullable(),
  presenceWindow: z.object({ total: z.number().int(), failed: z.number().int() }),
  rateWindow: z.object({ total: z.number().int(), failed: z.number().int() }),
  drillMissingWindow: z.object({ total: z.number().int() }),
  statsWindow: z.object({
    total: z.number().int(),
    /** Rollback durations (`data.durationMs`) over the stats window; p95 from a 1% log histogram. */
    durationSamples: z.number().int(),
    durationP95Ms: z.number().nullable(),
    durationMaxMs: z.number().nullable(),
  }),
});
export type EnvironmentEvents = z.infer<typeof environmentEventsSchema>;

export const eventsSummarySchema = z.object({
  path: z.string().nullable(),
  lines: z.number().int(),
  malformedLines: z.number().int(),
  callbackEvents: z.number().int(),
  /** Events with `receivedAt` after the evaluation time (ignored, as Prometheus would not see them yet). */
  futureEvents: z.number().int(),
  environments: z.array(environmentEventsSchema),
});
export type EventsSummary = z.infer<typeof eventsSummarySchema>;

export const stepDurationsSchema = z.object({
  deployMs: z.number().nullable(),
  smokeMs: z.number().nullable(),
  rollbackMs: z.number().nullable(),
  verifyMs: z.number().nullable(),
});

export const environmentResultSchema = z.object({
  /** `staging` or `production`: which input the report came from. */
  slot: z.enum(['staging', 'production']),
  environment: z.string(),
  status: drillStatusSchema,
  reasons: z.array(z.string()),
  reportPath: z.string().nullable(),
  service: z.string().nullable(),
  ref: z.string().nullable(),
  sha: z.string().nullable(),
  runUrl: z.string().nullable(),
  states: z.object({
    deploy: z.string().nullable(),
    rollback: z.string().nullable(),
    rollbackCallback: z.string().nullable(),
    metricsCallback: z.string().nullable(),
  }),
  durations: stepDurationsSchema,
});
export type EnvironmentResult = z.infer<typeof environmentResultSchema>;

export const deltaSchema = z.object({
  setting: z.string(),
  current: z.string(),
  proposed: z.string(),
  reason: z.string(),
});
export type Delta = z.infer<typeof deltaSchema>;

/** `release-gate-drill-delta-report.json`: the outcome of one drill evaluation. */
export const drillDeltaReportSchema = z.object({
  schemaVersion: z.literal(DRILL_REPORT_SCHEMA_VERSION),
  kind: z.literal(DRILL_REPORT_KIND),
  /** When the evaluation ran (the injectable `now`): readiness judges freshness from this field. */
  generatedAt: z.string(),
  owner: z.string().nullable(),
  deltaApplied: z.string(),
  staging: environmentResultSchema,
  production: environmentResultSchema,
  alerts: z.array(alertConditionSchema),
  firingAlerts: z.array(z.string()),
  events: eventsSummarySchema.nullable(),
  deltas: z.array(deltaSchema),
  calibration: calibrationSchema,
  notes: z.array(z.string()),
});
export type DrillDeltaReport = z.infer<typeof drillDeltaReportSchema>;
