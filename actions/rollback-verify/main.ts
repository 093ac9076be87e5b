import * as core from '@actions/core';
import {
  commandProbeEnv,
  commandRunner,
  PartialReport,
  RollbackVerifyOutputs,
  renderRollbackVerifySummary,
  rollbackVerifySpec,
  runnerGateContext,
  smokeLogLine,
  stepLogPath,
  verifyRollback,
} from '@release-actions/core';
import { actionsLogger, keepStepLogAt, readInputs, runAction, writeSummary } from '@release-actions/github';

const ACTION = 'rollback-verify';

/** The verification step: read inputs, run the core `verifyRollback`, write outputs, annotations, summary. */
export async function run(): Promise<void> {
  const controller = new AbortController();
  const partial = new PartialReport();

  await runAction(
    ACTION,
    async () => {
      const inputs = readInputs(rollbackVerifySpec);
      const context = runnerGateContext(inputs);
      keepStepLogAt(stepLogPath(context.reportPath!, ACTION));
      const result = await verifyRollback(inputs, context, {
        logger: actionsLogger,
        signal: controller.signal,
        mask: core.setSecret,
        partial,
        runCommand: commandRunner({ env: commandProbeEnv() }),
        onProbeDone: (probe, progress) =>
          core.info(`[${progress.done}/${progress.total}] ${smokeLogLine(probe)}`),
      });
      const { smoke, verify, metrics, state } = result;
      for (const probe of smoke.probes) {
        if (probe.verdict === 'failed' && !probe.dryRun) {
          core.error(`${probe.name} (${probe.target}): ${probe.reason}`, {
            title: 'Rollback verification probe failed',
          });
        }
      }
      core.setOutput(RollbackVerifyOutputs.RollbackCallbackState, state);
      core.setOutput(RollbackVerifyOutputs.SmokeResult, smoke.result);
      core.setOutput(RollbackVerifyOutputs.DeliveryId, verify?.deliveryId ?? '');
      core.setOutput(RollbackVerifyOutputs.MetricsDeliveryId, metrics?.deliveryId ?? '');
      core.setOutput(RollbackVerifyOutputs.DurationMs, String(result.durationMs));
      await writeSummary(renderRollbackVerifySummary(context.identity.environment, result));
      if (result.problems.length) {
        core.setFailed(`${ACTION}: rollback not verified: ${result.problems.join('; ')}`);
      } else core.info(`${ACTION}: rollback-callback-state=${state}`);
    },
    async () => {
      controller.abort();
      await partial.write();
    },
  );
}
