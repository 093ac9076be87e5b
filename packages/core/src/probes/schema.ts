import * as z from 'zod';
import type { AssertionOperators } from '../assertions.js';
import { redactUrl } from '../redact.js';
import type { StatusList } from '../status-list.js';
import type { MetricSettings } from './metrics/types.js';
import type { ScenarioOptions } from './scenario/schema.js';

export const PROBE_TYPES = ['http', 'ws', 'tcp', 'command', 'prometheus'] as const;
export type ProbeType = (typeof PROBE_TYPES)[number];
/** The probe types judged attempt by attempt (an executor observes, evaluate.ts decides); metric probes judge a window. */
export type AttemptProbeType = Exclude<ProbeType, 'prometheus'>;

export type { ProbeFileEntry } from './probes-file.js';

/** One body assertion (see `probeAssertionSchema` in probes-file.ts). */
export interface ProbeAssertion {
  subject: 'body';
  path: string;
  op: AssertionOperators;
}

interface ProbeCommon {
  name: string;
  /** What the probe reaches, safe to show: redacted URL, `host:port`, or the command name. */
  target: string;
  dryRun: boolean;
  assertions: ProbeAssertion[];
  latencyBudgetMs?: number;
  /** Overrides the policy's per-attempt timeout for this probe. */
  timeoutMs?: number;
  /** Header/text assertions, captures, ws script, version check, step (see scenario/). */
  scenario?: ScenarioOptions;
  /** Bake time: after the probe first passes, it is re-run for this long (overrides the smoke `watch`). */
  watchMs?: number;
}

export interface HttpProbe extends ProbeCommon {
  type: 'http';
  url: string;
  method: string;
  headers: Record<string, string>;
  secretHeaders: string[];
  body?: string;
  expectedStatus: StatusList;
}

export interface WsProbe extends ProbeCommon {
  type: 'ws';
  url: string;
  headers: Record<string, string>;
  secretHeaders: string[];
}

export interface TcpProbe extends ProbeCommon {
  type: 'tcp';
  host: string;
  port: number;
}

export interface CommandProbe extends ProbeCommon {
  type: 'command';
  command: string;
  args: string[];
}

/**
 * A metric probe: a PromQL instant query judged over an analysis window (metrics/). `target` is the API's
 * redacted base URL; `timeoutMs` is per query attempt; `resultKey` (scenario) records its verdict.
 */
export interface PrometheusProbe extends ProbeCommon, MetricSettings {
  type: 'prometheus';
}

/** A probe judged attempt by attempt. */
export type AttemptProbe = HttpProbe | WsProbe | TcpProbe | CommandProbe;

/** A probe ready to run: every default applied, its type known. */
export type Probe = AttemptProbe | PrometheusProbe;

/** How every probe is run (the action's inputs, the CLI's flags). Durations in milliseconds. */
export const smokePolicySchema = z.object({
  /** Per attempt, covering connect, headers, the body and any redirects. */
  timeoutMs: z.number().int().positive().default(10_000),
  /** For the whole run: no attempt starts or continues past it. */
  deadlineMs: z.number().int().positive().default(300_000),
  maxAttempts: z.number().int().min(1).default(3),
  /** Successes in a row before a probe passes (stabilisation). */
  consecutiveSuccesses: z.number().int().min(1).default(1),
  concurrency: z.number().int().min(1).default(10),
  /** Backoff between attempts: full jitter in [0, min(cap, base * 2^n)). */
  backoffBaseMs: z.number().int().min(0).default(500),
  backoffCapMs: z.number().int().min(0).default(10_000),
  /** Pause between successful attempts while stabilising. */
  stabilisationIntervalMs: z.number().int().min(0).default(1_000),
  maxRedirects: z.number().int().min(0).default(5),
  /** Wait before the first probe (a new version warming up); the deadline starts after it. */
  warmupMs: z.number().int().min(0).default(0),
  /** Bake time: after an attempt-judged probe first passes, it is re-run for this long (0: no bake). */
  watchMs: z.number().int().min(0).default(0),
  /** Pause between the re-runs of the bake window. */
  watchIntervalMs: z.number().int().min(1).default(10_000),
  /** Failed re-runs a probe may have in its bake window; one more fails it. */
  watchFailureLimit: z.number().int().min(0).default(0),
});

export type SmokePolicy = z.infer<typeof smokePolicySchema>;
export type SmokePolicyInput = z.input<typeof smokePolicySchema>;

/** The name a probe gets when none is given: host and path (no query), `host:port`, or the command. */
export function defaultProbeName(target: { url?: string; command?: string }): string {
  if (target.command) return target.command.split(/\s+/)[0] ?? target.command;
  try {
    const url = new URL(target.url ?? '');
    if (url.protocol === 'tcp:') return url.host;
    return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return redactUrl(target.url ?? 'probe');
  }
}
