import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { runBundle } from '../harness/action.js';
import { leakedSecrets, visibleOutput } from '../harness/secrets.js';
import { type GithubApiServer, startGithubApi } from '../servers/github-api-loader.js';
import { promotedReport, rolledBackReport, writeReport } from './fixtures.js';

let api: GithubApiServer;
beforeAll(async () => {
  api = await startGithubApi();
});
afterAll(async () => {
  await api.close();
});

const RUN_URL = 'https://github.com/acme/shop/actions/runs/1001/attempts/1';

async function report(fixture: ReturnType<typeof promotedReport>, inputs: Record<string, string>) {
  const workspace = await mkdtemp(join(tmpdir(), 'ra-report-deployment-'));
  await writeReport(workspace, fixture);
  return runBundle('report', { workspace, inputs, env: { GITHUB_API_URL: api.url } });
}

test('deployment-id: a promoted gate sets the deployment success, a blocked one failure with the first reason; the token never shows', async () => {
  const promotedId = api.seed({ sha: 'b'.repeat(40), environment: 'staging', states: ['in_progress'] });
  const promoted = await report(promotedReport(), {
    'deployment-id': String(promotedId),
    'github-token': api.token,
  });
  expect(promoted.code).toBe(0);
  expect(promoted.outputs.verdict).toBe('promote');
  const promotedDeployment = api.deployments.find((d) => d.id === promotedId)!;
  expect(promotedDeployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
  expect(promotedDeployment.statuses[1]).toMatchObject({
    description: 'release gate promoted',
    log_url: RUN_URL,
  });
  expect(promoted.summary).toContain(`GitHub deployment ${promotedId}: success (release gate promoted)`);
  expect(promoted.stdout).toContain(`::add-mask::${api.token}`);

  const blockedId = api.seed({ sha: 'b'.repeat(40), environment: 'production', states: ['in_progress'] });
  const blocked = await report(rolledBackReport(), {
    'deployment-id': String(blockedId),
    'github-token': api.token,
  });
  expect(blocked.code).toBe(0);
  expect(blocked.outputs.verdict).toBe('blocked');
  const blockedDeployment = api.deployments.find((d) => d.id === blockedId)!;
  expect(blockedDeployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
  expect(blockedDeployment.statuses[1]!.description).toBe(
    'release gate blocked: smoke failed: 1 of 2 probes failed (checkout)',
  );
  expect(blockedDeployment.statuses[1]!.description.length).toBeLessThanOrEqual(140);
  expect(api.invalidRequests).toEqual([]);
  expect(api.invalidResponses).toEqual([]);
  for (const run of [promoted, blocked]) {
    expect(leakedSecrets(await visibleOutput(run), { token: api.token })).toEqual([]);
  }
});

test('a failed API call is a warning and a summary line; the verdict, bundle and report still land', async () => {
  const missing = await report(promotedReport(), { 'deployment-id': '424242', 'github-token': api.token });
  expect(missing.code).toBe(0);
  expect(missing.outputs.verdict).toBe('promote');
  expect(missing.outputs['bundle-path']).toBe(join(missing.workspace, 'release-gate'));
  expect(missing.stdout).toMatch(
    /::warning::GitHub deployment 424242: could not set success: GitHub API: set deployment 424242 status success failed \(HTTP 404\)/,
  );
  expect(missing.summary).toContain('⚠️ GitHub deployment 424242: could not set success');
  expect(missing.summary).toContain('Release gate: promote');

  const refused = await report(rolledBackReport(), {
    'deployment-id': '1',
    'github-token': 'ghs_wrongtoken456',
    'fail-on-blocked': 'true',
  });
  expect(refused.code).toBe(1);
  expect(refused.outputs.verdict).toBe('blocked');
  expect(refused.stdout).toMatch(/::warning::GitHub deployment 1: could not set failure: .*HTTP 401/);
  expect(refused.summary).toContain('Release gate: blocked');
  expect(await visibleOutput(refused)).not.toContain('ghs_wrongtoken456');

  const noToken = await report(promotedReport(), { 'deployment-id': '7' });
  expect(noToken.code).toBe(0);
  expect(noToken.stdout).toMatch(
    /::warning::GitHub deployment 7: could not set success: input 'github-token' is empty/,
  );

  const invalid = await report(promotedReport(), { 'deployment-id': 'latest' });
  expect(invalid.code).toBe(1);
  expect(invalid.stdout).toMatch(
    /Input 'deployment-id' 'latest' is invalid: must be a numeric GitHub deployment id/,
  );
});
