import { afterAll, beforeAll, expect, test } from '@jest/globals';
import {
  createDeployment,
  findRunDeployment,
  listDeployments,
  resolveKnownGood,
  setDeploymentStatus,
} from '../../packages/github/src/deployments.js';
import { githubClient } from '../../packages/github/src/octokit.js';
import { type GithubApiServer, startGithubApi } from '../servers/github-api-loader.js';

let api: GithubApiServer;
beforeAll(async () => {
  api = await startGithubApi();
});
afterAll(() => api.close());

const repo = { owner: 'acme', repo: 'shop' };

test('deployments helpers round-trip through a server that validates against GitHub OpenAPI', async () => {
  const client = githubClient({ token: api.token, baseUrl: api.url });
  const d = await createDeployment(client, repo, { ref: 'b'.repeat(40), environment: 'staging' });
  expect(d.sha).toBe('b'.repeat(40));
  await setDeploymentStatus(client, repo, {
    deploymentId: d.id,
    state: 'in_progress',
    logUrl: 'https://github.com/acme/shop/actions/runs/77',
  });
  const listed = await listDeployments(client, repo, { environment: 'staging' });
  expect(listed.map((x) => x.id)).toEqual([d.id]);
  const found = await findRunDeployment(client, repo, {
    environment: 'staging',
    sha: 'b'.repeat(40),
    runId: '77',
  });
  expect(found?.id).toBe(d.id);
  expect(
    await findRunDeployment(client, repo, { environment: 'staging', sha: 'b'.repeat(40), runId: '78' }),
  ).toBeUndefined();
  expect(api.invalidRequests).toEqual([]);
  expect(api.invalidResponses).toEqual([]);
});
