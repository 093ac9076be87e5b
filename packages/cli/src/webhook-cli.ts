import {
  ConfigurationError,
  consoleLogger,
  errorMessage,
  formatDuration,
  type Logger,
  parseDuration,
} from '@release-actions/core';
import {
  type CommonData,
  freshIdempotencyKey,
  idempotencyKey,
  isValidIdempotencyKey,
  signingSecretProblem,
  type WebhookOutcome,
  type WebhookRequestOptions,
  type WebhookType,
} from '@release-actions/core/webhooks/index';
import type { ArgOptions } from './args.js';
import { USAGE_EXIT } from './exit-codes.js';

/** Flags shared by `deploy`, `rollback` and `verify` (names mirror the action inputs). */
export const WEBHOOK_FLAGS = {
  'webhook-url': { type: 'string' },
  'signing-secret': { type: 'string' },
  'bearer-token': { type: 'string' },
  'idempotency-key': { type: 'string' },
  'run-id': { type: 'string' },
  'run-attempt': { type: 'string' },
  repository: { type: 'string' },
  environment: { type: 'string' },
  service: { type: 'string' },
  ref: { type: 'string' },
  sha: { type: 'string' },
  version: { type: 'string' },
  drill: { type: 'boolean' },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
  'max-attempts': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'report-path': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
} satisfies ArgOptions;

export const WEBHOOK_FLAGS_USAGE = `Webhook flags (the same names as the action inputs):
  --webhook-url <url>          where to POST the event (or env RELEASE_GATE_WEBHOOK_URL)
  --signing-secret <secret>    Standard Webhooks secret, whsec_<base64> or raw (or env RELEASE_GATE_SIGNING_SECRET)
  --bearer-token <token>       Authorization: Bearer (or env RELEASE_GATE_BEARER_TOKEN)
  --environment <name>         required, e.g. production
  --service <name>             default: the current directory's name
  --ref <ref> --sha <sha> --version <label>
  --run-id <id> [--run-attempt <n>] [--repository owner/name]
                               derive the Idempotency-Key as the actions do (default: a fresh key, printed)
  --idempotency-key <key>      use this key as is
  --drill                      mark the event data.drill: true (receivers rehearse without acting)
  --timeout <duration>         per attempt (default 10s)
  --deadline <duration>        whole delivery incl. retries and polling (default 2m)
  --max-attempts <n>           default 5
  --dry-run                    print the request (secrets masked) and send nothing
  --report-path <file>         merge this step's section into a release-gate report
  -v, --verbose`;

export interface WebhookCliValues {
  webhookUrl?: string;
  signingSecret?: string;
  bearerToken?: string;
  environment: string;
  service: string;
  ref: string | null;
  sha: string | null;
  version: string | null;
  drill: boolean;
  timeoutMs: number;
  deadlineMs: number;
  maxAttempts: number;
  dryRun: boolean;
  reportPath?: string;
  repository: string | null;
  runId: string | null;
  runAttempt: number | null;
  keyFor(type: WebhookType): string;
  logger: Logger;
}

type Values = {
  [K in keyof typeof WEBHOOK_FLAGS]?: (typeof WEBHOOK_FLAGS)[K]['type'] extends 'boolean' ? boolean : string;
};

function durationFlag(name: string, raw: string | undefined, fallback: string): number {
  const ms = parseDuration(raw ?? fallback);
  if (ms === undefined)
    throw new ConfigurationError(`--${name} '${raw}' is not a duration; use e.g. 500ms, 10s, 2m`);
  return ms;
}

/** Validates the shared flags; secrets may come from the environment to stay out of shell history. */
export function webhookValues(values: Values, env: NodeJS.ProcessEnv = process.env): WebhookCliValues {
  const webhookUrl = values['webhook-url'] ?? env.RELEASE_GATE_WEBHOOK_URL;
  if (webhookUrl) {
    try {
      const url = new URL(webhookUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    } catch {
      throw new ConfigurationError('--webhook-url must be an http:// or https:// URL');
    }
  }
  const signingSecret = values['signing-secret'] ?? env.RELEASE_GATE_SIGNING_SECRET;
  if (signingSecret) {
    const problem = signingSecretProblem(signingSecret);
    if (problem) throw new ConfigurationError(`--signing-secret ${problem}`);
  }
  if (!values.environment)
    throw new ConfigurationError('--environment is required, e.g. --environment production');
  const maxAttempts = Number(values['max-attempts'] ?? 5);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20) {
    throw new ConfigurationError('--max-attempts must be a whole number from 1 to 20');
  }
  const runAttempt = values['run-attempt'] ? Number(values['run-attempt']) : null;
  if (runAttempt !== null && (!Number.isInteger(runAttempt) || runAttempt < 1)) {
    throw new ConfigurationError('--run-attempt must be a positive whole number');
  }
  const given = values['idempotency-key'];
  if (given !== undefined && !isValidIdempotencyKey(given)) {
    throw new ConfigurationError('--idempotency-key must be 1 to 255 printable characters without spaces');
  }
  const service = values.service ?? (process.cwd().split('/').pop() || 'service');
  const repository = values.repository ?? env.GITHUB_REPOSITORY ?? null;
  const runId = values['run-id'] ?? null;
  const fresh = freshIdempotencyKey();
  const out: WebhookCliValues = {
    webhookUrl,
    signingSecret,
    bearerToken: values['bearer-token'] ?? env.RELEASE_GATE_BEARER_TOKEN,
    environment: values.environment,
    service,
    ref: values.ref ?? null,
    sha: values.sha ?? null,
    version: values.version ?? null,
    drill: Boolean(values.drill),
    timeoutMs: durationFlag('timeout', values.timeout, '10s'),
    deadlineMs: durationFlag('deadline', values.deadline, '2m'),
    maxAttempts,
    dryRun: Boolean(values['dry-run']),
    reportPath: values['report-path'],
    repository,
    runId,
    runAttempt,
    logger: consoleLogger({ verbose: Boolean(values.verbose) }),
    keyFor: (type) =>
      given ??
      (runId
        ? idempotencyKey({
            repository,
            runId,
            runAttempt: runAttempt ?? 1,
            environment: values.environment!,
            service,
            type,
            sha: values.sha ?? null,
          })
        : fresh),
  };
  return out;
}

/** `--poll-interval` of `deploy` and `rollback` (default 2s), in milliseconds. */
export function pollIntervalFlag(raw: string | undefined): number {
  const interval = parseDuration(raw ?? '2s');
  if (interval === undefined) throw new Error('--poll-interval is not a duration, e.g. 2s');
  return interval;
}

export interface WebhookCommandArgs<P> {
  parsed: P;
  values: WebhookCliValues;
  pollIntervalMs: number;
}

/**
 * The start `deploy` and `rollback` share: parse the flags, answer `--help` (exit 0), check the webhook
 * flags and `--poll-interval`, and on bad usage print the error with the usage (exit 2). Returns the exit
 * code when the command is done, else what it needs to send.
 */
export function webhookCommandArgs<
  P extends { values: Values & { help?: boolean; 'poll-interval'?: string } },
>(
  command: string,
  argv: string[],
  parse: (argv: string[]) => P,
  usage: string,
  check: (values: WebhookCliValues) => void = () => {},
): WebhookCommandArgs<P> | number {
  try {
    const parsed = parse(argv);
    if (parsed.values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    const values = webhookValues(parsed.values);
    check(values);
    return { parsed, values, pollIntervalMs: pollIntervalFlag(parsed.values['poll-interval']) };
  } catch (error) {
    process.stderr.write(`release-gate ${command}: ${errorMessage(error)}\n\n${usage}\n`);
    return USAGE_EXIT;
  }
}

/** The data every event from the CLI starts with (the CLI has no run URL). */
export function commonEventData(values: WebhookCliValues): CommonData {
  return {
    environment: values.environment,
    service: values.service,
    ref: values.ref,
    sha: values.sha,
    version: values.version,
    runUrl: null,
    drill: values.drill,
  };
}

/** How the shared flags deliver an event: key, credentials, bounds, dry-run and logging. */
export function deliveryOptions(
  values: WebhookCliValues,
  idempotencyKey: string,
): Pick<
  WebhookRequestOptions,
  | 'idempotencyKey'
  | 'bearerToken'
  | 'signingSecret'
  | 'timeoutMs'
  | 'deadlineMs'
  | 'maxAttempts'
  | 'dryRun'
  | 'logger'
> {
  return {
    idempotencyKey,
    bearerToken: values.bearerToken,
    signingSecret: values.signingSecret,
    timeoutMs: values.timeoutMs,
    deadlineMs: values.deadlineMs,
    maxAttempts: values.maxAttempts,
    dryRun: values.dryRun,
    logger: values.logger,
  };
}

/** `key=value` lines on stdout (what scripts read) and a human line on stderr. */
export function printOutcome(
  stateName: string,
  state: string,
  outcome: WebhookOutcome | undefined,
  extra: Record<string, string> = {},
): void {
  const lines = [`${stateName}=${state}`, `delivery-id=${outcome?.deliveryId ?? ''}`];
  for (const [key, value] of Object.entries(extra)) lines.push(`${key}=${value}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (outcome) {
    process.stderr.write(
      `${outcome.message} [attempts ${outcome.delivery.attempts}, statuses ${outcome.delivery.statusCodes.join(',') || '-'}, ${formatDuration(outcome.delivery.durationMs)}]\n`,
    );
  }
}

/** Tells the user which key was used when it was not derived from a run (they need it to retry). */
export function announceKey(values: WebhookCliValues, key: string, fromFlag: boolean): void {
  if (!fromFlag && !values.runId) {
    process.stderr.write(
      `Idempotency-Key ${key} (fresh; pass --idempotency-key ${key} to retry this same request)\n`,
    );
  }
}

export function runIdentity(values: WebhookCliValues) {
  return {
    environment: values.environment,
    service: values.service,
    ref: values.ref,
    sha: values.sha,
    version: values.version,
    run: {
      repository: values.repository,
      id: values.runId,
      attempt: values.runAttempt,
      url: null,
      actor: null,
      workflow: null,
    },
  };
}
