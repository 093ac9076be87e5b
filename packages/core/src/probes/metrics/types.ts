import * as z from 'zod';

/**
 * Metric probes (`type: prometheus`): an instant query judged over an analysis window. The probe as it
 * runs (every default applied) and the measurement record the report keeps.
 */

/** What an empty query result counts as. */
export const NO_DATA_VERDICTS = ['fail', 'pass', 'inconclusive'] as const;
export type NoDataVerdict = (typeof NO_DATA_VERDICTS)[number];

/**
 * What a metric probe adds to the fields every probe has (`PrometheusProbe` in schema.ts). Durations in
 * milliseconds.
 */
export interface MetricSettings {
  /** The API's base URL as given (Prometheus, Thanos, Mimir, VictoriaMetrics); `/api/v1/query` is appended. */
  url: string;
  /** PromQL, templates (`{{ environment }}`, `{{ version }}`, `{{ sha }}`, `{{ env.NAME }}`) not yet rendered. */
  query: string;
  /** Only the probe's own headers: smoke's `headers` and `bearer-token` never go to the metrics backend. */
  headers: Record<string, string>;
  secretHeaders: string[];
  /** Sent as `Authorization: Bearer <token>`; masked. May be a `{{ env.NAME }}` template. */
  bearerToken?: string;
  min?: number;
  max?: number;
  /** The same query at `time = step start - offsetMs`; a value over `baseline x maxIncrease` fails. */
  baseline?: { offsetMs: number; maxIncrease: number };
  /** Wait before the first measurement. */
  initialDelayMs: number;
  intervalMs: number;
  /** Measurements in the window. */
  count: number;
  /** Failed measurements allowed; one more fails the probe. */
  failureLimit: number;
  /** Query errors in a row allowed (5xx, timeouts, refused connections); one more fails the probe. */
  consecutiveErrorLimit: number;
  /** Inconclusive measurements allowed; one more ends the probe inconclusive, which fails the smoke. */
  inconclusiveLimit: number;
  noData: NoDataVerdict;
}

/** One series' value in a measurement: its labels and the number (`NaN`, `+Inf`, `-Inf` as strings). */
export const seriesValueSchema = z.object({
  labels: z.record(z.string(), z.string()),
  value: z.union([z.number(), z.enum(['NaN', '+Inf', '-Inf'])]),
  verdict: z.enum(['passed', 'failed']),
  /** Why this series failed: `0.034 > max 0.01`, `NaN`, `3.1x the baseline 0.002 (max 1.5x)`. */
  reason: z.string().optional(),
  /** This series' baseline value, when the probe has a baseline (null: no baseline data for it). */
  baseline: z.number().nullable().optional(),
});

/** One measurement of the analysis window, as the report keeps it. */
export const measurementSchema = z.object({
  /** When the query was evaluated (ISO 8601). */
  at: z.string(),
  verdict: z.enum(['passed', 'failed', 'inconclusive', 'error']),
  /** One entry per series (one for a scalar); empty when there was no data or the query failed. */
  values: z.array(seriesValueSchema),
  /** The baseline's value when the probe has one (null: no data at the offset). */
  baseline: z.number().nullable().optional(),
  /** What decided the verdict, secrets redacted. */
  reason: z.string(),
  /** Query round trip, over every retry of this measurement. */
  durationMs: z.number(),
});

export type SeriesValue = z.infer<typeof seriesValueSchema>;
export type Measurement = z.infer<typeof measurementSchema>;

/** The analysis settings and counts a metric probe's result records beside its measurements. */
export const metricAnalysisSchema = z.object({
  /** The query as sent (templates rendered, secrets redacted). */
  query: z.string(),
  min: z.number().optional(),
  max: z.number().optional(),
  baseline: z.object({ offsetMs: z.number(), maxIncrease: z.number() }).optional(),
  initialDelayMs: z.number(),
  intervalMs: z.number(),
  count: z.number().int(),
  failureLimit: z.number().int(),
  consecutiveErrorLimit: z.number().int(),
  inconclusiveLimit: z.number().int(),
  noData: z.enum(NO_DATA_VERDICTS),
  /** `inconclusive`: the probe ran out of `inconclusiveLimit`; it fails the smoke all the same. */
  phase: z.enum(['passed', 'failed', 'inconclusive', 'error']),
  failed: z.number().int(),
  inconclusive: z.number().int(),
  errors: z.number().int(),
});

export type MetricAnalysis = z.infer<typeof metricAnalysisSchema>;

/** The values `{{ environment }}`, `{{ version }}` and `{{ sha }}` stand for in a query. */
export interface MetricTemplateValues {
  environment?: string;
  version?: string;
  sha?: string;
}

/** What a metric probe concluded: the engine turns it into the report's probe result. */
export interface MetricOutcome {
  passed: boolean;
  reason: string;
  /** One line per failed measurement's worst series, failing values first. */
  failures: string[];
  warnings: string[];
  measurements: Measurement[];
  analysis: MetricAnalysis;
  /** Every HTTP status the API answered, in order. */
  statusCodes: number[];
}
