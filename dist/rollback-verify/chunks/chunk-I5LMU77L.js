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
import {
  redactUrl
} from "./chunk-6MQO5ODA.js";

// packages/core/src/status-list.ts
function parseStatusList(text) {
  const parts = Array.isArray(text) ? text.map(String) : String(text).split(",");
  const ranges = [];
  for (const raw of parts) {
    const part = raw.trim();
    const match = /^(\d{3})(?:\s*-\s*(\d{3}))?$/.exec(part);
    if (!match) return void 0;
    const low = Number(match[1]);
    const high = match[2] ? Number(match[2]) : low;
    if (low < 100 || high > 599 || low > high) return void 0;
    ranges.push([low, high]);
  }
  return ranges.length ? ranges : void 0;
}
function statusMatches(list, status) {
  return list.some(([low, high]) => status >= low && status <= high);
}
function formatStatusList(list) {
  return list.map(([low, high]) => low === high ? String(low) : `${low}-${high}`).join(",");
}

// packages/core/src/probes/schema.ts
var PROBE_TYPES = ["http", "ws", "tcp", "command", "prometheus"];
var smokePolicySchema = object({
  /** Per attempt, covering connect, headers, the body and any redirects. */
  timeoutMs: number().int().positive().default(1e4),
  /** For the whole run: no attempt starts or continues past it. */
  deadlineMs: number().int().positive().default(3e5),
  maxAttempts: number().int().min(1).default(3),
  /** Successes in a row before a probe passes (stabilisation). */
  consecutiveSuccesses: number().int().min(1).default(1),
  concurrency: number().int().min(1).default(10),
  /** Backoff between attempts: full jitter in [0, min(cap, base * 2^n)). */
  backoffBaseMs: number().int().min(0).default(500),
  backoffCapMs: number().int().min(0).default(1e4),
  /** Pause between successful attempts while stabilising. */
  stabilisationIntervalMs: number().int().min(0).default(1e3),
  maxRedirects: number().int().min(0).default(5),
  /** Wait before the first probe (a new version warming up); the deadline starts after it. */
  warmupMs: number().int().min(0).default(0),
  /** Bake time: after an attempt-judged probe first passes, it is re-run for this long (0: no bake). */
  watchMs: number().int().min(0).default(0),
  /** Pause between the re-runs of the bake window. */
  watchIntervalMs: number().int().min(1).default(1e4),
  /** Failed re-runs a probe may have in its bake window; one more fails it. */
  watchFailureLimit: number().int().min(0).default(0)
});
function defaultProbeName(target) {
  if (target.command) return target.command.split(/\s+/)[0] ?? target.command;
  try {
    const url = new URL(target.url ?? "");
    if (url.protocol === "tcp:") return url.host;
    return `${url.host}${url.pathname === "/" ? "" : url.pathname}`;
  } catch {
    return redactUrl(target.url ?? "probe");
  }
}

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
  metricAnalysisSchema,
  parseStatusList,
  statusMatches,
  formatStatusList,
  PROBE_TYPES,
  smokePolicySchema,
  defaultProbeName
};
