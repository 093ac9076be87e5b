import * as core from '@actions/core';
import {
  DeployWebhookOutputs,
  DeployWebhookState,
  deploy,
  deployWebhookSpec,
  renderDeployCancelledSummary,
  renderDeploySummary,
} from '@release-actions/core';
import { runGateStep, writeSummary } from '@release-actions/github';

const ACTION = 'deploy-webhook';

/** The deploy step: read inputs, run the core `deploy`, write outputs, post-step state and summary. */
export function run(): Promise<void> {
  let deploymentId: number | null = null;
  return runGateStep(
    ACTION,
    deployWebhookSpec,
    async (inputs, step) => {
      const result = await deploy(inputs, step.context, {
        ...step.host,
        deployments: step.deployments(inputs['github-token']),
        onDeployment: (id) => {
          deploymentId = id;
          core.saveState(DeployWebhookState.DeploymentId, String(id));
        },
      });
      if (result.handedOver) core.saveState(DeployWebhookState.HandedOver, 'true');
      if (result.settled) core.saveState(DeployWebhookState.Finished, 'true');
      const { outcome } = result;
      core.setOutput(DeployWebhookOutputs.DeployState, outcome.state);
      core.setOutput(DeployWebhookOutputs.DeliveryId, outcome.deliveryId);
      core.setOutput(DeployWebhookOutputs.DeploymentId, result.deploymentId ?? '');
      core.setOutput(DeployWebhookOutputs.DurationMs, String(result.section.durationMs));
      await writeSummary(renderDeploySummary(step.context.identity, result));
      if (outcome.state === 'failed') core.setFailed(`${ACTION}: ${outcome.message}`);
      else core.info(outcome.message);
    },
    () => writeSummary(renderDeployCancelledSummary(deploymentId)),
  );
}
