import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  deliveryOptions,
  githubTokenSpec,
  maskExtra,
  urlSecretForms,
  waitInputSpecs,
  webhookInputSpecs
} from "./chunk-GK73KFT3.js";
import {
  sendWebhook
} from "./chunk-UI7C4ZYB.js";
import {
  buildEvent
} from "./chunk-3Q2W3BOO.js";
import {
  booleanInput,
  deploymentIdInput,
  optionalString
} from "./chunk-BTGJ4AZN.js";
import {
  mergeReportSection
} from "./chunk-SV4FLVHX.js";
import {
  timeSpan
} from "./chunk-FEJLSRR4.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-ZUWSAP7Z.js";

// packages/core/src/gate/deploy.ts
async function deploy(inputs, context, host) {
  const started = /* @__PURE__ */ new Date();
  const { logger } = host;
  const webhookUrl = inputs["webhook-url"];
  if (!webhookUrl) throw new ConfigurationError("webhook-url is required: the URL that starts a deploy");
  const extraSecrets = maskExtra(host, urlSecretForms(webhookUrl));
  let deploymentId = null;
  host.partial?.pending(context, "deploy", () => ({
    state: "failed",
    ...timeSpan(started, /* @__PURE__ */ new Date()),
    deploymentId,
    delivery: null
  }));
  const dryRun = inputs["dry-run"];
  if (inputs["github-deployment"] && dryRun)
    logger.info("dry-run: no GitHub deployment is created or updated");
  const github = inputs["github-deployment"] && !dryRun ? host.deployments : void 0;
  if (inputs["github-deployment"] && !dryRun && !github) {
    throw new ConfigurationError("github-deployment is true but there is no GitHub token (github-token)");
  }
  const { identity } = context;
  const logUrl = identity.run.url ?? void 0;
  if (github) {
    deploymentId = inputs["deployment-id"] ?? null;
    let how = "given as deployment-id";
    if (deploymentId === null && identity.sha && identity.run.id) {
      const existing = await github.findRunDeployment({
        environment: identity.environment,
        sha: identity.sha,
        runId: identity.run.id
      });
      if (existing) {
        deploymentId = existing.id;
        how = "created by GitHub for this job's environment";
      }
    }
    if (deploymentId === null) {
      const created = await github.createDeployment({
        ref: identity.sha ?? identity.ref ?? "HEAD",
        environment: identity.environment,
        description: `release-gate deploy of ${identity.version ?? identity.sha ?? "HEAD"}`,
        payload: { service: identity.service, version: identity.version }
      });
      deploymentId = created.id;
      how = "created";
    }
    host.onDeployment?.(deploymentId);
    logger.info(`GitHub deployment ${deploymentId} (${how})`);
    await github.setStatus({
      deploymentId,
      state: "in_progress",
      description: "deploy webhook called",
      logUrl,
      environmentUrl: inputs["environment-url"]
    });
  }
  const outcome = await sendWebhook({
    url: webhookUrl,
    event: buildEvent("deploy.requested", { ...context.common, wait: inputs.wait }),
    idempotencyKey: context.keyFor("deploy.requested"),
    ...deliveryOptions(inputs, host, extraSecrets),
    label: "deploy webhook"
  });
  let statusRecorded = true;
  const handOver = !inputs["finish-deployment"] && outcome.state !== "failed";
  if (github && deploymentId !== null && handOver) {
    logger.info(
      `GitHub deployment ${deploymentId} stays in_progress (finish-deployment: false): the report step sets success or failure`
    );
  } else if (github && deploymentId !== null) {
    await github.setStatus({
      deploymentId,
      state: outcome.state === "failed" ? "failure" : "success",
      description: FINAL_DESCRIPTION[outcome.state],
      logUrl,
      environmentUrl: inputs["environment-url"]
    }).catch((error) => {
      statusRecorded = false;
      logger.warning(`could not set the final deployment status: ${errorMessage(error)}`);
    });
  }
  host.partial?.settle();
  const section = {
    state: outcome.state,
    ...timeSpan(started, /* @__PURE__ */ new Date()),
    deploymentId,
    delivery: outcome.delivery
  };
  if (context.reportPath) await mergeReportSection(context.reportPath, identity, "deploy", section);
  return {
    outcome,
    section,
    deploymentId,
    handedOver: handOver && deploymentId !== null,
    settled: statusRecorded && !handOver
  };
}
var FINAL_DESCRIPTION = {
  failed: "deploy webhook failed",
  succeeded: "deploy succeeded",
  accepted: "deploy accepted by the webhook (not waited on)"
};

// packages/core/src/specs/deploy-webhook.ts
var deployWebhookInputs = {
  ...webhookInputSpecs,
  ...githubTokenSpec,
  ...waitInputSpecs,
  "github-deployment": { schema: booleanInput(false), example: "true", flag: "boolean" },
  "finish-deployment": { schema: booleanInput(true), example: "false" },
  "deployment-id": { schema: deploymentIdInput, example: "${{ steps.deployment.outputs.id }}" },
  "environment-url": { schema: optionalString, example: "https://shop.example.com" }
};
var deployWebhookSpec = {
  inputs: deployWebhookInputs,
  check(values, source) {
    const problems = [];
    if (!values["webhook-url"]) {
      problems.push(
        `${source.describe("webhook-url")} is required: the URL that starts a deploy. Example: ${source.example("webhook-url", deployWebhookInputs["webhook-url"].example)}`
      );
    }
    if (values["github-deployment"] && !values["dry-run"] && !values["github-token"]) {
      problems.push(
        `${source.describe("github-token")} is empty but ${source.describe("github-deployment")} is true. Example: ${source.example("github-token", deployWebhookInputs["github-token"].example)} (with permissions: deployments: write)`
      );
    }
    return problems;
  }
};
var DeployWebhookOutputs = {
  DeployState: "deploy-state",
  DeliveryId: "delivery-id",
  DeploymentId: "deployment-id",
  DurationMs: "duration-ms"
};

export {
  deploy,
  deployWebhookSpec,
  DeployWebhookOutputs
};
