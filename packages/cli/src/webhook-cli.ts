import { basename, resolve } from 'node:path';
import {
  type ActionSpec,
  ConfigurationError,
  consoleLogger,
  errorMessage,
  formatDuration,
  type GateContext,
  type GateContextInputs,
  gateContext,
  type InputSpecs,
  type Logger,
  oneOffRunId,
  type ParsedInputs,
  parseInputs,
  type WebhookOutcome,
  type WebhookType,
} from '@release-actions/core';
import { githubDeployments } from '@release-actions/github';
import { type ArgOptions, flagSource } from './args.js';
import { USAGE_EXIT } from './exit-codes.js';

/** Flags of the webhook commands that no action input has: the run the keys derive from, and logging. */
const RUN_FLAGS = {
  'run-id': { type: 'string' },
  'run-attempt': { type: 'string' },
  repository: { type: 'string' },
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

export interface WebhookCommand<T extends InputSpecs> {
  inputs: ParsedInputs<T>;
  context: GateContext;
  logger: Logger;
  /** `--repository`, else GITHUB_REPOSITORY: the repository of the keys and the deployment history. */
  repository: string | null;
  /** Whether the keys come from a run (`--run-id` or `--idempotency-key`) rather than a fresh one-off id. */
  keyed: boolean;
}

/**
 * The start every webhook command shares: the action's spec read from flags (and the env fallbacks),
 * `--help` answered (exit 0), the gate context the actions use (keys from `--run-id`, else a fresh
 * one-off id). Bad usage prints the message and the usage and returns exit 2.
 */
export function webhookCommand<T extends InputSpecs>(
  command: string,
  argv: string[],
  spec: ActionSpec<T>,
  usage: string,
  options: { readFlags?: typeof flagSource; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): WebhookCommand<T> | number {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const readFlags = options.readFlags ?? flagSource;
  try {
    const { source, help, values } = readFlags(argv, spec.inputs, usage, env, RUN_FLAGS);
    if (help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    const inputs = parseInputs(spec, source);
    const flags = values as {
      'run-id'?: string;
      'run-attempt'?: string;
      repository?: string;
      verbose?: boolean;
    };
    const given = inputs as unknown as GateContextInputs;
    const runAttempt = flags['run-attempt'] === undefined ? null : Number(flags['run-attempt']);
    if (runAttempt !== null && (!Number.isInteger(runAttempt) || runAttempt < 1)) {
      throw new ConfigurationError('--run-attempt must be a positive whole number');
    }
    const runId = flags['run-id'] ?? null;
    const repository = flags.repository ?? env.GITHUB_REPOSITORY ?? null;
    const reportPath = given['report-path'];
    const context = gateContext(
      {
        environment: given.environment,
        service: given.service ?? (basename(cwd) || 'service'),
        ref: given.ref ?? null,
        sha: given.sha ?? null,
        version: given.version ?? null,
        // A run id without an attempt is the run's first attempt, as on a runner.
        run: {
          repository,
          id: runId,
          attempt: runId ? (runAttempt ?? 1) : runAttempt,
          url: null,
          actor: null,
          workflow: null,
        },
      },
      {
        drill: given.drill,
        idempotencyKey: given['idempotency-key'],
        reportPath: reportPath ? resolve(cwd, reportPath) : undefined,
        oneOffRunId: runId ? undefined : oneOffRunId(),
      },
    );
    return {
      inputs,
      context,
      logger: consoleLogger({ verbose: Boolean(flags.verbose) }),
      repository,
      keyed: runId !== null || given['idempotency-key'] !== undefined,
    };
  } catch (error) {
    process.stderr.write(`release-gate ${command}: ${errorMessage(error)}\n\n${usage}\n`);
    return USAGE_EXIT;
  }
}

/** The deployment history and statuses, when the command has a token (`--github-token` or GITHUB_TOKEN). */
export function cliDeployments(command: WebhookCommand<InputSpecs>, token: string | undefined) {
  return token
    ? githubDeployments({
        token,
        repository: command.repository ?? undefined,
        repositoryFrom: '--repository or GITHUB_REPOSITORY',
        logger: command.logger,
      })
    : undefined;
}

/** Tells the user which key a one-off request uses (they need it to retry that same request). */
export function announceKey(command: WebhookCommand<InputSpecs>, type: WebhookType): void {
  if (command.keyed) return;
  const key = command.context.keyFor(type);
  process.stderr.write(
    `Idempotency-Key ${key} (fresh; pass --idempotency-key ${key} to retry this same request)\n`,
  );
}

/**
 * What to do next when an answer has a usual cause on the user's side: a 401 to an unsigned event (no
 * secret given), or `--wait` with no status URL to poll. Only advice; the outcome stays as it is.
 */
export function outcomeHints(outcome: WebhookOutcome, options: { wait?: boolean } = {}): string[] {
  const hints: string[] = [];
  if (outcome.status === 401 && !outcome.delivery.signed)
    hints.push(
      'hint: the event was sent unsigned; pass --signing-secret <secret> or set RELEASE_GATE_SIGNING_SECRET for this command too (the same secret the receiver verifies with)',
    );
  if (options.wait && outcome.state === 'accepted' && !outcome.statusUrl && !outcome.delivery.dryRun)
    hints.push(
      'hint: to wait, the webhook must answer with a Location header or statusUrl; the reference receiver does when started with --complete-after <duration>',
    );
  return hints;
}

/** `key=value` lines on stdout (what scripts read: the action's outputs) and a human line on stderr. */
export function printOutcome(
  outputs: Record<string, string>,
  outcome: WebhookOutcome | undefined,
  options: { wait?: boolean } = {},
): void {
  process.stdout.write(
    `${Object.entries(outputs)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n')}\n`,
  );
  if (outcome) {
    process.stderr.write(
      `${outcome.message} [attempts ${outcome.delivery.attempts}, statuses ${outcome.delivery.statusCodes.join(',') || '-'}, ${formatDuration(outcome.delivery.durationMs)}]\n`,
    );
    for (const hint of outcomeHints(outcome, options)) process.stderr.write(`${hint}\n`);
  }
}
