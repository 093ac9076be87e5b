import * as core from '@actions/core';
import {
  DeployWebhookOutputs,
  DeployWebhookState,
  deploy,
  deployWebhookSpec,
  PartialReport,
  renderDeployCancelledSummary,
  renderDeploySummary,
  runnerGateContext,
  stepLogPath,
} from '@release-actions/core';
import {
  actionsLogger,
  githubDeployments,
  keepStepLogAt,
  readInputs,
  runAction,
  writeSummary,
} from '@release-actions/github';

const ACTION = 'deploy-webhook';

/** The deploy step: read inputs, run the core `deploy`, write outputs, post-step state and summary. */
export async function run(): Promise<void> {
  const controller = new AbortController();
  const partial = new PartialReport();
  let deploymentId: number | null = null;

  await runAction(
    ACTION,
    async () => {
      const inputs = readInputs(deployWebhookSpec);
      const context = runnerGateContext(inputs);
      keepStepLogAt(stepLogPath(context.reportPath!, ACTION));
      const token = inputs['github-token'];
      const result = await deploy(inputs, context, {
        logger: actionsLogger,
        signal: controller.signal,
        mask: core.setSecret,
        partial,
        deployments: token
          ? githubDeployments({ token, repository: process.env.GITHUB_REPOSITORY, logger: actionsLogger })
          : undefined,
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
      await writeSummary(renderDeploySummary(context.identity, result));
      if (outcome.state === 'failed') core.setFailed(`${ACTION}: ${outcome.message}`);
      else core.info(outcome.message);
    },
    async () => {
      controller.abort();
      if (await partial.write()) await writeSummary(renderDeployCancelledSummary(deploymentId));
    },
  );
}
