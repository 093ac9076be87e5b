import * as z from 'zod';
import { measurementSchema, metricAnalysisSchema } from '../probes/metrics/types.js';

export const latencySchema = z.object({
  minMs: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  maxMs: z.number(),
});

export const probeResultSchema = z.object({
  name: z.string(),
  type: z.enum(['http', 'ws', 'tcp', 'command', 'prometheus']),
  /** Redacted: no userinfo, no secret query values. */
  target: z.string(),
  verdict: z.enum(['passed', 'failed']),
  dryRun: z.boolean(),
  attempts: z.number().int(),
  statusCodes: z.array(z.number().int()),
  latency: latencySchema.nullable(),
  /** WebSocket scripts: each send to its matching answer, over every attempt (null: none completed). */
  roundTrip: latencySchema.nullable().optional(),
  reason: z.string(),
  /** One line per failed assertion: expected and actual (secrets redacted). */
  failures: z.array(z.string()).default([]),
  /** Health format recognised in the body, if any. */
  healthFormat: z.string().optional(),
  warnings: z.array(z.string()).default([]),
  /** Metric probes: every measurement of the analysis window (time, value per series, verdict). */
  measurements: z.array(measurementSchema).optional(),
  /** Metric probes: the query as sent, the thresholds, the window and its counts. */
  analysis: metricAnalysisSchema.optional(),
  /** Bake time (`watch`): the re-runs after the probe first passed. */
  watch: z
    .object({
      windowMs: z.number(),
      intervalMs: z.number(),
      failureLimit: z.number().int(),
      runs: z.number().int(),
      failures: z.number().int(),
      /** Passed re-runs over all re-runs, 0 to 1. */
      passRate: z.number(),
      /** The slowest re-run (null: none completed). */
      worstLatencyMs: z.number().nullable(),
      /** Why the window ended early, when it did (the failure that went over the limit, cancellation). */
      endedEarly: z.string().optional(),
    })
    .optional(),
});

export const capturedValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const smokeSectionSchema = z.object({
  /** `error`: the step could not run (invalid input, unreadable probes file); `error` says why. */
  result: z.enum(['passed', 'failed', 'error']),
  /** Why the step could not run, when `result` is `error` (names the input and the fix). */
  error: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  passedCount: z.number().int(),
  failedCount: z.number().int(),
  probes: z.array(probeResultSchema),
  /** `key=value` lines from command probes and values captured by scenario steps. */
  captured: z.record(z.string(), capturedValueSchema).default({}),
  /** Set when `expected-version` held http probes to a version: what, where it was read, how many probes. */
  expectedVersion: z
    .object({ version: z.string(), sources: z.array(z.string()), probes: z.number().int() })
    .optional(),
  /** Set when the run was cancelled (SIGTERM/SIGINT): a partial section. */
  cancelled: z.boolean().optional(),
  /** The policy the probes ran under, so a reader can tell what "failed after 3 attempts" meant. */
  policy: z
    .object({
      timeoutMs: z.number(),
      deadlineMs: z.number(),
      maxAttempts: z.number().int(),
      consecutiveSuccesses: z.number().int(),
      concurrency: z.number().int(),
      /** Wait before the first probe (`warmup`), when there was one. */
      warmupMs: z.number().optional(),
      /** Bake time, when there was one: the window, the pause between re-runs and the failures allowed. */
      watch: z
        .object({ windowMs: z.number(), intervalMs: z.number(), failureLimit: z.number().int() })
        .optional(),
    })
    .optional(),
});

export type ProbeResult = z.infer<typeof probeResultSchema>;
export type SmokeSection = z.infer<typeof smokeSectionSchema>;

/** The section of a smoke step that could not run: no probes, `result: error` and why. */
export function smokeErrorSection(error: string, startedAt: Date, finishedAt: Date): SmokeSection {
  return {
    result: 'error',
    error,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
    passedCount: 0,
    failedCount: 0,
    probes: [],
    captured: {},
  };
}
