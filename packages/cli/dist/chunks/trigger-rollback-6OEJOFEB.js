import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  WEBHOOK_FLAGS_USAGE,
  announceKey,
  cliDeployments,
  printOutcome,
  webhookCommand
} from "./chunk-QNEBKFX7.js";
import {
  TriggerRollbackOutputs,
  triggerRollback,
  triggerRollbackSpec
} from "./chunk-SXJKSAWK.js";
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

// packages/cli/src/commands/trigger-rollback.ts
var USAGE = `release-gate trigger-rollback --webhook-url <url> --environment <name> [flags]

Sends a signed, idempotent rollback.requested event. Without --rollback-ref, resolves the known-good
release from the environment's GitHub deployments (the newest promoted one other than --sha, or with
--rollback-of running-release the one before the release running now), and with --rollback-ref looks up
the version its deployment recorded; both need --repository and a token in --github-token or
GITHUB_TOKEN (GITHUB_API_URL is honoured). Without a webhook URL nothing is sent and the state is
skipped_missing_webhook. Prints rollback-state=..., rollback-ref=... and rollback-version=...

  --rollback-ref <ref>         version to roll back to
  --rollback-of <which>        this-release (default) or running-release
  --reason <text>              why, e.g. the failed probes
  --deployment-id <id>         the rolled-back release's deployment, marked failure once the rollback is sent
  --github-token <token>       for the deployment history (or env GITHUB_TOKEN)
  --wait --poll-interval <duration>

${WEBHOOK_FLAGS_USAGE}

Exit codes: 0 accepted, succeeded or skipped_missing_webhook, 1 failed, 2 bad usage.`;
async function run(argv) {
  const command = webhookCommand("trigger-rollback", argv, triggerRollbackSpec, USAGE);
  if (typeof command === "number") return command;
  const { inputs, context, logger } = command;
  if (inputs["webhook-url"]) announceKey(command, "rollback.requested");
  const result = await triggerRollback(inputs, context, {
    logger,
    deployments: cliDeployments(command, inputs["github-token"])
  });
  printOutcome(
    {
      [TriggerRollbackOutputs.RollbackState]: result.state,
      [TriggerRollbackOutputs.DeliveryId]: result.outcome?.deliveryId ?? "",
      [TriggerRollbackOutputs.RollbackRef]: result.section.rollbackRef ?? "",
      [TriggerRollbackOutputs.RollbackVersion]: result.section.rollbackVersion ?? ""
    },
    result.outcome,
    { wait: inputs.wait }
  );
  return result.state === "failed" ? GATE_FAILED_EXIT : 0;
}
export {
  run
};
