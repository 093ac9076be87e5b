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

test('deployment helpers round-trip through a server that validates against GitHub OpenAPI', async () => {
  const client = await githubClient({ token: api.token, baseUrl: api.url });
  const d = await createDeployment(client, repo, { ref: 'b'.repeat(40), environment: 'staging' });
  expect(d.sha).toBe('b'.repeat(40));
  await setDeploymentStatus(client, repo, {
    deploymentId: d.id,
    state: 'in_progress',
    logUrl: 'https://github.com/acme/shop/actions/runs/77',
  });
  const listed = await listDeployments(client, repo, { environment: 'staging' });
  expect(listed.map((x) => x.id)).toEqual([d.id]);
  expect(
    (await findRunDeployment(client, repo, { environment: 'staging', sha: 'b'.repeat(40), runId: '77' }))?.id,
  ).toBe(d.id);
  expect(
    await findRunDeployment(client, repo, { environment: 'staging', sha: 'b'.repeat(40), runId: '78' }),
  ).toBeUndefined();
  expect(api.invalidRequests).toEqual([]);
  expect(api.invalidResponses).toEqual([]);
});

test('known-good: a deployment GitHub later marked inactive still counts; the current sha and failures do not', async () => {
  const client = await githubClient({ token: api.token, baseUrl: api.url });
  api.seed({ sha: '1'.repeat(40), environment: 'prod', states: ['success'] });
  api.seed({ sha: '2'.repeat(40), environment: 'prod', states: ['success'] }); // makes the first inactive
  api.seed({ sha: '3'.repeat(40), environment: 'prod', states: ['failure'] });
  api.seed({ sha: '4'.repeat(40), environment: 'prod', states: ['success'] }); // makes the second inactive
  const good = await resolveKnownGood(client, repo, { environment: 'prod', currentSha: '4'.repeat(40) });
  expect(good?.sha).toBe('2'.repeat(40));
  const none = await resolveKnownGood(client, repo, { environment: 'nothing', currentSha: null });
  expect(none).toBeUndefined();
  expect(api.invalidRequests).toEqual([]);
});

test('an earlier attempt of the run left a finished deployment: it is not adopted', async () => {
  const client = await githubClient({ token: api.token, baseUrl: api.url });
  const logUrl = 'https://github.com/acme/shop/actions/runs/88/attempts/1';
  api.seed({ sha: '9'.repeat(40), environment: 'uat', states: ['in_progress', 'failure'], logUrl });
  expect(
    await findRunDeployment(client, repo, { environment: 'uat', sha: '9'.repeat(40), runId: '88' }),
  ).toBeUndefined();
  const open = api.seed({ sha: '9'.repeat(40), environment: 'uat', states: ['queued'], logUrl });
  expect(
    (await findRunDeployment(client, repo, { environment: 'uat', sha: '9'.repeat(40), runId: '88' }))?.id,
  ).toBe(open);
});

test('a bad token is a clear error naming the permission', async () => {
  const client = await githubClient({ token: 'wrong', baseUrl: api.url });
  await expect(listDeployments(client, repo, { environment: 'x' })).rejects.toThrow(/HTTP 401/);
});
