import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  WEBHOOK_FLAGS_USAGE,
  announceKey,
  cliDeployments,
  printOutcome,
  webhookCommand
} from "./chunk-QNEBKFX7.js";
import {
  DeployWebhookOutputs,
  deploy,
  deployWebhookSpec
} from "./chunk-2AJJQZSH.js";
import "./chunk-GK73KFT3.js";
import "./chunk-UI7C4ZYB.js";
import "./chunk-3Q2W3BOO.js";
import "./chunk-EYWORLD6.js";
import "./chunk-CCK4FFWN.js";
import "./chunk-DNYRF2ZZ.js";
import "./chunk-TNPGTQZG.js";
import "./chunk-BTGJ4AZN.js";
import "./chunk-HHRHPQOT.js";
import "./chunk-SV4FLVHX.js";
import "./chunk-T3AUEBCL.js";
import "./chunk-FEJLSRR4.js";
import {
  GATE_FAILED_EXIT
} from "./chunk-UQP3W3S5.js";
import "./chunk-ZUWSAP7Z.js";
import "./chunk-H3HWWZLP.js";
import "./chunk-HYXZD6JN.js";
import "./chunk-6MQO5ODA.js";
import "./chunk-WQ3LWH7R.js";
import "./chunk-7POJXVZZ.js";
import "./chunk-ONBS6DE5.js";

// packages/cli/src/commands/deploy-webhook.ts
var USAGE = `release-gate deploy-webhook --webhook-url <url> --environment <name> [flags]

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
async function run(argv) {
  const command = webhookCommand("deploy-webhook", argv, deployWebhookSpec, USAGE);
  if (typeof command === "number") return command;
  const { inputs, context, logger } = command;
  announceKey(command, "deploy.requested");
  const result = await deploy(inputs, context, {
    logger,
    deployments: cliDeployments(command, inputs["github-token"])
  });
  printOutcome(
    {
      [DeployWebhookOutputs.DeployState]: result.outcome.state,
      [DeployWebhookOutputs.DeliveryId]: result.outcome.deliveryId,
      [DeployWebhookOutputs.DeploymentId]: String(result.deploymentId ?? ""),
      [DeployWebhookOutputs.DurationMs]: String(result.section.durationMs)
    },
    result.outcome,
    { wait: inputs.wait }
  );
  return result.outcome.state === "failed" ? GATE_FAILED_EXIT : 0;
}
export {
  run
};
