import * as core from '@actions/core';
import {
  durationInput,
  formatDuration,
  type InputSpec,
  type MetricsCallbackSection,
  mergeReportSection,
  optionalString,
  type ReleaseGateReport,
  type RollbackCallbackSection,
  readJsonFile,
  releaseGateReportSchema,
  renderSmokeSummary,
  requiredString,
  type SmokeSection,
  smokeLogLine,
  timeSpan,
} from '@release-actions/core';
import { stepLogPath } from '@release-actions/core/bundle/bundle';
import { loadProbes, runSmoke } from '@release-actions/core/probes/index';
import { commandRunner } from '@release-actions/core/process/command-runner';
import {
  checkSmokeInputs,
  commandProbeEnv,
  maskSmokeSecrets,
  smokeInputSpecs,
  smokePolicy,
  smokeProbeOptions,
  smokeRedactor,
  smokeSecrets,
} from '@release-actions/core/specs/smoke';
import { buildEvent, sendWebhook, type WebhookOutcome } from '@release-actions/core/webhooks/index';
import { readInputs } from '@release-actions/github/inputs';
import { actionsLogger } from '@release-actions/github/logger';
import { runAction } from '@release-actions/github/run';
import { keepStepLogAt } from '@release-actions/github/step-log';
import {
  deliveryRows,
  keyValueTable,
  STATE_ICON,
  webhookActionContext,
  writeSummary,
} from '@release-actions/github/webhook-action';
import { webhookInputSpecs, webhookUrlInput } from '@release-actions/github/webhook-inputs';

const ACTION = 'rollback-verify';

/**
 * The smoke inputs under their smoke names (the probes are re-run as smoke runs them), plus the webhook
 * inputs; where both would use one name, the webhook's carries a `webhook-` prefix. A failed
 * verification always fails the step, so smoke's `fail-on-error` is not offered.
 */
const { 'fail-on-error': _failOnError, ...smokeSpecs } = smokeInputSpecs;

export const INPUTS = {
  ...smokeSpecs,
  environment: { schema: requiredString, example: 'production' },
  'webhook-url': webhookInputSpecs['webhook-url'],
  'metrics-url': {
    schema: webhookUrlInput,
    example: 'https://receiver.example.com/internal/release-gate/callbacks',
    secret: true,
  },
  'signing-secret': webhookInputSpecs['signing-secret'],
  'webhook-bearer-token': webhookInputSpecs['bearer-token'],
  'webhook-timeout': { schema: durationInput('10s'), example: '10s' },
  'webhook-deadline': { schema: durationInput('2m'), example: '2m' },
  'webhook-max-attempts': webhookInputSpecs['max-attempts'],
  'idempotency-key': webhookInputSpecs['idempotency-key'],
  service: webhookInputSpecs.service,
  ref: webhookInputSpecs.ref,
  sha: webhookInputSpecs.sha,
  version: webhookInputSpecs.version,
  drill: webhookInputSpecs.drill,
  'dry-run': webhookInputSpecs['dry-run'],
  'rollback-ref': { schema: optionalString, example: '${{ steps.rollback.outputs.rollback-ref }}' },
  'rollback-state': { schema: optionalString, example: '${{ steps.rollback.outputs.rollback-state }}' },
} satisfies Record<string, InputSpec>;

type CallbackState = RollbackCallbackSection['state'];

export async function run(): Promise<void> {
  const controller = new AbortController();
  const runCommand = commandRunner({ env: commandProbeEnv() });
  const started = new Date();
  let partial: { reportPath: string; identity: Parameters<typeof mergeReportSection>[1] } | undefined;
  let finished = false;

  await runAction(
    ACTION,
    async () => {
      // The smoke helpers see the smoke inputs; a failed re-smoke always fails this step.
      const inputs = readInputs({
        inputs: INPUTS,
        check: (values, source) => checkSmokeInputs({ ...values, 'fail-on-error': true }, source),
      });
      const smokeInputs = { ...inputs, 'fail-on-error': true };
      maskSmokeSecrets(smokeInputs, core.setSecret);
      const context = webhookActionContext(inputs);
      keepStepLogAt(stepLogPath(context.reportPath, ACTION));
      partial = { reportPath: context.reportPath, identity: context.identity };
      const existing = (await readJsonFile(
        context.reportPath,
        releaseGateReportSchema,
        'release-gate report',
        {
          optional: true,
        },
      )) as ReleaseGateReport | undefined;
      const rollbackRef = inputs['rollback-ref'] ?? existing?.rollback?.rollbackRef ?? null;
      const rollbackState = inputs['rollback-state'] ?? existing?.rollback?.state ?? null;
      const extraSecrets = smokeSecrets(smokeInputs);

      // 1. Re-run the smoke probes against the rolled-back version.
      const probes = await loadProbes(smokeProbeOptions(smokeInputs));
      core.info(
        `Re-smoking ${probes.length} probe(s) against the rolled-back version${rollbackRef ? ` ${rollbackRef}` : ''}`,
      );
      const smoke: SmokeSection = await runSmoke(probes, smokePolicy(smokeInputs), {
        runCommand,
        signal: controller.signal,
        redactor: smokeRedactor(smokeInputs),
        logger: actionsLogger,
        onProbeDone: (result, progress) =>
          core.info(`[${progress.done}/${progress.total}] ${smokeLogLine(result)}`),
      });
      for (const probe of smoke.probes) {
        if (probe.verdict === 'failed' && !probe.dryRun) {
          core.error(`${probe.name} (${probe.target}): ${probe.reason}`, {
            title: 'Rollback verification probe failed',
          });
        }
      }

      // 2. The verify webhook.
      const webhook = {
        signingSecret: inputs['signing-secret'],
        timeoutMs: inputs['webhook-timeout'],
        deadlineMs: inputs['webhook-deadline'],
        maxAttempts: inputs['webhook-max-attempts'],
        dryRun: inputs['dry-run'],
        logger: actionsLogger,
        signal: controller.signal,
        extraSecrets,
      };
      let verify: WebhookOutcome | undefined;
      if (inputs['webhook-url']) {
        verify = await sendWebhook({
          ...webhook,
          url: inputs['webhook-url'],
          bearerToken: inputs['webhook-bearer-token'],
          event: buildEvent('rollback.verify', { ...context.common, rollbackRef, smokeResult: smoke.result }),
          idempotencyKey: context.keyFor('rollback.verify'),
          label: 'verify webhook',
        });
      } else {
        core.warning(
          `${ACTION}: webhook-url is empty: the rollback is verified by the probes only (rollback-callback-state=skipped_missing_webhook when they pass). Set webhook-url: \${{ secrets.ROLLBACK_VERIFY_WEBHOOK_URL }}.`,
        );
      }
      const state: CallbackState =
        smoke.result === 'failed' || verify?.state === 'failed'
          ? 'failed'
          : verify
            ? 'verified'
            : 'skipped_missing_webhook';
      const verifiedAt = new Date();
      const rollbackStartedAt = existing?.rollback?.startedAt ? Date.parse(existing.rollback.startedAt) : NaN;
      const durationMs = Number.isNaN(rollbackStartedAt)
        ? verifiedAt.getTime() - started.getTime()
        : Math.max(0, verifiedAt.getTime() - rollbackStartedAt);

      // 3. The release_gate.callback event for the metrics receiver.
      let metrics: WebhookOutcome | undefined;
      if (inputs['metrics-url']) {
        metrics = await sendWebhook({
          ...webhook,
          url: inputs['metrics-url'],
          bearerToken: inputs['webhook-bearer-token'],
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

      finished = true;
      const finishedAt = new Date();
      const section: RollbackCallbackSection = {
        state,
        ...timeSpan(started, finishedAt),
        smoke,
        delivery: verify?.delivery ?? null,
      };
      await mergeReportSection(context.reportPath, context.identity, 'rollbackCallback', section);
      if (metrics) {
        const metricsSection: MetricsCallbackSection = {
          state: metrics.state,
          ...timeSpan(verifiedAt, finishedAt),
          delivery: metrics.delivery,
        };
        await mergeReportSection(context.reportPath, context.identity, 'metricsCallback', metricsSection);
      }
      core.setOutput('rollback-callback-state', state);
      core.setOutput('smoke-result', smoke.result);
      core.setOutput('delivery-id', verify?.deliveryId ?? '');
      core.setOutput('metrics-delivery-id', metrics?.deliveryId ?? '');
      core.setOutput('duration-ms', String(durationMs));
      await writeSummary(
        summary(context.identity.environment, rollbackRef, state, smoke, verify, metrics, durationMs),
      );

      const problems: string[] = [];
      if (smoke.result === 'failed') {
        problems.push(
          `${smoke.failedCount} of ${smoke.probes.length} probe(s) still fail after the rollback`,
        );
      }
      if (verify?.state === 'failed') problems.push(verify.message);
      if (metrics?.state === 'failed') problems.push(metrics.message);
      if (problems.length) core.setFailed(`${ACTION}: rollback not verified: ${problems.join('; ')}`);
      else core.info(`${ACTION}: rollback-callback-state=${state}`);
    },
    async () => {
      controller.abort();
      if (!partial || finished) return;
      await mergeReportSection(partial.reportPath, partial.identity, 'rollbackCallback', {
        state: 'failed',
        ...timeSpan(started, new Date()),
        smoke: null,
        delivery: null,
      });
    },
  );
}

function summary(
  environment: string,
  rollbackRef: string | null,
  state: CallbackState,
  smoke: SmokeSection,
  verify: WebhookOutcome | undefined,
  metrics: WebhookOutcome | undefined,
  durationMs: number,
): string {
  const lines = [
    `### ${STATE_ICON[state] ?? ''} Rollback verification: ${state}`,
    '',
    keyValueTable([
      ['Environment', environment],
      ['Rolled back to', rollbackRef ? `\`${rollbackRef}\`` : 'unknown'],
      [
        'Re-smoke',
        `${STATE_ICON[smoke.result]} ${smoke.result} (${smoke.passedCount} passed, ${smoke.failedCount} failed)`,
      ],
      ['Verify webhook', verify ? `${STATE_ICON[verify.state]} ${verify.state}` : 'not configured'],
      ['Metrics callback', metrics ? `${STATE_ICON[metrics.state]} ${metrics.state}` : 'not configured'],
      ['Rollback to verified', formatDuration(durationMs)],
    ]),
    renderSmokeSummary(smoke, { title: 'Re-smoke', environment }),
  ];
  if (verify) lines.push('#### Verify webhook', '', keyValueTable(deliveryRows(verify)));
  if (metrics) lines.push('#### Metrics callback', '', keyValueTable(deliveryRows(metrics)));
  lines.push('A rolled-back release is a blocked promotion: the gate fails in the end.', '');
  return lines.join('\n');
}
