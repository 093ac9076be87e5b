import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  booleanInput,
  durationInput,
  integerInput,
  optionalString,
  requiredString,
  signingSecretInput
} from "./chunk-BTGJ4AZN.js";
import {
  NEVER,
  string
} from "./chunk-H3HWWZLP.js";
import {
  runSecrets,
  secretParts
} from "./chunk-6MQO5ODA.js";

// packages/core/src/gate/context.ts
import { randomUUID as randomUUID2 } from "node:crypto";

// packages/core/src/webhooks/idempotency.ts
import { createHash, randomUUID } from "node:crypto";
function idempotencyKey(parts) {
  const material = JSON.stringify([
    parts.repository ?? "",
    parts.runId ?? "",
    String(parts.runAttempt ?? ""),
    parts.environment,
    parts.service,
    parts.type,
    parts.sha ?? ""
  ]);
  return `msg_${createHash("sha256").update(material).digest("hex").slice(0, 32)}`;
}
function isValidIdempotencyKey(key) {
  return /^[\x21-\x7e]{1,255}$/.test(key);
}

// packages/core/src/gate/context.ts
function gateContext(identity, options) {
  return {
    identity,
    common: {
      environment: identity.environment,
      service: identity.service,
      ref: identity.ref,
      sha: identity.sha,
      version: identity.version,
      runUrl: identity.run.url,
      drill: options.drill
    },
    reportPath: options.reportPath,
    keyFor: (type) => options.idempotencyKey ?? idempotencyKey({
      repository: identity.run.repository,
      runId: identity.run.id ?? options.oneOffRunId ?? null,
      runAttempt: identity.run.attempt,
      environment: identity.environment,
      service: identity.service,
      type,
      sha: identity.sha
    })
  };
}
function oneOffRunId() {
  return `one-off-${randomUUID2()}`;
}

// packages/core/src/gate/delivery.ts
function deliveryOptions(inputs, host, extraSecrets = []) {
  return {
    bearerToken: inputs["bearer-token"],
    signingSecret: inputs["signing-secret"],
    timeoutMs: inputs.timeout,
    deadlineMs: inputs.deadline,
    maxAttempts: inputs["max-attempts"],
    wait: inputs.wait,
    pollIntervalMs: inputs["poll-interval"],
    dryRun: inputs["dry-run"],
    logger: host.logger,
    signal: host.signal,
    extraSecrets: [...inputs["github-token"] ? [inputs["github-token"]] : [], ...extraSecrets]
  };
}
function maskExtra(host, secrets) {
  for (const secret of secrets) {
    host.mask?.(secret);
    runSecrets.add(secret, "token");
  }
  return secrets;
}

// packages/core/src/specs/webhook.ts
var webhookUrlInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
    return raw;
  } catch {
    ctx.addIssue({ code: "custom", message: "must be an http:// or https:// URL" });
    return NEVER;
  }
});
function urlSecretForms(raw) {
  return secretParts(raw, "url").filter((part) => part !== raw);
}
var idempotencyKeyInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  if (!isValidIdempotencyKey(raw)) {
    ctx.addIssue({ code: "custom", message: "must be 1 to 255 printable characters without spaces" });
    return NEVER;
  }
  return raw;
});
var maxAttemptsInput = integerInput(5, 1, 20);
var webhookInputSpecs = {
  "webhook-url": {
    schema: webhookUrlInput,
    example: "${{ secrets.DEPLOY_WEBHOOK_URL }}",
    secret: true,
    env: "RELEASE_GATE_WEBHOOK_URL"
  },
  "signing-secret": {
    schema: signingSecretInput,
    example: "${{ secrets.RELEASE_GATE_SIGNING_SECRET }}",
    secret: true,
    env: "RELEASE_GATE_SIGNING_SECRET"
  },
  "bearer-token": {
    schema: optionalString,
    example: "${{ secrets.DEPLOY_TOKEN }}",
    secret: true,
    env: "RELEASE_GATE_BEARER_TOKEN"
  },
  "idempotency-key": { schema: idempotencyKeyInput, example: "shop-prod-${{ github.run_id }}" },
  environment: { schema: requiredString, example: "production" },
  service: { schema: optionalString, example: "shop" },
  ref: { schema: optionalString, example: "${{ github.ref }}" },
  sha: { schema: optionalString, example: "${{ github.sha }}" },
  version: { schema: optionalString, example: "1.4.2" },
  drill: { schema: booleanInput(false), example: "false", flag: "boolean" },
  timeout: { schema: durationInput("10s"), example: "10s" },
  deadline: { schema: durationInput("2m"), example: "2m" },
  "max-attempts": { schema: maxAttemptsInput, example: "5" },
  "dry-run": { schema: booleanInput(false), example: "true", flag: "boolean" },
  "report-path": { schema: optionalString, example: "release-gate/report.json" }
};
var githubTokenSpec = {
  "github-token": {
    schema: optionalString,
    example: "${{ github.token }}",
    secret: true,
    env: "GITHUB_TOKEN"
  }
};
var waitInputSpecs = {
  wait: { schema: booleanInput(false), example: "true", flag: "boolean" },
  "poll-interval": { schema: durationInput("2s"), example: "2s" }
};

export {
  gateContext,
  oneOffRunId,
  deliveryOptions,
  maskExtra,
  webhookUrlInput,
  urlSecretForms,
  maxAttemptsInput,
  webhookInputSpecs,
  githubTokenSpec,
  waitInputSpecs
};
