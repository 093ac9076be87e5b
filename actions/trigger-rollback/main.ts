import * as core from '@actions/core';
import {
  renderRollbackSummary,
  TriggerRollbackOutputs,
  triggerRollback,
  triggerRollbackSpec,
} from '@release-actions/core';
import { runGateStep, writeSummary } from '@release-actions/github';

const ACTION = 'trigger-rollback';

/** The rollback step: read inputs, run the core `triggerRollback`, write outputs and summary. */
export function run(): Promise<void> {
  return runGateStep(ACTION, triggerRollbackSpec, async (inputs, step) => {
    const result = await triggerRollback(inputs, step.context, {
      ...step.host,
      deployments: step.deployments(inputs['github-token']),
    });
    const { section, outcome } = result;
    core.setOutput(TriggerRollbackOutputs.RollbackState, result.state);
    core.setOutput(TriggerRollbackOutputs.RollbackRef, section.rollbackRef ?? '');
    core.setOutput(TriggerRollbackOutputs.RollbackVersion, section.rollbackVersion ?? '');
    core.setOutput(TriggerRollbackOutputs.DeliveryId, outcome?.deliveryId ?? '');
    await writeSummary(renderRollbackSummary(step.context.identity.environment, result));
    if (outcome?.state === 'failed') core.setFailed(`${ACTION}: ${outcome.message}`);
    else if (outcome) core.info(outcome.message);
  });
}
