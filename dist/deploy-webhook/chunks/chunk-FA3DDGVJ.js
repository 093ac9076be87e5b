import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  ConfigurationError,
  durationSchema,
  errorMessage
} from "./chunk-DKV6U6UH.js";
import {
  debug,
  error,
  group,
  info,
  warning
} from "./chunk-VSUL7ZBW.js";
import {
  secretParts
} from "./chunk-J3UZPZ7J.js";
import {
  NEVER,
  string
} from "./chunk-OHNNMSQP.js";

// packages/core/src/report/context.ts
function runInfoFromEnv(env = process.env) {
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  const repository = env.GITHUB_REPOSITORY ?? null;
  const id = env.GITHUB_RUN_ID ?? null;
  const attempt = env.GITHUB_RUN_ATTEMPT ? Number(env.GITHUB_RUN_ATTEMPT) : null;
  return {
    repository,
    id,
    attempt,
    url: repository && id ? `${server}/${repository}/actions/runs/${id}${attempt ? `/attempts/${attempt}` : ""}` : null,
    actor: env.GITHUB_ACTOR ?? null,
    workflow: env.GITHUB_WORKFLOW ?? null
  };
}
function reportIdentity(fields, env = process.env) {
  return {
    environment: fields.environment,
    service: fields.service ?? env.GITHUB_REPOSITORY?.split("/")[1] ?? "service",
    ref: fields.ref ?? env.GITHUB_REF ?? null,
    sha: fields.sha ?? env.GITHUB_SHA ?? null,
    version: fields.version ?? null,
    run: runInfoFromEnv(env)
  };
}
function workspacePath(path, env = process.env) {
  if (path.startsWith("/")) return path;
  return `${env.GITHUB_WORKSPACE ?? process.cwd()}/${path}`;
}

// packages/core/src/list.ts
function splitList(text) {
  const parts = typeof text === "string" ? text.split(/[\n,]/) : text.flatMap((t) => t.split(/[\n,]/));
  return parts.map((part) => part.trim()).filter(Boolean);
}

// packages/core/src/webhooks/signing.ts
import { createHmac, timingSafeEqual } from "node:crypto";
var DEFAULT_TOLERANCE_SECONDS = 5 * 60;
var SECRET_PREFIX = "whsec_";
function signingKey(secret) {
  if (secret.startsWith(SECRET_PREFIX)) {
    const encoded = secret.slice(SECRET_PREFIX.length);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
      throw new ConfigurationError(
        'the signing secret starts with whsec_ but the rest is not base64; generate one with: echo "whsec_$(openssl rand -base64 32)"'
      );
    }
    return Buffer.from(encoded, "base64");
  }
  return Buffer.from(secret, "utf8");
}
function signingSecretProblem(secret) {
  try {
    if (signingKey(secret).length < 8) return "is too short: use at least 8 bytes (24 or more recommended)";
  } catch (error2) {
    return error2.message;
  }
  return void 0;
}
function sign(secret, id, timestampSeconds, body) {
  const mac = createHmac("sha256", signingKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest();
  return `v1,${mac.toString("base64")}`;
}
function signatureHeaders(secret, id, body, now = Date.now()) {
  const timestamp = Math.floor(now / 1e3);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": sign(secret, id, timestamp, body)
  };
}

// packages/core/src/inputs/schemas.ts
var optionalString = string().transform((v) => v === "" ? void 0 : v);
var requiredString = string().min(1, { message: "is required" });
var nowInput = string().transform((raw, ctx) => {
  if (raw === "") return /* @__PURE__ */ new Date();
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: "must be an ISO 8601 timestamp with a time zone" });
    return NEVER;
  }
  return new Date(ms);
});
var booleanInput = (fallback) => string().transform((raw, ctx) => {
  if (raw === "") return fallback;
  if (["true", "True", "TRUE"].includes(raw)) return true;
  if (["false", "False", "FALSE"].includes(raw)) return false;
  ctx.addIssue({ code: "custom", message: "must be true or false" });
  return NEVER;
});
var durationInput = (fallback) => string().transform((raw, ctx) => {
  const parsed = durationSchema.safeParse(raw === "" ? fallback : raw);
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "not a duration" });
    return NEVER;
  }
  return parsed.data;
});
var integerInput = (fallback, min, max) => string().transform((raw, ctx) => {
  if (raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}` });
    return NEVER;
  }
  return Number(raw);
});
var urlInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
    return url.toString();
  } catch {
    ctx.addIssue({ code: "custom", message: "must be an http:// or https:// URL" });
    return NEVER;
  }
});
var deploymentIdInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  if (!/^\d+$/.test(raw)) {
    ctx.addIssue({ code: "custom", message: "must be a numeric GitHub deployment id" });
    return NEVER;
  }
  return Number(raw);
});
var headersInput = string().transform((raw, ctx) => {
  const headers = {};
  for (const [index, line] of raw.split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    const match = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(line.trim());
    if (!match) {
      ctx.addIssue({ code: "custom", message: `line ${index + 1} is not 'Name: value'` });
      return NEVER;
    }
    headers[match[1]] = match[2];
  }
  return headers;
});
var listInput = (fallback = []) => string().transform((raw) => {
  const items = splitList(raw);
  return items.length ? items : [...fallback];
});
var urlListInput = listInput().transform((items, ctx) => {
  const bad = items.filter((item) => urlInput.safeParse(item).success === false);
  if (bad.length) {
    ctx.addIssue({ code: "custom", message: `not an http:// or https:// URL: ${bad.join(", ")}` });
    return NEVER;
  }
  return items;
});
var signingSecretInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  const problem = signingSecretProblem(raw);
  if (problem) {
    ctx.addIssue({ code: "custom", message: problem });
    return NEVER;
  }
  return raw;
});

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
var DeployWebhookState = {
  DeploymentId: "deployment-id",
  Finished: "deployment-finished",
  /** `true` when a later step (report) is to finish the deployment: post checks its latest status. */
  HandedOver: "deployment-handed-over"
};

// packages/github/src/deployments.ts
function parseRepo(text, from = "GITHUB_REPOSITORY") {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(text ?? "");
  if (!match) throw new ConfigurationError(`repository '${text ?? ""}' is not owner/name (${from})`);
  return { owner: match[1], repo: match[2] };
}
var GitHubApiError = class extends ConfigurationError {
  name = "GitHubApiError";
};
function apiError(what, error2) {
  const status = error2.status;
  const hint = status === 403 || status === 404 ? " (the token needs `deployments: write` permission: add `permissions: deployments: write` to the job)" : status === 401 ? " (the token is invalid or expired; the default github-token is the job token)" : "";
  return new GitHubApiError(
    `GitHub API: ${what} failed${status ? ` (HTTP ${status})` : ""}: ${errorMessage(error2)}${hint}`
  );
}
async function createDeployment(client, repo, options) {
  try {
    const response = await client.rest.repos.createDeployment({
      ...repo,
      ref: options.ref,
      environment: options.environment,
      auto_merge: false,
      required_contexts: [],
      description: options.description ?? "release-gate deploy",
      payload: options.payload ?? {},
      transient_environment: false
    });
    if (response.status !== 201 || !("id" in response.data)) {
      throw new Error(`unexpected answer ${response.status}: ${JSON.stringify(response.data).slice(0, 200)}`);
    }
    return summarize(response.data);
  } catch (error2) {
    throw apiError(`create deployment for ${options.environment}`, error2);
  }
}
async function setDeploymentStatus(client, repo, options) {
  try {
    await client.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: options.deploymentId,
      state: options.state,
      description: statusDescription(options.description ?? ""),
      ...options.logUrl ? { log_url: options.logUrl } : {},
      ...options.environmentUrl ? { environment_url: options.environmentUrl } : {}
    });
  } catch (error2) {
    throw apiError(`set deployment ${options.deploymentId} status ${options.state}`, error2);
  }
}
var STATUS_DESCRIPTION_MAX = 140;
function statusDescription(text) {
  return text.length <= STATUS_DESCRIPTION_MAX ? text : `${text.slice(0, STATUS_DESCRIPTION_MAX - 1)}\u2026`;
}
async function listDeploymentStatuses(client, repo, deploymentId, perPage = 30) {
  try {
    const response = await client.rest.repos.listDeploymentStatuses({
      ...repo,
      deployment_id: deploymentId,
      per_page: perPage
    });
    return response.data.map((status) => ({
      state: status.state,
      logUrl: status.log_url ?? status.target_url ?? "",
      createdAt: status.created_at
    }));
  } catch (error2) {
    throw apiError(`list statuses of deployment ${deploymentId}`, error2);
  }
}
async function listDeployments(client, repo, options) {
  const limit = options.limit ?? 100;
  const out = [];
  try {
    for (let page = 1; out.length < limit; page++) {
      const perPage = Math.min(100, limit);
      const response = await client.rest.repos.listDeployments({
        ...repo,
        environment: options.environment,
        ...options.sha ? { sha: options.sha } : {},
        per_page: perPage,
        page
      });
      out.push(...response.data.map(summarize));
      if (response.data.length < perPage) break;
    }
  } catch (error2) {
    throw apiError(`list deployments of ${options.environment}`, error2);
  }
  return out.slice(0, limit);
}
var ACTIVE_STATES = /* @__PURE__ */ new Set(["queued", "pending", "in_progress"]);
async function findRunDeployment(client, repo, options) {
  const candidates = await listDeployments(client, repo, {
    environment: options.environment,
    sha: options.sha,
    limit: options.limit ?? 10
  });
  const marker = `/actions/runs/${options.runId}`;
  for (const deployment of candidates) {
    const statuses = await listDeploymentStatuses(client, repo, deployment.id, 10);
    const open = !statuses[0] || ACTIVE_STATES.has(statuses[0].state);
    if (open && statuses.some((status) => status.logUrl.includes(marker))) return deployment;
  }
  return void 0;
}
function isKnownGood(statusesNewestFirst) {
  for (const status of statusesNewestFirst) {
    if (status.state === "failure") return false;
    if (status.state === "success") return true;
  }
  return false;
}
async function resolveKnownGood(client, repo, options) {
  const deployments = await listDeployments(client, repo, {
    environment: options.environment,
    limit: options.limit ?? 30
  });
  let running;
  for (const deployment of deployments) {
    if (options.currentSha && !options.skipRunning && deployment.sha === options.currentSha) continue;
    if (running && deployment.sha === running.sha) continue;
    const statuses = await listDeploymentStatuses(client, repo, deployment.id, 100);
    if (!isKnownGood(statuses)) continue;
    const good = {
      sha: deployment.sha,
      ref: deployment.ref,
      deploymentId: deployment.id,
      createdAt: deployment.createdAt,
      ...deployment.version !== void 0 ? { version: deployment.version } : {}
    };
    if (options.skipRunning && !running) {
      running = good;
      continue;
    }
    return running ? { ...good, running } : good;
  }
  return void 0;
}
async function findDeploymentByRef(client, repo, options) {
  const deployments = await listDeployments(client, repo, {
    environment: options.environment,
    limit: options.limit ?? 30
  });
  const ref = options.ref;
  const shaPrefix = /^[0-9a-f]{7,40}$/i.test(ref) ? ref.toLowerCase() : void 0;
  return deployments.find(
    (d) => d.ref === ref || d.version === ref || shaPrefix !== void 0 && d.sha.toLowerCase().startsWith(shaPrefix)
  );
}
async function resolveRollbackTarget(client, repo, options) {
  if (options.rollbackRef) {
    const match = await findDeploymentByRef(client, repo, {
      environment: options.environment,
      ref: options.rollbackRef
    });
    return {
      rollbackRef: options.rollbackRef,
      rollbackVersion: match?.version ?? null,
      deploymentId: match?.id ?? null,
      source: match ? `input rollback-ref, deployment ${match.id}` : "input rollback-ref"
    };
  }
  const good = await resolveKnownGood(client, repo, {
    environment: options.environment,
    currentSha: options.currentSha,
    skipRunning: options.rollbackOf === "running-release"
  });
  if (!good) return { rollbackRef: null, rollbackVersion: null, deploymentId: null, source: "" };
  return {
    rollbackRef: good.sha,
    rollbackVersion: good.version ?? null,
    deploymentId: good.deploymentId,
    source: good.running ? `the promoted release before the running one (deployment ${good.deploymentId}; running: ${good.running.deploymentId}, ${good.running.sha.slice(0, 12)})` : `last successful deployment ${good.deploymentId} of ${options.environment} (${good.createdAt})`,
    ...good.running ? { runningDeploymentId: good.running.deploymentId } : {}
  };
}
async function markRolledBack(client, repo, options) {
  try {
    await setDeploymentStatus(client, repo, {
      deploymentId: options.deploymentId,
      state: "failure",
      description: `rolled back by ${options.runUrl ?? "the release gate"}`,
      logUrl: options.runUrl ?? void 0
    });
    return { recorded: true };
  } catch (error2) {
    return { recorded: false, error: errorMessage(error2) };
  }
}
function payloadVersion(payload) {
  let value = payload;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return void 0;
    }
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const version = value.version;
    if (typeof version === "string" && version !== "") return version;
  }
  return void 0;
}
function summarize(data) {
  const version = payloadVersion(data.payload);
  return {
    id: data.id,
    sha: data.sha,
    ref: data.ref,
    environment: data.environment,
    createdAt: data.created_at,
    ...version !== void 0 ? { version } : {}
  };
}

// packages/github/src/octokit.ts
async function githubClient(options) {
  const { createGithubClient } = await import("./octokit-client-CVE7LVTJ.js");
  return createGithubClient(options);
}

// packages/github/src/logger.ts
var actionsLogger = {
  info: (message) => info(message),
  warning: (message) => warning(message),
  error: (message) => error(message),
  debug: (message) => debug(message),
  group: (name, fn) => group(name, fn)
};

export {
  runInfoFromEnv,
  reportIdentity,
  workspacePath,
  idempotencyKey,
  signatureHeaders,
  urlSecretForms,
  deployWebhookSpec,
  DeployWebhookOutputs,
  DeployWebhookState,
  parseRepo,
  createDeployment,
  setDeploymentStatus,
  listDeploymentStatuses,
  findRunDeployment,
  resolveRollbackTarget,
  markRolledBack,
  githubClient,
  actionsLogger
};
