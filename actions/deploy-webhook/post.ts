import * as core from '@actions/core';
import { errorMessage } from '@release-actions/core';
import { listDeploymentStatuses, parseRepo, setDeploymentStatus } from '@release-actions/github/deployments';
import { actionsLogger } from '@release-actions/github/logger';
import { githubClient } from '@release-actions/github/octokit';

/**
 * The `post:` step of deploy-webhook: when main created or adopted a GitHub deployment and did not get to
 * set its final status (the job was cancelled or the runner lost the step), a deployment still
 * `in_progress` (or queued/pending) is marked `error`. Never fails the job.
 */
export async function post(): Promise<void> {
  const id = core.getState('deployment-id');
  const finished = core.getState('deployment-finished') === 'true';
  // finish-deployment: false hands the deployment to a later step (report); if that step did not get to
  // set success or failure (the job failed or was cancelled before it), the deployment is still open here.
  const handedOver = core.getState('deployment-handed-over') === 'true';
  if (!id || finished) {
    core.info(id ? `GitHub deployment ${id} has its final status` : 'no GitHub deployment to finish');
    return;
  }
  const token = core.getInput('github-token');
  if (token) core.setSecret(token);
  if (!token) {
    core.warning(`GitHub deployment ${id} may be left in progress: no github-token to update it`);
    return;
  }
  try {
    const client = githubClient({ token, logger: actionsLogger, retries: 1 });
    const repo = parseRepo(process.env.GITHUB_REPOSITORY);
    const deploymentId = Number(id);
    const [latest] = await listDeploymentStatuses(client, repo, deploymentId, 1);
    if (latest && !['in_progress', 'queued', 'pending'].includes(latest.state)) {
      core.info(`GitHub deployment ${id} is already ${latest.state}`);
      return;
    }
    const runUrl =
      process.env.GITHUB_REPOSITORY && process.env.GITHUB_RUN_ID
        ? `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}`
        : undefined;
    await setDeploymentStatus(client, repo, {
      deploymentId,
      state: 'error',
      description: handedOver
        ? 'the job ended before the release gate set a verdict (cancelled or failed)'
        : 'the job ended before the deploy finished (cancelled or failed)',
      logUrl: runUrl,
    });
    core.warning(`GitHub deployment ${id} was left ${latest?.state ?? 'without a status'}; marked error`);
  } catch (error) {
    core.warning(`could not mark GitHub deployment ${id} as error: ${errorMessage(error)}`);
  }
}
