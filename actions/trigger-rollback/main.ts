import * as core from '@actions/core';
import {
  PartialReport,
  renderRollbackSummary,
  runnerGateContext,
  stepLogPath,
  TriggerRollbackOutputs,
  triggerRollback,
  triggerRollbackSpec,
} from '@release-actions/core';
import {
  actionsLogger,
  githubDeployments,
  keepStepLogAt,
  readInputs,
  runAction,
  writeSummary,
} from '@release-actions/github';

const ACTION = 'trigger-rollback';

/** The rollback step: read inputs, run the core `triggerRollback`, write outputs and summary. */
export async function run(): Promise<void> {
  const controller = new AbortController();
  const partial = new PartialReport();

  await runAction(
    ACTION,
    async () => {
      const inputs = readInputs(triggerRollbackSpec);
      const context = runnerGateContext(inputs);
      keepStepLogAt(stepLogPath(context.reportPath!, ACTION));
      const token = inputs['github-token'];
      const result = await triggerRollback(inputs, context, {
        logger: actionsLogger,
        signal: controller.signal,
        mask: core.setSecret,
        partial,
        deployments: token
          ? githubDeployments({ token, repository: process.env.GITHUB_REPOSITORY, logger: actionsLogger })
          : undefined,
      });
      const { section, outcome } = result;
      core.setOutput(TriggerRollbackOutputs.RollbackState, result.state);
      core.setOutput(TriggerRollbackOutputs.RollbackRef, section.rollbackRef ?? '');
      core.setOutput(TriggerRollbackOutputs.RollbackVersion, section.rollbackVersion ?? '');
      core.setOutput(TriggerRollbackOutputs.DeliveryId, outcome?.deliveryId ?? '');
      await writeSummary(renderRollbackSummary(context.identity.environment, result));
      if (outcome?.state === 'failed') core.setFailed(`${ACTION}: ${outcome.message}`);
      else if (outcome) core.info(outcome.message);
    },
    async () => {
      controller.abort();
      await partial.write();
    },
  );
}
