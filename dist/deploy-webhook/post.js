import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  DeployWebhookState,
  actionsLogger,
  githubClient,
  listDeploymentStatuses,
  parseRepo,
  runInfoFromEnv,
  setDeploymentStatus
} from "./chunks/chunk-FA3DDGVJ.js";
import {
  errorMessage
} from "./chunks/chunk-DKV6U6UH.js";
import {
  getInput,
  getState,
  info,
  setSecret,
  warning
} from "./chunks/chunk-VSUL7ZBW.js";
import "./chunks/chunk-J3UZPZ7J.js";
import "./chunks/chunk-OHNNMSQP.js";
import "./chunks/chunk-ONBS6DE5.js";

// actions/deploy-webhook/post.ts
var TOKEN_INPUT = "github-token";
async function post() {
  const id = getState(DeployWebhookState.DeploymentId);
  const finished = getState(DeployWebhookState.Finished) === "true";
  const handedOver = getState(DeployWebhookState.HandedOver) === "true";
  if (!id || finished) {
    info(id ? `GitHub deployment ${id} has its final status` : "no GitHub deployment to finish");
    return;
  }
  const token = getInput(TOKEN_INPUT);
  if (token) setSecret(token);
  if (!token) {
    warning(`GitHub deployment ${id} may be left in progress: no ${TOKEN_INPUT} to update it`);
    return;
  }
  try {
    const client = await githubClient({ token, logger: actionsLogger, retries: 1 });
    const repo = parseRepo(process.env.GITHUB_REPOSITORY);
    const deploymentId = Number(id);
    const [latest] = await listDeploymentStatuses(client, repo, deploymentId, 1);
    if (latest && !["in_progress", "queued", "pending"].includes(latest.state)) {
      info(`GitHub deployment ${id} is already ${latest.state}`);
      return;
    }
    await setDeploymentStatus(client, repo, {
      deploymentId,
      state: "error",
      description: handedOver ? "the job ended before the release gate set a verdict (cancelled or failed)" : "the job ended before the deploy finished (cancelled or failed)",
      logUrl: runInfoFromEnv().url ?? void 0
    });
    warning(`GitHub deployment ${id} was left ${latest?.state ?? "without a status"}; marked error`);
  } catch (error) {
    warning(`could not mark GitHub deployment ${id} as error: ${errorMessage(error)}`);
  }
}

// actions/deploy-webhook/post-index.ts
await post();
