import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  maskExtra,
  maxAttemptsInput,
  urlSecretForms,
  webhookInputSpecs,
  webhookUrlInput
} from "./chunk-GK73KFT3.js";
import {
  sendWebhook
} from "./chunk-UI7C4ZYB.js";
import {
  buildEvent
} from "./chunk-3Q2W3BOO.js";
import {
  checkProbeWindows,
  checkSmokeInputs,
  loadProbes,
  runSmoke,
  smokeInputSpecs,
  smokePolicy,
  smokeProbeOptions,
  smokeRedactor,
  smokeSecrets,
  smokeTemplateValues
} from "./chunk-VSOPE5BG.js";
import {
  durationInput,
  optionalString,
  requiredString
} from "./chunk-BTGJ4AZN.js";
import {
  mergeReportSection,
  readJsonFile,
  releaseGateReportSchema
} from "./chunk-SV4FLVHX.js";
import {
  timeSpan
} from "./chunk-FEJLSRR4.js";

// packages/core/src/specs/rollback-verify.ts
var { "fail-on-error": _failOnError, ...smokeSpecs } = smokeInputSpecs;
var rollbackVerifyInputs = {
  ...smokeSpecs,
  environment: { schema: requiredString, example: "production" },
  "webhook-url": webhookInputSpecs["webhook-url"],
  "metrics-url": {
    schema: webhookUrlInput,
    example: "https://receiver.example.com/internal/release-gate/callbacks",
    secret: true
  },
  "signing-secret": webhookInputSpecs["signing-secret"],
  "webhook-bearer-token": { ...webhookInputSpecs["bearer-token"], env: "RELEASE_GATE_WEBHOOK_BEARER_TOKEN" },
  "webhook-timeout": { schema: durationInput("10s"), example: "10s" },
  "webhook-deadline": { schema: durationInput("2m"), example: "2m" },
  "webhook-max-attempts": { schema: maxAttemptsInput, example: "5" },
  "idempotency-key": webhookInputSpecs["idempotency-key"],
  service: webhookInputSpecs.service,
  ref: webhookInputSpecs.ref,
  sha: webhookInputSpecs.sha,
  version: webhookInputSpecs.version,
  drill: webhookInputSpecs.drill,
  "dry-run": webhookInputSpecs["dry-run"],
  "rollback-ref": { schema: optionalString, example: "${{ steps.rollback.outputs.rollback-ref }}" },
  "rollback-state": { schema: optionalString, example: "${{ steps.rollback.outputs.rollback-state }}" }
};
function resmokeInputs(inputs) {
  return { ...inputs, "fail-on-error": true };
}
var rollbackVerifySpec = {
  inputs: rollbackVerifyInputs,
  check: (values, source) => checkSmokeInputs(resmokeInputs(values), source)
};
var RollbackVerifyOutputs = {
  RollbackCallbackState: "rollback-callback-state",
  SmokeResult: "smoke-result",
  DeliveryId: "delivery-id",
  MetricsDeliveryId: "metrics-delivery-id",
  DurationMs: "duration-ms"
};

// packages/core/src/gate/verify-rollback.ts
var STEP = "rollback-verify";
async function verifyRollback(inputs, context, host) {
  const started = /* @__PURE__ */ new Date();
  const { logger } = host;
  const smokeInputs = resmokeInputs(inputs);
  const extraSecrets = [
    ...maskExtra(host, smokeSecrets(smokeInputs)),
    ...maskExtra(host, [...urlSecretForms(inputs["webhook-url"]), ...urlSecretForms(inputs["metrics-url"])])
  ];
  host.partial?.pending(context, "rollbackCallback", () => ({
    state: "failed",
    ...timeSpan(started, /* @__PURE__ */ new Date()),
    smoke: null,
    delivery: null
  }));
  const existing = context.reportPath ? await readJsonFile(context.reportPath, releaseGateReportSchema, "release-gate report", {
    optional: true
  }) : void 0;
  const rollbackRef = inputs["rollback-ref"] ?? existing?.rollback?.rollbackRef ?? null;
  const rollbackState = inputs["rollback-state"] ?? existing?.rollback?.state ?? null;
  const probes = await loadProbes(smokeProbeOptions(smokeInputs, host.env, host.probeLabels));
  checkProbeWindows(probes, smokePolicy(smokeInputs));
  logger.info(
    `Re-smoking ${probes.length} probe(s) against the rolled-back version${rollbackRef ? ` ${rollbackRef}` : ""}`
  );
  const smoke = await runSmoke(probes, smokePolicy(smokeInputs), {
    runCommand: host.runCommand,
    signal: host.signal,
    redactor: smokeRedactor(smokeInputs),
    logger,
    onSecret: host.mask,
    onProbeDone: host.onProbeDone,
    env: host.env,
    templates: smokeTemplateValues(smokeInputs, host.env)
  });
  const delivery = {
    signingSecret: inputs["signing-secret"],
    bearerToken: inputs["webhook-bearer-token"],
    timeoutMs: inputs["webhook-timeout"],
    deadlineMs: inputs["webhook-deadline"],
    maxAttempts: inputs["webhook-max-attempts"],
    dryRun: inputs["dry-run"],
    logger,
    signal: host.signal,
    extraSecrets
  };
  let verify;
  if (inputs["webhook-url"]) {
    verify = await sendWebhook({
      ...delivery,
      url: inputs["webhook-url"],
      event: buildEvent("rollback.verify", { ...context.common, rollbackRef, smokeResult: smoke.result }),
      idempotencyKey: context.keyFor("rollback.verify"),
      label: "verify webhook"
    });
  } else {
    logger.warning(
      `${STEP}: webhook-url is empty: the rollback is verified by the probes only (rollback-callback-state=skipped_missing_webhook when they pass). Set webhook-url: \${{ secrets.ROLLBACK_VERIFY_WEBHOOK_URL }}.`
    );
  }
  const state = callbackState(smoke, verify);
  const verifiedAt = /* @__PURE__ */ new Date();
  const rollbackStartedAt = existing?.rollback?.startedAt ? Date.parse(existing.rollback.startedAt) : Number.NaN;
  const durationMs = Number.isNaN(rollbackStartedAt) ? verifiedAt.getTime() - started.getTime() : Math.max(0, verifiedAt.getTime() - rollbackStartedAt);
  let metrics;
  if (inputs["metrics-url"]) {
    metrics = await sendWebhook({
      ...delivery,
      url: inputs["metrics-url"],
      event: buildEvent("release_gate.callback", {
        ...context.common,
        rollbackCallbackState: state,
        rollbackState,
        durationMs
      }),
      idempotencyKey: context.keyFor("release_gate.callback"),
      label: "metrics callback"
    });
  }
  host.partial?.settle();
  const finishedAt = /* @__PURE__ */ new Date();
  const section = {
    state,
    ...timeSpan(started, finishedAt),
    smoke,
    delivery: verify?.delivery ?? null
  };
  if (context.reportPath) {
    await mergeReportSection(context.reportPath, context.identity, "rollbackCallback", section);
    if (metrics) {
      const metricsSection = {
        state: metrics.state,
        ...timeSpan(verifiedAt, finishedAt),
        delivery: metrics.delivery
      };
      await mergeReportSection(context.reportPath, context.identity, "metricsCallback", metricsSection);
    }
  }
  const problems = [];
  if (smoke.result === "failed") {
    problems.push(`${smoke.failedCount} of ${smoke.probes.length} probe(s) still fail after the rollback`);
  }
  if (verify?.state === "failed") problems.push(verify.message);
  if (metrics?.state === "failed") problems.push(metrics.message);
  return { state, section, smoke, verify, metrics, rollbackRef, durationMs, problems };
}
function callbackState(smoke, verify) {
  if (smoke.result === "failed" || verify?.state === "failed") return "failed";
  return verify ? "verified" : "skipped_missing_webhook";
}

export {
  rollbackVerifySpec,
  RollbackVerifyOutputs,
  verifyRollback
};
