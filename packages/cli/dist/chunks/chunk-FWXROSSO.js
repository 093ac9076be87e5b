import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  number,
  object
} from "./chunk-H3HWWZLP.js";
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

export {
  parseStatusList,
  statusMatches,
  formatStatusList,
  PROBE_TYPES,
  smokePolicySchema,
  defaultProbeName
};
