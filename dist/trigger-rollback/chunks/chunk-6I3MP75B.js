import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  _enum,
  array,
  number,
  object,
  record,
  string,
  union
} from "./chunk-OHNNMSQP.js";

// packages/core/src/probes/metrics/types.ts
var NO_DATA_VERDICTS = ["fail", "pass", "inconclusive"];
var seriesValueSchema = object({
  labels: record(string(), string()),
  value: union([number(), _enum(["NaN", "+Inf", "-Inf"])]),
  verdict: _enum(["passed", "failed"]),
  /** Why this series failed: `0.034 > max 0.01`, `NaN`, `3.1x the baseline 0.002 (max 1.5x)`. */
  reason: string().optional(),
  /** This series' baseline value, when the probe has a baseline (null: no baseline data for it). */
  baseline: number().nullable().optional()
});
var measurementSchema = object({
  /** When the query was evaluated (ISO 8601). */
  at: string(),
  verdict: _enum(["passed", "failed", "inconclusive", "error"]),
  /** One entry per series (one for a scalar); empty when there was no data or the query failed. */
  values: array(seriesValueSchema),
  /** The baseline's value when the probe has one (null: no data at the offset). */
  baseline: number().nullable().optional(),
  /** What decided the verdict, secrets redacted. */
  reason: string(),
  /** Query round trip, over every retry of this measurement. */
  durationMs: number()
});
var metricAnalysisSchema = object({
  /** The query as sent (templates rendered, secrets redacted). */
  query: string(),
  min: number().optional(),
  max: number().optional(),
  baseline: object({ offsetMs: number(), maxIncrease: number() }).optional(),
  initialDelayMs: number(),
  intervalMs: number(),
  count: number().int(),
  failureLimit: number().int(),
  consecutiveErrorLimit: number().int(),
  inconclusiveLimit: number().int(),
  noData: _enum(NO_DATA_VERDICTS),
  /** `inconclusive`: the probe ran out of `inconclusiveLimit`; it fails the smoke all the same. */
  phase: _enum(["passed", "failed", "inconclusive", "error"]),
  failed: number().int(),
  inconclusive: number().int(),
  errors: number().int()
});

export {
  NO_DATA_VERDICTS,
  measurementSchema,
  metricAnalysisSchema
};
