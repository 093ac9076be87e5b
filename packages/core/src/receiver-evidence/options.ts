import * as z from 'zod';
import { parseDuration } from '../duration.js';
import { ConfigurationError } from '../errors.js';
import { splitList } from '../list.js';
import { signingSecretProblem } from '../webhooks/signing.js';
import type { LoadCalibrationOptions } from './load-calibration.js';
import type { ReceiverDrillOptions } from './receiver-drill.js';
import type { ReceiverValidationOptions } from './receiver-validation.js';
import { type EvidenceKind, evidenceKinds } from './schemas.js';

/**
 * The `evidence` action's inputs and the CLI's flags, defined once: each is a zod schema over the raw
 * string ('' when unset), an example for the error message, and whether it is a secret. The action reads
 * them with `readInputs`, the CLI with `parseEvidenceFlags`; both give the same messages.
 */
export interface EvidenceOptionSpec<S extends z.ZodType = z.ZodType> {
  schema: S;
  example: string;
  secret?: boolean;
}

const text = z.string().transform((raw) => raw.trim());
const optional = text.transform((raw) => (raw === '' ? undefined : raw));

const duration = (fallback: string | undefined) =>
  z.string().transform((raw, ctx) => {
    const value = raw.trim() || fallback;
    if (value === undefined) return undefined;
    const ms = parseDuration(value);
    if (ms === undefined || ms <= 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a duration such as 500ms, 10s, 2m or 1h30m' });
      return z.NEVER;
    }
    return ms;
  });

const integer = (fallback: number, min: number, max: number) =>
  z.string().transform((raw, ctx) => {
    const value = raw.trim();
    if (value === '') return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return Number(value);
  });

/** `1%`, `0.5%` or a fraction `0.01`; the value is a fraction. */
const fraction = (fallback: string) =>
  z.string().transform((raw, ctx) => {
    const value = raw.trim() || fallback;
    const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
    const number = percent
      ? Number(percent[1]) / 100
      : /^\d+(\.\d+)?$/.test(value)
        ? Number(value)
        : Number.NaN;
    if (Number.isNaN(number) || number < 0 || number > 10) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a percentage such as 1% or 0.5%, or a fraction such as 0.01',
      });
      return z.NEVER;
    }
    return number;
  });

const list = z.string().transform((raw) => splitList(raw));

const httpUrl = (raw: string) => {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

const url = z.string().transform((raw, ctx) => {
  const value = raw.trim();
  if (value === '') return undefined;
  if (!httpUrl(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
    return z.NEVER;
  }
  return value;
});

const urls = list.transform((items, ctx) => {
  const bad = items.filter((item) => !httpUrl(item));
  if (bad.length) {
    ctx.addIssue({ code: 'custom', message: `not an http:// or https:// URL: ${bad.join(', ')}` });
    return z.NEVER;
  }
  return items;
});

const secret = z.string().transform((raw, ctx) => {
  const value = raw.trim();
  if (value === '') return undefined;
  const problem = signingSecretProblem(value);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return value;
});

const kind = z.string().transform((raw, ctx) => {
  const value = raw.trim();
  if (!(evidenceKinds as readonly string[]).includes(value)) {
    ctx.addIssue({
      code: 'custom',
      message:
        value === ''
          ? `is required; valid values are: ${evidenceKinds.join(', ')}`
          : `valid values are: ${evidenceKinds.join(', ')}`,
    });
    return z.NEVER;
  }
  return value as EvidenceKind;
});

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const method = z.string().transform((raw, ctx) => {
  const value = raw.trim().toUpperCase() || 'GET';
  if (!(methods as readonly string[]).includes(value)) {
    ctx.addIssue({ code: 'custom', message: `valid values are: ${methods.join(', ')}` });
    return z.NEVER;
  }
  return value;
});

/** Names of inputs and flags, never repeated as literals elsewhere. */
export const EvidenceInputs = {
  Kind: 'kind',
  ReceiverUrl: 'receiver-url',
  ReceiverMetricsUrl: 'receiver-metrics-url',
  /** The older name of receiver-metrics-url, still accepted. */
  MetricsUrl: 'metrics-url',
  SigningSecret: 'signing-secret',
  BearerToken: 'bearer-token',
  Environment: 'environment',
  Environments: 'environments',
  EventLog: 'event-log',
  Tolerance: 'tolerance',
  Timeout: 'timeout',
  Deadline: 'deadline',
  Targets: 'targets',
  Method: 'method',
  Requests: 'requests',
  Duration: 'duration',
  Rate: 'rate',
  Concurrency: 'concurrency',
  HardStop: 'hard-stop',
  LatencyBudgetP95: 'latency-budget-p95',
  LatencyBudgetP99: 'latency-budget-p99',
  ErrorBudget: 'error-budget',
  Headroom: 'headroom',
  OutDir: 'out-dir',
} as const;

const I = EvidenceInputs;

/** Everything but `kind` (the action's selector; each CLI command is one kind). */
export const evidenceOptionSpecs = {
  // Masked like webhook URLs: teams keep the receiver's URLs in secrets.
  [I.ReceiverUrl]: {
    schema: url,
    example: 'https://hooks.example.com/internal/release-gate/callbacks',
    secret: true,
  },
  [I.ReceiverMetricsUrl]: { schema: url, example: 'https://hooks.example.com/metrics', secret: true },
  [I.MetricsUrl]: { schema: url, example: 'the older name of receiver-metrics-url', secret: true },
  [I.SigningSecret]: {
    schema: secret,
    example: 'whsec_<base64> from a secret, e.g. secrets.RELEASE_GATE_SIGNING_SECRET',
    secret: true,
  },
  [I.BearerToken]: {
    schema: optional,
    example: 'a token from a secret, e.g. secrets.RECEIVER_TOKEN',
    secret: true,
  },
  [I.Environment]: {
    schema: text.transform((raw) => raw || 'receiver-validation'),
    example: 'receiver-validation',
  },
  [I.Environments]: {
    schema: list.transform((items) => (items.length ? items : ['staging', 'production'])),
    example: 'staging, production',
  },
  [I.EventLog]: { schema: optional, example: 'receiver/events.jsonl' },
  [I.Tolerance]: { schema: duration('5m'), example: '5m' },
  [I.Timeout]: { schema: duration('5s'), example: '5s' },
  [I.Deadline]: { schema: duration('30s'), example: '30s' },
  [I.Targets]: { schema: urls, example: 'http://127.0.0.1:8080/healthz' },
  [I.Method]: { schema: method, example: 'GET' },
  [I.Requests]: { schema: integer(200, 1, 1_000_000), example: '200' },
  [I.Duration]: { schema: duration(undefined), example: '30s' },
  [I.Rate]: { schema: integer(100, 0, 100_000), example: '100 (0 = as fast as the target answers)' },
  [I.Concurrency]: { schema: integer(4, 1, 1000), example: '4' },
  [I.HardStop]: { schema: duration('2m'), example: '2m' },
  [I.LatencyBudgetP95]: { schema: duration('500ms'), example: '500ms' },
  [I.LatencyBudgetP99]: { schema: duration('1s'), example: '1s' },
  [I.ErrorBudget]: { schema: fraction('1%'), example: '1%' },
  [I.Headroom]: { schema: fraction('50%'), example: '50%' },
  [I.OutDir]: { schema: text.transform((raw) => raw || 'build-artifacts'), example: 'build-artifacts' },
} satisfies Record<string, EvidenceOptionSpec>;

export const evidenceInputSpecs = {
  [I.Kind]: { schema: kind, example: 'receiver-validation' },
  ...evidenceOptionSpecs,
} satisfies Record<string, EvidenceOptionSpec>;

export type EvidenceOptionValues = {
  [K in keyof typeof evidenceOptionSpecs]: z.infer<(typeof evidenceOptionSpecs)[K]['schema']>;
};

/** Which options each kind uses (the CLI shows only these; the action ignores the rest). */
export const EVIDENCE_KIND_OPTIONS: Record<EvidenceKind, Array<keyof typeof evidenceOptionSpecs>> = {
  'receiver-validation': [
    I.ReceiverUrl,
    I.SigningSecret,
    I.ReceiverMetricsUrl,
    I.MetricsUrl,
    I.BearerToken,
    I.Environment,
    I.Tolerance,
    I.Timeout,
    I.OutDir,
  ],
  'receiver-drill': [
    I.ReceiverUrl,
    I.Environments,
    I.ReceiverMetricsUrl,
    I.MetricsUrl,
    I.EventLog,
    I.SigningSecret,
    I.BearerToken,
    I.Deadline,
    I.Timeout,
    I.OutDir,
  ],
  'load-calibration': [
    I.Targets,
    I.Method,
    I.Requests,
    I.Duration,
    I.Rate,
    I.Concurrency,
    I.Timeout,
    I.HardStop,
    I.LatencyBudgetP95,
    I.LatencyBudgetP99,
    I.ErrorBudget,
    I.Headroom,
    I.OutDir,
  ],
};

type Named = (name: string) => string;

/**
 * Cross-field rules, after each value parsed: what each kind cannot run without. `named` turns an input
 * name into how the user wrote it (`receiver-url` in a workflow, `--receiver-url` on the command line).
 */
export function requireForKind(
  kind: EvidenceKind,
  values: EvidenceOptionValues,
  named: Named = (n) => n,
): void {
  const missing = (name: string, why: string, example: string) =>
    new ConfigurationError(
      `${named(name)} is required for ${kind}: ${why}. Example: ${named(name)}${named(name).startsWith('--') ? ' ' : ': '}${example}`,
    );
  if (kind === 'receiver-validation' || kind === 'receiver-drill') {
    if (!values[I.ReceiverUrl])
      throw missing(
        I.ReceiverUrl,
        'the receiver endpoint events are sent to',
        evidenceOptionSpecs[I.ReceiverUrl].example,
      );
  }
  if (kind === 'receiver-validation' && !values[I.SigningSecret])
    throw missing(
      I.SigningSecret,
      'the secret the receiver verifies signatures with',
      evidenceOptionSpecs[I.SigningSecret].example,
    );
  const [current, older] = [values[I.ReceiverMetricsUrl], values[I.MetricsUrl]];
  if (current && older && current !== older)
    throw new ConfigurationError(
      `${named(I.MetricsUrl)} is the older name of ${named(I.ReceiverMetricsUrl)}: give only ${named(I.ReceiverMetricsUrl)}`,
    );
  if (kind === 'receiver-drill' && !receiverMetricsUrl(values) && !values[I.EventLog])
    throw new ConfigurationError(
      `${kind} needs a way to confirm arrival: set ${named(I.ReceiverMetricsUrl)} (the receiver's Prometheus endpoint) or ${named(I.EventLog)} (its JSON-lines event log)`,
    );
  if (kind === 'load-calibration' && !values[I.Targets].length)
    throw missing(
      I.Targets,
      'there is no default target; list the loopback or explicitly chosen URLs to load',
      evidenceOptionSpecs[I.Targets].example,
    );
}

/** The receiver's Prometheus endpoint, under its name or its older one (metrics-url). */
const receiverMetricsUrl = (values: EvidenceOptionValues) =>
  values[I.ReceiverMetricsUrl] ?? values[I.MetricsUrl];

/** The runner options for one kind from parsed values (paths resolved by the caller). */
export function validationOptions(values: EvidenceOptionValues): ReceiverValidationOptions {
  return {
    receiverUrl: values[I.ReceiverUrl]!,
    signingSecret: values[I.SigningSecret]!,
    metricsUrl: receiverMetricsUrl(values),
    bearerToken: values[I.BearerToken],
    environment: values[I.Environment],
    toleranceMs: values[I.Tolerance],
    timeoutMs: values[I.Timeout],
  };
}

export function drillOptions(
  values: EvidenceOptionValues,
  resolvePath: (path: string) => string,
): ReceiverDrillOptions {
  const eventLog = values[I.EventLog];
  return {
    receiverUrl: values[I.ReceiverUrl]!,
    environments: values[I.Environments],
    metricsUrl: receiverMetricsUrl(values),
    eventLog: eventLog ? resolvePath(eventLog) : undefined,
    signingSecret: values[I.SigningSecret],
    bearerToken: values[I.BearerToken],
    deadlineMs: values[I.Deadline],
    timeoutMs: values[I.Timeout],
  };
}

export function loadOptions(values: EvidenceOptionValues): LoadCalibrationOptions {
  return {
    targets: values[I.Targets],
    method: values[I.Method],
    requests: values[I.Requests],
    durationMs: values[I.Duration],
    rate: values[I.Rate] || undefined,
    concurrency: values[I.Concurrency],
    timeoutMs: values[I.Timeout],
    hardStopMs: values[I.HardStop],
    budgets: {
      p95Ms: values[I.LatencyBudgetP95],
      p99Ms: values[I.LatencyBudgetP99],
      errorRate: values[I.ErrorBudget],
    },
    headroom: values[I.Headroom],
  };
}

/**
 * Parses raw values (a flag map or the action's inputs) with the specs; one error naming every bad value
 * (secrets never shown) and an example of a valid one.
 */
export function parseEvidenceOptions<T extends Record<string, EvidenceOptionSpec>>(
  specs: T,
  read: (name: string) => string,
  named: Named = (n) => n,
): { [K in keyof T]: z.infer<T[K]['schema']> } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const raw = read(name);
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else {
      const message = parsed.error.issues.map((issue) => issue.message).join('; ');
      problems.push(
        `${named(name)}${spec.secret ? '' : ` '${raw}'`} is invalid: ${message}. Example: ${named(name)} ${spec.example}`,
      );
    }
  }
  if (problems.length) throw new ConfigurationError(problems.join('\n'));
  return values as { [K in keyof T]: z.infer<T[K]['schema']> };
}
