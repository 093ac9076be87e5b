import * as z from 'zod';
import type { AssertionOperators } from '../assertions.js';
import { redactUrl } from '../redact.js';
import type { StatusList } from '../status-list.js';
import type { ScenarioOptions } from './scenario/schema.js';

export const PROBE_TYPES = ['http', 'ws', 'tcp', 'command'] as const;
export type ProbeType = (typeof PROBE_TYPES)[number];

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

/** A probe ready to run: every default applied, its type known. */
export type Probe = HttpProbe | WsProbe | TcpProbe | CommandProbe;

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
