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
  deploymentIdInput,
  enumInput,
  optionalString
} from "./chunk-BTGJ4AZN.js";
import {
  mergeReportSection
} from "./chunk-SV4FLVHX.js";
import {
  timeSpan
} from "./chunk-FEJLSRR4.js";
import {
  errorMessage
} from "./chunk-ZUWSAP7Z.js";

// packages/core/src/gate/trigger-rollback.ts
var STEP = "trigger-rollback";
async function triggerRollback(inputs, context, host) {
  const started = /* @__PURE__ */ new Date();
  const { logger, deployments } = host;
  const extraSecrets = maskExtra(host, urlSecretForms(inputs["webhook-url"]));
  const reason = inputs.reason ?? "release gate failed";
  const partial = {
    state: "failed",
    rollbackRef: inputs["rollback-ref"] ?? null,
    reason,
    drill: inputs.drill,
    ...timeSpan(started, started),
    delivery: null
  };
  host.partial?.pending(context, "rollback", () => ({ ...partial, ...timeSpan(started, /* @__PURE__ */ new Date()) }));
  const target = await rollbackTarget(inputs, context, host);
  const { rollbackRef, rollbackVersion } = target;
  if (rollbackRef)
    logger.info(
      `rollback to ${rollbackRef}${rollbackVersion ? ` (version ${rollbackVersion})` : ""} (${target.source})`
    );
  partial.rollbackRef = rollbackRef;
  partial.rollbackVersion = rollbackVersion;
  const webhookUrl = inputs["webhook-url"];
  let outcome;
  if (webhookUrl) {
    outcome = await sendWebhook({
      url: webhookUrl,
      event: buildEvent("rollback.requested", { ...context.common, rollbackRef, reason }),
      idempotencyKey: context.keyFor("rollback.requested"),
      ...deliveryOptions(inputs, host, extraSecrets),
      label: "rollback webhook"
    });
  } else {
    logger.warning(
      `${STEP}: webhook-url is empty, so no rollback was triggered (rollback-state=skipped_missing_webhook). Set webhook-url: \${{ secrets.ROLLBACK_WEBHOOK_URL }} to roll back automatically.`
    );
  }
  const state = outcome?.state ?? "skipped_missing_webhook";
  const deploymentId = inputs.drill ? null : inputs["deployment-id"] ?? target.runningDeploymentId ?? null;
  let deploymentNote = "";
  if (deploymentId !== null && (state === "accepted" || state === "succeeded")) {
    const marked = deployments ? await deployments.markRolledBack({ deploymentId, runUrl: context.identity.run.url }) : { recorded: false, error: "input 'github-token' is empty (needs deployments: write)" };
    if (marked.recorded) {
      deploymentNote = `${deploymentId} marked failure (rolled back)`;
      logger.info(`GitHub deployment ${deploymentId} marked failure (rolled back)`);
    } else {
      deploymentNote = `${deploymentId}: could not mark failure: ${marked.error}`;
      logger.warning(`GitHub deployment ${deploymentId} could not be marked failure: ${marked.error}`);
    }
  }
  host.partial?.settle();
  const section = {
    ...partial,
    state,
    ...timeSpan(started, /* @__PURE__ */ new Date()),
    deploymentId,
    delivery: outcome?.delivery ?? null
  };
  if (context.reportPath) await mergeReportSection(context.reportPath, context.identity, "rollback", section);
  return { state, section, outcome, refSource: target.source, deploymentNote };
}
async function rollbackTarget(inputs, context, host) {
  const given = inputs["rollback-ref"];
  const fallback = {
    rollbackRef: given ?? null,
    rollbackVersion: null,
    source: given ? "input rollback-ref" : ""
  };
  const { environment } = context.identity;
  if (!host.deployments) {
    if (!given) {
      host.logger.warning(
        "rollback-ref is empty and github-token is empty: cannot resolve the last good deployment; the webhook gets rollbackRef null. Example: github-token: ${{ github.token }} (permissions: deployments: read)"
      );
    }
    return fallback;
  }
  try {
    const target = await host.deployments.resolveRollbackTarget({
      environment,
      currentSha: context.identity.sha,
      rollbackRef: given,
      rollbackOf: inputs["rollback-of"]
    });
    if (!target.rollbackRef) {
      host.logger.warning(
        `no earlier successful deployment of ${environment} other than the current sha; the webhook gets rollbackRef null (set rollback-ref to choose the version)`
      );
    }
    return target;
  } catch (error) {
    host.logger.warning(
      given ? `could not look up the deployment of ${given} (rollback-version stays empty): ${errorMessage(error)}` : `could not resolve the last good deployment: ${errorMessage(error)}`
    );
    return fallback;
  }
}

// packages/core/src/gate/deployments.ts
var ROLLBACK_OF = ["this-release", "running-release"];

// packages/core/src/specs/trigger-rollback.ts
var triggerRollbackInputs = {
  ...webhookInputSpecs,
  ...githubTokenSpec,
  "rollback-ref": {
    schema: optionalString,
    example: "v1.4.1 (or a sha); empty resolves the last good deployment"
  },
  reason: { schema: optionalString, example: "smoke failed: checkout, healthz" },
  "deployment-id": { schema: deploymentIdInput, example: "${{ steps.deploy.outputs.deployment-id }}" },
  "rollback-of": { schema: enumInput(ROLLBACK_OF, "this-release"), example: "running-release" },
  ...waitInputSpecs
};
var triggerRollbackSpec = { inputs: triggerRollbackInputs };
var TriggerRollbackOutputs = {
  RollbackState: "rollback-state",
  RollbackRef: "rollback-ref",
  RollbackVersion: "rollback-version",
  DeliveryId: "delivery-id"
};

export {
  triggerRollback,
  triggerRollbackSpec,
  TriggerRollbackOutputs
};
