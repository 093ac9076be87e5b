import { timeSpan } from '../duration.js';
import { checkProbeWindows, runSmoke, type SmokeDeps } from '../probes/engine.js';
import type { RunCommand } from '../probes/executors/types.js';
import { loadProbes } from '../probes/load.js';
import { mergeReportSection, readJsonFile } from '../report/file.js';
import { type ReleaseGateReport, releaseGateReportSchema } from '../report/schema.js';
import type { SmokeSection } from '../report/smoke-section.js';
import type { MetricsCallbackSection, RollbackCallbackSection } from '../report/webhook-sections.js';
import { type RollbackVerifyInputs, resmokeInputs } from '../specs/rollback-verify.js';
import {
  smokePolicy,
  smokeProbeOptions,
  smokeRedactor,
  smokeSecrets,
  smokeTemplateValues,
} from '../specs/smoke.js';
import { urlSecretForms } from '../specs/webhook.js';
import { sendWebhook, type WebhookOutcome } from '../webhooks/client.js';
import { buildEvent } from '../webhooks/payload.js';
import type { GateContext } from './context.js';
import { maskExtra } from './delivery.js';
import type { GateHost } from './host.js';

const STEP = 'rollback-verify';

export interface VerifyRollbackHost extends GateHost {
  /** Runs command probes (the killing `commandRunner` from core/process, or a fake in tests). */
  runCommand: RunCommand;
  /** Where relative probe paths resolve: `GITHUB_WORKSPACE` in it, else the current directory. */
  env?: NodeJS.ProcessEnv;
  /** How the probe errors name the `urls` and `probes` inputs (default: as the action does). */
  probeLabels?: { urls: string; probes: string; base?: string };
  onProbeDone?: SmokeDeps['onProbeDone'];
}

export type RollbackCallbackState = RollbackCallbackSection['state'];

export interface VerifyRollbackResult {
  state: RollbackCallbackState;
  section: RollbackCallbackSection;
  smoke: SmokeSection;
  /** The verify webhook's outcome; undefined without a webhook-url. */
  verify: WebhookOutcome | undefined;
  /** The release_gate.callback event's outcome; undefined without a metrics-url. */
  metrics: WebhookOutcome | undefined;
  rollbackRef: string | null;
  /** From the rollback's start (the report's rollback section, else this step's start) to verified. */
  durationMs: number;
  /** Why the rollback is not verified; empty when it is. */
  problems: string[];
}

/**
 * The rollback verification: the smoke probes re-run against the rolled-back version, the verify webhook
 * (or skipped_missing_webhook without one, when the probes pass), and the release_gate.callback event to
 * the metrics receiver. The `rollbackCallback` section spans this whole step; the event's `durationMs`
 * runs from the rollback's start to verified. Merges `rollbackCallback` (and `metricsCallback`).
 */
export async function verifyRollback(
  inputs: RollbackVerifyInputs,
  context: GateContext,
  host: VerifyRollbackHost,
): Promise<VerifyRollbackResult> {
  const started = new Date();
  const { logger } = host;
  const smokeInputs = resmokeInputs(inputs);
  const extraSecrets = [
    ...maskExtra(host, smokeSecrets(smokeInputs)),
    ...maskExtra(host, [...urlSecretForms(inputs['webhook-url']), ...urlSecretForms(inputs['metrics-url'])]),
  ];
  host.partial?.pending(context, 'rollbackCallback', () => ({
    state: 'failed',
    ...timeSpan(started, new Date()),
    smoke: null,
    delivery: null,
  }));
  const existing = context.reportPath
    ? ((await readJsonFile(context.reportPath, releaseGateReportSchema, 'release-gate report', {
        optional: true,
      })) as ReleaseGateReport | undefined)
    : undefined;
  const rollbackRef = inputs['rollback-ref'] ?? existing?.rollback?.rollbackRef ?? null;
  const rollbackState = inputs['rollback-state'] ?? existing?.rollback?.state ?? null;

  // 1. Re-run the smoke probes against the rolled-back version.
  const probes = await loadProbes(smokeProbeOptions(smokeInputs, host.env, host.probeLabels));
  checkProbeWindows(probes, smokePolicy(smokeInputs));
  logger.info(
    `Re-smoking ${probes.length} probe(s) against the rolled-back version${rollbackRef ? ` ${rollbackRef}` : ''}`,
  );
  const smoke = await runSmoke(probes, smokePolicy(smokeInputs), {
    runCommand: host.runCommand,
    signal: host.signal,
    redactor: smokeRedactor(smokeInputs),
    logger,
    onSecret: host.mask,
    onProbeDone: host.onProbeDone,
    env: host.env,
    templates: smokeTemplateValues(smokeInputs, host.env),
  });

  // 2. The verify webhook.
  const delivery = {
    signingSecret: inputs['signing-secret'],
    bearerToken: inputs['webhook-bearer-token'],
    timeoutMs: inputs['webhook-timeout'],
    deadlineMs: inputs['webhook-deadline'],
    maxAttempts: inputs['webhook-max-attempts'],
    dryRun: inputs['dry-run'],
    logger,
    signal: host.signal,
    extraSecrets,
  };
  let verify: WebhookOutcome | undefined;
  if (inputs['webhook-url']) {
    verify = await sendWebhook({
      ...delivery,
      url: inputs['webhook-url'],
      event: buildEvent('rollback.verify', { ...context.common, rollbackRef, smokeResult: smoke.result }),
      idempotencyKey: context.keyFor('rollback.verify'),
      label: 'verify webhook',
    });
  } else {
    logger.warning(
      `${STEP}: webhook-url is empty: the rollback is verified by the probes only (rollback-callback-state=skipped_missing_webhook when they pass). Set webhook-url: \${{ secrets.ROLLBACK_VERIFY_WEBHOOK_URL }}.`,
    );
  }
  const state = callbackState(smoke, verify);
  const verifiedAt = new Date();
  const rollbackStartedAt = existing?.rollback?.startedAt
    ? Date.parse(existing.rollback.startedAt)
    : Number.NaN;
  const durationMs = Number.isNaN(rollbackStartedAt)
    ? verifiedAt.getTime() - started.getTime()
    : Math.max(0, verifiedAt.getTime() - rollbackStartedAt);

  // 3. The release_gate.callback event for the metrics receiver.
  let metrics: WebhookOutcome | undefined;
  if (inputs['metrics-url']) {
    metrics = await sendWebhook({
      ...delivery,
      url: inputs['metrics-url'],
      event: buildEvent('release_gate.callback', {
        ...context.common,
        rollbackCallbackState: state,
        rollbackState,
        durationMs,
      }),
      idempotencyKey: context.keyFor('release_gate.callback'),
      label: 'metrics callback',
    });
  }
  host.partial?.settle();

  const finishedAt = new Date();
  const section: RollbackCallbackSection = {
    state,
    ...timeSpan(started, finishedAt),
    smoke,
    delivery: verify?.delivery ?? null,
  };
  if (context.reportPath) {
    await mergeReportSection(context.reportPath, context.identity, 'rollbackCallback', section);
    if (metrics) {
      const metricsSection: MetricsCallbackSection = {
        state: metrics.state,
        ...timeSpan(verifiedAt, finishedAt),
        delivery: metrics.delivery,
      };
      await mergeReportSection(context.reportPath, context.identity, 'metricsCallback', metricsSection);
    }
  }

  const problems: string[] = [];
  if (smoke.result === 'failed') {
    problems.push(`${smoke.failedCount} of ${smoke.probes.length} probe(s) still fail after the rollback`);
  }
  if (verify?.state === 'failed') problems.push(verify.message);
  if (metrics?.state === 'failed') problems.push(metrics.message);
  return { state, section, smoke, verify, metrics, rollbackRef, durationMs, problems };
}

/** Verified when the probes pass and the verify webhook (when there is one) did not fail. */
export function callbackState(
  smoke: SmokeSection,
  verify: WebhookOutcome | undefined,
): RollbackCallbackState {
  if (smoke.result === 'failed' || verify?.state === 'failed') return 'failed';
  return verify ? 'verified' : 'skipped_missing_webhook';
}
