import { DeployWebhookOutputs, deploy, deployWebhookSpec } from '@release-actions/core';
import { GATE_FAILED_EXIT } from '../exit-codes.js';
import {
  announceKey,
  cliDeployments,
  printOutcome,
  WEBHOOK_FLAGS_USAGE,
  webhookCommand,
} from '../webhook-cli.js';

const USAGE = `release-gate deploy-webhook --webhook-url <url> --environment <name> [flags]

Sends a signed, idempotent deploy.requested event (Standard Webhooks) and, with --wait, polls the status
URL it answers with until the deploy succeeded or failed. Prints deploy-state=<accepted|succeeded|failed>.

  --wait                       poll for completion (Location header or statusUrl in the answer)
  --poll-interval <duration>   default 2s
  --github-deployment          record a GitHub deployment (in_progress, then success or failure); needs
                               --repository and a token in --github-token or GITHUB_TOKEN
  --finish-deployment false    leave it in_progress for the report step; --deployment-id <id> to use one
  --environment-url <url>      the deployment's environment URL

${WEBHOOK_FLAGS_USAGE}

Exit codes: 0 accepted or succeeded, 1 failed, 2 bad usage.`;

export async function run(argv: string[]): Promise<number> {
  const command = webhookCommand('deploy-webhook', argv, deployWebhookSpec, USAGE);
  if (typeof command === 'number') return command;
  const { inputs, context, logger } = command;
  announceKey(command, 'deploy.requested');
  const result = await deploy(inputs, context, {
    logger,
    deployments: cliDeployments(command, inputs['github-token']),
  });
  printOutcome(
    {
      [DeployWebhookOutputs.DeployState]: result.outcome.state,
      [DeployWebhookOutputs.DeliveryId]: result.outcome.deliveryId,
      [DeployWebhookOutputs.DeploymentId]: String(result.deploymentId ?? ''),
      [DeployWebhookOutputs.DurationMs]: String(result.section.durationMs),
    },
    result.outcome,
    { wait: inputs.wait },
  );
  return result.outcome.state === 'failed' ? GATE_FAILED_EXIT : 0;
}
