import * as core from '@actions/core';
import {
  type DeployWebhookInputs,
  DeployWebhookState,
  errorMessage,
  runInfoFromEnv,
} from '@release-actions/core';
import {
  actionsLogger,
  githubClient,
  listDeploymentStatuses,
  parseRepo,
  setDeploymentStatus,
} from '@release-actions/github';

/** The token input post reads again (the post step gets the main step's inputs). */
const TOKEN_INPUT = 'github-token' satisfies keyof DeployWebhookInputs;

/**
 * The `post:` step of deploy-webhook: when main created or adopted a GitHub deployment and did not get to
 * set its final status (the job was cancelled or the runner lost the step), a deployment still
 * `in_progress` (or queued/pending) is marked `error`. Never fails the job.
 */
export async function post(): Promise<void> {
  const id = core.getState(DeployWebhookState.DeploymentId);
  const finished = core.getState(DeployWebhookState.Finished) === 'true';
  // finish-deployment: false hands the deployment to a later step (report); if that step did not get to
  // set success or failure (the job failed or was cancelled before it), the deployment is still open here.
  const handedOver = core.getState(DeployWebhookState.HandedOver) === 'true';
  if (!id || finished) {
    core.info(id ? `GitHub deployment ${id} has its final status` : 'no GitHub deployment to finish');
    return;
  }
  const token = core.getInput(TOKEN_INPUT);
  if (token) core.setSecret(token);
  if (!token) {
    core.warning(`GitHub deployment ${id} may be left in progress: no ${TOKEN_INPUT} to update it`);
    return;
  }
  try {
    const client = await githubClient({ token, logger: actionsLogger, retries: 1 });
    const repo = parseRepo(process.env.GITHUB_REPOSITORY);
    const deploymentId = Number(id);
    const [latest] = await listDeploymentStatuses(client, repo, deploymentId, 1);
    if (latest && !['in_progress', 'queued', 'pending'].includes(latest.state)) {
      core.info(`GitHub deployment ${id} is already ${latest.state}`);
      return;
    }
    await setDeploymentStatus(client, repo, {
      deploymentId,
      state: 'error',
      description: handedOver
        ? 'the job ended before the release gate set a verdict (cancelled or failed)'
        : 'the job ended before the deploy finished (cancelled or failed)',
      logUrl: runInfoFromEnv().url ?? undefined,
    });
    core.warning(`GitHub deployment ${id} was left ${latest?.state ?? 'without a status'}; marked error`);
  } catch (error) {
    core.warning(`could not mark GitHub deployment ${id} as error: ${errorMessage(error)}`);
  }
}
