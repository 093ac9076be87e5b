import { resolve } from 'node:path';
import {
  ConfigurationError,
  consoleLogger,
  errorMessage,
  mergeReportSection,
  parseDuration,
  type ReleaseGateReport,
  readJsonFile,
  releaseGateReportSchema,
  timeSpan,
} from '@release-actions/core';
import { loadProbes, runSmoke } from '@release-actions/core/probes/index';
import {
  SmokeInput,
  type SmokeInputValues,
  smokeInputSpecs,
  smokePolicy,
  smokeProbeOptions,
  smokeRedactor,
} from '@release-actions/core/specs/smoke';
import {
  buildEvent,
  freshIdempotencyKey,
  idempotencyKey,
  sendWebhook,
  signingSecretProblem,
  type WebhookOutcome,
  type WebhookType,
} from '@release-actions/core/webhooks/index';
import { parseFlags } from '../args.js';
import { USAGE_EXIT } from '../exit-codes.js';
import { cliRunCommand, renderSmokeText } from './smoke.js';

const USAGE = `release-gate verify --environment <name> --url <url> [--url ...] [flags]

Verifies a rollback: re-runs the smoke probes against the rolled-back version, sends a signed
rollback.verify event to --webhook-url and a release_gate.callback event to --metrics-url (the
receiver's /internal/release-gate/callbacks). Prints rollback-callback-state=<verified|failed|skipped_missing_webhook>.

Probes (as release-gate smoke): --url (repeatable), --urls, --probes, --bearer-token, --expected-status,
  --timeout, --deadline, --max-attempts (per probe)
Webhooks (as the rollback-verify inputs):
  --webhook-url <url>            verify webhook (or env RELEASE_GATE_WEBHOOK_URL)
  --metrics-url <url>            callback receiver
  --signing-secret <secret>      (or env RELEASE_GATE_SIGNING_SECRET)
  --webhook-bearer-token <t>     (or env RELEASE_GATE_WEBHOOK_BEARER_TOKEN)
  --webhook-timeout 10s --webhook-deadline 2m --webhook-max-attempts 5
  --rollback-ref <ref> --rollback-state <state>   default: the report's rollback section
  --service --ref --sha --version --drill --dry-run
  --run-id <id> [--run-attempt n] [--repository owner/name]   derive Idempotency-Keys (default fresh)
  --report-path <file>           default release-gate/report.json

Exit codes: 0 verified or skipped_missing_webhook, 1 failed, 2 bad usage.`;

const FLAGS = {
  url: { type: 'string', multiple: true },
  urls: { type: 'string' },
  probes: { type: 'string' },
  'bearer-token': { type: 'string' },
  'expected-status': { type: 'string' },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
  'max-attempts': { type: 'string' },
  environment: { type: 'string' },
  'webhook-url': { type: 'string' },
  'metrics-url': { type: 'string' },
  'signing-secret': { type: 'string' },
  'webhook-bearer-token': { type: 'string' },
  'webhook-timeout': { type: 'string' },
  'webhook-deadline': { type: 'string' },
  'webhook-max-attempts': { type: 'string' },
  'rollback-ref': { type: 'string' },
  'rollback-state': { type: 'string' },
  service: { type: 'string' },
  ref: { type: 'string' },
  sha: { type: 'string' },
  version: { type: 'string' },
  drill: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'run-id': { type: 'string' },
  'run-attempt': { type: 'string' },
  repository: { type: 'string' },
  'report-path': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

type Values = ReturnType<typeof parse>['values'];

export async function run(argv: string[]): Promise<number> {
  let values: Values;
  let smoke: SmokeInputValues;
  let webhook: { timeoutMs: number; deadlineMs: number; maxAttempts: number };
  try {
    values = parse(argv).values;
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (!values.environment)
      throw new ConfigurationError('--environment is required, e.g. --environment production');
    smoke = smokeValues(values);
    if (!smoke[SmokeInput.Urls].length && !smoke[SmokeInput.Probes]) {
      throw new ConfigurationError('nothing to probe: give --url, --urls or --probes');
    }
    for (const name of ['webhook-url', 'metrics-url'] as const) {
      const url = values[name] ?? (name === 'webhook-url' ? process.env.RELEASE_GATE_WEBHOOK_URL : undefined);
      if (url && !/^https?:\/\/./.test(url)) throw new ConfigurationError(`--${name} must be an http(s) URL`);
    }
    const secret = values['signing-secret'] ?? process.env.RELEASE_GATE_SIGNING_SECRET;
    const problem = secret ? signingSecretProblem(secret) : undefined;
    if (problem) throw new ConfigurationError(`--signing-secret ${problem}`);
    const timeoutMs = parseDuration(values['webhook-timeout'] ?? '10s');
    const deadlineMs = parseDuration(values['webhook-deadline'] ?? '2m');
    const maxAttempts = Number(values['webhook-max-attempts'] ?? 5);
    if (timeoutMs === undefined || deadlineMs === undefined)
      throw new ConfigurationError('--webhook-timeout and --webhook-deadline take durations, e.g. 10s, 2m');
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20)
      throw new ConfigurationError('--webhook-max-attempts must be a whole number from 1 to 20');
    webhook = { timeoutMs, deadlineMs, maxAttempts };
  } catch (error) {
    process.stderr.write(
      `release-gate verify: ${errorMessage(error)}\n\nRun 'release-gate verify --help' for the flags.\n`,
    );
    return USAGE_EXIT;
  }
  return verify(values, smoke, webhook);
}

function smokeValues(values: Values): SmokeInputValues {
  const raw: Record<string, string> = {
    [SmokeInput.Urls]: [...(values.url ?? []), ...(values.urls ? [values.urls] : [])].join('\n'),
    [SmokeInput.Probes]: values.probes ?? '',
    [SmokeInput.BearerToken]: values['bearer-token'] ?? process.env.RELEASE_GATE_BEARER_TOKEN ?? '',
    [SmokeInput.ExpectedStatus]: values['expected-status'] ?? '',
    [SmokeInput.Timeout]: values.timeout ?? '',
    [SmokeInput.Deadline]: values.deadline ?? '',
    [SmokeInput.MaxAttempts]: values['max-attempts'] ?? '',
    [SmokeInput.Environment]: values.environment ?? '',
    [SmokeInput.ReportPath]: values['report-path'] ?? '',
  };
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(smokeInputSpecs)) {
    const parsed = spec.schema.safeParse(raw[name] ?? '');
    if (parsed.success) out[name] = parsed.data;
    else
      problems.push(
        `--${name} is invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}. Example: --${name} ${spec.example}`,
      );
  }
  if (problems.length) throw new ConfigurationError(problems.join('\n'));
  return out as SmokeInputValues;
}

async function verify(
  values: Values,
  smokeInputs: SmokeInputValues,
  webhook: { timeoutMs: number; deadlineMs: number; maxAttempts: number },
): Promise<number> {
  const cwd = process.cwd();
  const logger = consoleLogger({ verbose: Boolean(values.verbose) });
  const environment = values.environment!;
  const service = values.service ?? (cwd.split('/').pop() || 'service');
  const reportPath = resolve(cwd, smokeInputs[SmokeInput.ReportPath]);
  const existing = (await readJsonFile(reportPath, releaseGateReportSchema, 'release-gate report', {
    optional: true,
  })) as ReleaseGateReport | undefined;
  const rollbackRef = values['rollback-ref'] ?? existing?.rollback?.rollbackRef ?? null;
  const rollbackState = values['rollback-state'] ?? existing?.rollback?.state ?? null;
  const started = new Date();
  const fresh = freshIdempotencyKey();
  const keyFor = (type: WebhookType) =>
    values['run-id']
      ? idempotencyKey({
          repository: values.repository ?? process.env.GITHUB_REPOSITORY ?? null,
          runId: values['run-id'],
          runAttempt: Number(values['run-attempt'] ?? 1),
          environment,
          service,
          type,
          sha: values.sha ?? null,
        })
      : `${fresh}_${type === 'rollback.verify' ? 'verify' : 'callback'}`;

  const probes = await loadProbes(
    smokeProbeOptions(
      smokeInputs,
      { ...process.env, GITHUB_WORKSPACE: cwd },
      { urls: '--url/--urls', probes: '--probes' },
    ),
  );
  const smoke = await runSmoke(probes, smokePolicy(smokeInputs), {
    runCommand: cliRunCommand,
    redactor: smokeRedactor(smokeInputs),
  });
  process.stderr.write(`${renderSmokeText(smoke)}\n`);

  const common = {
    environment,
    service,
    ref: values.ref ?? null,
    sha: values.sha ?? null,
    version: values.version ?? null,
    runUrl: null,
    drill: Boolean(values.drill),
  };
  const shared = {
    signingSecret: values['signing-secret'] ?? process.env.RELEASE_GATE_SIGNING_SECRET,
    bearerToken: values['webhook-bearer-token'] ?? process.env.RELEASE_GATE_WEBHOOK_BEARER_TOKEN,
    ...webhook,
    dryRun: Boolean(values['dry-run']),
    logger,
  };
  const verifyUrl = values['webhook-url'] ?? process.env.RELEASE_GATE_WEBHOOK_URL;
  let verifyOutcome: WebhookOutcome | undefined;
  if (verifyUrl) {
    verifyOutcome = await sendWebhook({
      ...shared,
      url: verifyUrl,
      event: buildEvent('rollback.verify', { ...common, rollbackRef, smokeResult: smoke.result }),
      idempotencyKey: keyFor('rollback.verify'),
      label: 'verify webhook',
    });
    process.stderr.write(`${verifyOutcome.message}\n`);
  } else {
    process.stderr.write('warning: no --webhook-url: the probes alone verify the rollback\n');
  }
  const state =
    smoke.result === 'failed' || verifyOutcome?.state === 'failed'
      ? 'failed'
      : verifyOutcome
        ? 'verified'
        : 'skipped_missing_webhook';
  const verifiedAt = new Date();
  const rollbackStart = existing?.rollback?.startedAt
    ? Date.parse(existing.rollback.startedAt)
    : started.getTime();
  const durationMs = Math.max(0, verifiedAt.getTime() - rollbackStart);
  let metrics: WebhookOutcome | undefined;
  if (values['metrics-url']) {
    metrics = await sendWebhook({
      ...shared,
      url: values['metrics-url'],
      event: buildEvent('release_gate.callback', {
        ...common,
        rollbackCallbackState: state,
        rollbackState,
        durationMs,
      }),
      idempotencyKey: keyFor('release_gate.callback'),
      label: 'metrics callback',
    });
    process.stderr.write(`${metrics.message}\n`);
  }
  const finished = new Date();
  const identity = {
    environment,
    service,
    ref: common.ref,
    sha: common.sha,
    version: common.version,
    run: {
      repository: values.repository ?? null,
      id: values['run-id'] ?? null,
      attempt: null,
      url: null,
      actor: null,
      workflow: null,
    },
  };
  await mergeReportSection(reportPath, identity, 'rollbackCallback', {
    state,
    ...timeSpan(started, finished),
    smoke,
    delivery: verifyOutcome?.delivery ?? null,
  });
  if (metrics) {
    await mergeReportSection(reportPath, identity, 'metricsCallback', {
      state: metrics.state,
      ...timeSpan(verifiedAt, finished),
      delivery: metrics.delivery,
    });
  }
  process.stdout.write(
    `rollback-callback-state=${state}\nsmoke-result=${smoke.result}\ndelivery-id=${verifyOutcome?.deliveryId ?? ''}\nmetrics-delivery-id=${metrics?.deliveryId ?? ''}\n`,
  );
  return state === 'failed' || metrics?.state === 'failed' ? 1 : 0;
}

function parse(argv: string[]) {
  return parseFlags(argv, FLAGS, USAGE);
}
