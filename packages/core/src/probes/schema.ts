import * as z from 'zod';
import { type AssertionOperators, assertionOperatorsSchema } from '../assertions.js';
import { durationSchema } from '../duration.js';
import { parseJsonPath } from '../json-path.js';
import { redactUrl } from '../redact.js';
import { parseStatusList, type StatusList } from '../status-list.js';
import {
  assertionSchemaWith,
  type ScenarioOptions,
  type StepRef,
  scenarioEntryShape,
} from './scenario/schema.js';

export const PROBE_TYPES = ['http', 'ws', 'tcp', 'command'] as const;
export type ProbeType = (typeof PROBE_TYPES)[number];

/** An accepted status list as written in a probes file: `200`, `"200,204"`, `"200-299"` or `[200, 204]`. */
export const statusListSchema = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])
  .transform((raw, ctx) => {
    const list = parseStatusList(raw);
    if (!list) {
      ctx.addIssue({
        code: 'custom',
        message: `'${String(raw)}' is not a status list; use e.g. 200, 200,204 or 200-299`,
      });
      return z.NEVER;
    }
    return list;
  });

/**
 * One body assertion: a dotted JSON path and exactly one operator, `{ path: checks.db[0].status, equals: UP }`.
 * The subject is a field so that other subjects (a response header, say) can join without a new shape.
 */
export const probeAssertionSchema = z
  .looseObject({ path: z.string({ message: 'an assertion needs a path, e.g. status' }) })
  .transform((value, ctx) => {
    const { path, ...operators } = value;
    if (!parseJsonPath(path)) {
      ctx.addIssue({ code: 'custom', message: `'${path}' is not a path; use e.g. checks.db[0].status` });
      return z.NEVER;
    }
    const parsed = assertionOperatorsSchema.safeParse(operators);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
      return z.NEVER;
    }
    return { subject: 'body' as const, path, op: parsed.data };
  });

export interface ProbeAssertion {
  subject: 'body';
  path: string;
  op: AssertionOperators;
}

const headerValue = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine((value) => !/[\r\n\0]/.test(value), { message: 'a header value cannot contain line breaks' });

/** A probe as written in a probes file (YAML or JSON, camelCase keys). */
export const probeFileEntrySchema = z
  .object({
    name: z.string().min(1).optional(),
    type: z.enum(PROBE_TYPES).optional(),
    url: z.string().min(1).optional(),
    command: z.string().min(1).optional(),
    args: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
    method: z
      .string()
      .regex(/^[A-Za-z]+$/, { message: 'use an HTTP method such as GET or POST' })
      .optional(),
    headers: z.record(z.string(), headerValue).optional(),
    /** Header names whose values are secrets: masked and dropped on cross-origin redirects. */
    secretHeaders: z.array(z.string()).optional(),
    body: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
    expectedStatus: statusListSchema.optional(),
    assertions: z.array(assertionSchemaWith(probeAssertionSchema)).optional(),
    latencyBudget: durationSchema.optional(),
    timeout: durationSchema.optional(),
    dryRun: z.boolean().optional(),
    ...scenarioEntryShape,
  })
  .strict();

export type ProbeFileEntry = z.infer<typeof probeFileEntrySchema> & { step?: StepRef };

/** A probes file: a list of probes, or `{ probes: [...] }`. */
export const probesFileSchema = z.union([
  z.array(probeFileEntrySchema),
  z.object({ probes: z.array(probeFileEntrySchema) }).strict(),
]);

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
