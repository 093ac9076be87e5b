import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  gateContext,
  oneOffRunId
} from "./chunk-GK73KFT3.js";
import {
  consoleLogger
} from "./chunk-DNYRF2ZZ.js";
import {
  parseInputs
} from "./chunk-BTGJ4AZN.js";
import {
  flagSource
} from "./chunk-HHRHPQOT.js";
import {
  formatDuration
} from "./chunk-FEJLSRR4.js";
import {
  USAGE_EXIT
} from "./chunk-UQP3W3S5.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-ZUWSAP7Z.js";

// packages/cli/src/webhook-cli.ts
import { basename, resolve } from "node:path";

// packages/github/src/deployments.ts
function parseRepo(text, from = "GITHUB_REPOSITORY") {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(text ?? "");
  if (!match) throw new ConfigurationError(`repository '${text ?? ""}' is not owner/name (${from})`);
  return { owner: match[1], repo: match[2] };
}
var GitHubApiError = class extends ConfigurationError {
  name = "GitHubApiError";
};
function apiError(what, error) {
  const status = error.status;
  const hint = status === 403 || status === 404 ? " (the token needs `deployments: write` permission: add `permissions: deployments: write` to the job)" : status === 401 ? " (the token is invalid or expired; the default github-token is the job token)" : "";
  return new GitHubApiError(
    `GitHub API: ${what} failed${status ? ` (HTTP ${status})` : ""}: ${errorMessage(error)}${hint}`
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
  } catch (error) {
    throw apiError(`create deployment for ${options.environment}`, error);
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
  } catch (error) {
    throw apiError(`set deployment ${options.deploymentId} status ${options.state}`, error);
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
  } catch (error) {
    throw apiError(`list statuses of deployment ${deploymentId}`, error);
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
  } catch (error) {
    throw apiError(`list deployments of ${options.environment}`, error);
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
  } catch (error) {
    return { recorded: false, error: errorMessage(error) };
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
  const { createGithubClient } = await import("./octokit-client-Z4B7CDIX.js");
  return createGithubClient(options);
}

// packages/github/src/deployments-port.ts
function githubDeployments(options) {
  let connection;
  const connect = async () => {
    connection ??= {
      repo: parseRepo(options.repository, options.repositoryFrom),
      client: githubClient({ token: options.token, logger: options.logger })
    };
    return { repo: connection.repo, client: await connection.client };
  };
  return {
    findRunDeployment: async (query) => {
      const { client, repo } = await connect();
      return findRunDeployment(client, repo, query);
    },
    createDeployment: async (deployment) => {
      const { client, repo } = await connect();
      return createDeployment(client, repo, deployment);
    },
    setStatus: async (status) => {
      const { client, repo } = await connect();
      return setDeploymentStatus(client, repo, status);
    },
    resolveRollbackTarget: async (query) => {
      const { client, repo } = await connect();
      return resolveRollbackTarget(client, repo, query);
    },
    markRolledBack: async (options2) => {
      try {
        const { client, repo } = await connect();
        return await markRolledBack(client, repo, options2);
      } catch (error) {
        return { recorded: false, error: errorMessage(error) };
      }
    }
  };
}

// packages/cli/src/webhook-cli.ts
var RUN_FLAGS = {
  "run-id": { type: "string" },
  "run-attempt": { type: "string" },
  repository: { type: "string" },
  verbose: { type: "boolean", short: "v" }
};
var WEBHOOK_FLAGS_USAGE = `Webhook flags (the same names as the action inputs):
  --webhook-url <url>          where to POST the event (or env RELEASE_GATE_WEBHOOK_URL)
  --signing-secret <secret>    Standard Webhooks secret, whsec_<base64> or raw (or env RELEASE_GATE_SIGNING_SECRET)
  --bearer-token <token>       Authorization: Bearer (or env RELEASE_GATE_BEARER_TOKEN)
  --environment <name>         required, e.g. production
  --service <name>             default: the current directory's name
  --ref <ref> --sha <sha> --version <label>
  --run-id <id> [--run-attempt <n>] [--repository owner/name]
                               derive the Idempotency-Key as the actions do (default: a fresh key, printed)
  --idempotency-key <key>      use this key as is
  --drill                      mark the event data.drill: true (receivers rehearse without acting)
  --timeout <duration>         per attempt (default 10s)
  --deadline <duration>        whole delivery incl. retries and polling (default 2m)
  --max-attempts <n>           default 5
  --dry-run                    print the request (secrets masked) and send nothing
  --report-path <file>         merge this step's section into a release-gate report
  -v, --verbose`;
function webhookCommand(command, argv, spec, usage, options = {}) {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const readFlags = options.readFlags ?? flagSource;
  try {
    const { source, help, values } = readFlags(argv, spec.inputs, usage, env, RUN_FLAGS);
    if (help) {
      process.stdout.write(`${usage}
`);
      return 0;
    }
    const inputs = parseInputs(spec, source);
    const flags = values;
    const given = inputs;
    const runAttempt = flags["run-attempt"] === void 0 ? null : Number(flags["run-attempt"]);
    if (runAttempt !== null && (!Number.isInteger(runAttempt) || runAttempt < 1)) {
      throw new ConfigurationError("--run-attempt must be a positive whole number");
    }
    const runId = flags["run-id"] ?? null;
    const repository = flags.repository ?? env.GITHUB_REPOSITORY ?? null;
    const reportPath = given["report-path"];
    const context = gateContext(
      {
        environment: given.environment,
        service: given.service ?? (basename(cwd) || "service"),
        ref: given.ref ?? null,
        sha: given.sha ?? null,
        version: given.version ?? null,
        // A run id without an attempt is the run's first attempt, as on a runner.
        run: {
          repository,
          id: runId,
          attempt: runId ? runAttempt ?? 1 : runAttempt,
          url: null,
          actor: null,
          workflow: null
        }
      },
      {
        drill: given.drill,
        idempotencyKey: given["idempotency-key"],
        reportPath: reportPath ? resolve(cwd, reportPath) : void 0,
        oneOffRunId: runId ? void 0 : oneOffRunId()
      }
    );
    return {
      inputs,
      context,
      logger: consoleLogger({ verbose: Boolean(flags.verbose) }),
      repository,
      keyed: runId !== null || given["idempotency-key"] !== void 0
    };
  } catch (error) {
    process.stderr.write(`release-gate ${command}: ${errorMessage(error)}

${usage}
`);
    return USAGE_EXIT;
  }
}
function cliDeployments(command, token) {
  return token ? githubDeployments({
    token,
    repository: command.repository ?? void 0,
    repositoryFrom: "--repository or GITHUB_REPOSITORY",
    logger: command.logger
  }) : void 0;
}
function announceKey(command, type) {
  if (command.keyed) return;
  const key = command.context.keyFor(type);
  process.stderr.write(
    `Idempotency-Key ${key} (fresh; pass --idempotency-key ${key} to retry this same request)
`
  );
}
function outcomeHints(outcome, options = {}) {
  const hints = [];
  if (outcome.status === 401 && !outcome.delivery.signed)
    hints.push(
      "hint: the event was sent unsigned; pass --signing-secret <secret> or set RELEASE_GATE_SIGNING_SECRET for this command too (the same secret the receiver verifies with)"
    );
  if (options.wait && outcome.state === "accepted" && !outcome.statusUrl && !outcome.delivery.dryRun)
    hints.push(
      "hint: to wait, the webhook must answer with a Location header or statusUrl; the reference receiver does when started with --complete-after <duration>"
    );
  return hints;
}
function printOutcome(outputs, outcome, options = {}) {
  process.stdout.write(
    `${Object.entries(outputs).map(([key, value]) => `${key}=${value}`).join("\n")}
`
  );
  if (outcome) {
    process.stderr.write(
      `${outcome.message} [attempts ${outcome.delivery.attempts}, statuses ${outcome.delivery.statusCodes.join(",") || "-"}, ${formatDuration(outcome.delivery.durationMs)}]
`
    );
    for (const hint of outcomeHints(outcome, options)) process.stderr.write(`${hint}
`);
  }
}

export {
  WEBHOOK_FLAGS_USAGE,
  webhookCommand,
  cliDeployments,
  announceKey,
  printOutcome
};
