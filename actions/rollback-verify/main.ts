import * as core from '@actions/core';
import {
  commandProbeEnv,
  commandRunner,
  RollbackVerifyOutputs,
  renderRollbackVerifySummary,
  rollbackVerifySpec,
  smokeLogLine,
  verifyRollback,
} from '@release-actions/core';
import { runGateStep, writeSummary } from '@release-actions/github';

const ACTION = 'rollback-verify';

/** The verification step: read inputs, run the core `verifyRollback`, write outputs, annotations, summary. */
export function run(): Promise<void> {
  return runGateStep(
    ACTION,
    rollbackVerifySpec,
    async (inputs, step) => {
      const result = await verifyRollback(inputs, step.context, {
        ...step.host,
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
      await writeSummary(renderRollbackVerifySummary(step.context.identity.environment, result));
      if (result.problems.length) {
        core.setFailed(`${ACTION}: rollback not verified: ${result.problems.join('; ')}`);
      } else core.info(`${ACTION}: rollback-callback-state=${state}`);
    },
    undefined,
    invalidInput,
  );
}

/** A workflow that branches on the state must not read an empty one as "not failed". */
function invalidInput(): string {
  const why = 'the rollback was not verified: the step stopped on an invalid input before any probe ran';
  core.setOutput(RollbackVerifyOutputs.RollbackCallbackState, 'failed');
  core.info(`${ACTION}: rollback-callback-state=failed (${why})`);
  return `\`rollback-callback-state: failed\`: ${why}.`;
}
