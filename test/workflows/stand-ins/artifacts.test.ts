// The upload-artifact / download-artifact stand-ins run as processes, as the local runner runs them, against
// the artifact server (twirp + blob) and the local GitHub REST API (findBy downloads, per-job tokens).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ArtifactServer,
  type JobEnvOptions,
  startArtifactServer,
} from '../../servers/artifact-server.js';
import { type GithubApiServer, startGithubApi } from '../../servers/github-api-loader.js';

const here = new URL('.', import.meta.url).pathname;
const REPO = 'octo-org/shop';
const job = (runId: number, jobName: string): JobEnvOptions => ({
  runId,
  jobName,
  repository: REPO,
  headBranch: runId === 1 ? 'main' : 'release/1.4',
  headSha: String(runId).repeat(40).slice(0, 40),
  workflowPath: '.github/workflows/release.yml',
  event: 'push',
});

interface StepResult {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
}

/** Runs a stand-in as the runner does: INPUT_<NAME> variables, GITHUB_OUTPUT file, workspace as cwd. */
async function runStep(
  script: string,
  workspace: string,
  env: Record<string, string | undefined>,
  inputs: Record<string, string>,
): Promise<StepResult> {
  const outputFile = join(workspace, `.output-${Math.random().toString(36).slice(2)}`);
  await writeFile(outputFile, '');
  const childEnv: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME };
  Object.assign(childEnv, env, {
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: tmpdir(),
  });
  for (const [name, value] of Object.entries(inputs)) childEnv[`INPUT_${name.toUpperCase()}`] = value;
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      [join(here, script)],
      { cwd: workspace, env: childEnv as NodeJS.ProcessEnv, timeout: 50_000 },
      (error, out) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: String(out) }),
    );
  });
  const outputs: Record<string, string> = {};
  const text = await readFile(outputFile, 'utf8');
  for (const m of text.matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]!] = m[3]!;
  return { code, stdout, outputs };
}

let artifacts: ArtifactServer;
let api: GithubApiServer;
let root: string;

beforeAll(async () => {
  artifacts = await startArtifactServer();
  api = await startGithubApi({ artifacts });
  root = await mkdtemp(join(tmpdir(), 'stand-ins-'));
});
afterAll(async () => {
  await api.close();
  await artifacts.close();
  await rm(root, { recursive: true, force: true });
});

async function workspace(name: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

test('upload in run 1, download in run 2 with run-id + an actions:read token, bytes round-trip', async () => {
  const uploader = await workspace('upload');
  await mkdir(join(uploader, 'release-gate/logs'), { recursive: true });
  const report = Buffer.from(JSON.stringify({ verdict: 'promote', padding: 'x'.repeat(50_000) }));
  const binary = Buffer.from([...Array(4096).keys()].map((i) => (i * 7919) % 256));
  await writeFile(join(uploader, 'release-gate/report.json'), report);
  await writeFile(join(uploader, 'release-gate/logs/smoke.log'), binary);
  await writeFile(join(uploader, 'release-gate/.hidden'), 'secret');

  const up = await runStep('upload-artifact.mjs', uploader, artifacts.jobEnv(job(1, 'gate')), {
    name: 'staging-release-gate-report',
    path: 'release-gate',
    'if-no-files-found': 'error',
    'retention-days': '5',
  });
  expect(up.stdout).not.toContain('::error');
  expect(up.code).toBe(0);
  expect(up.outputs['artifact-url']).toBe(
    `https://github.com/${REPO}/actions/runs/1/artifacts/${up.outputs['artifact-id']}`,
  );
  const stored = artifacts.uploads.find((u) => String(u.artifactId) === up.outputs['artifact-id'])!;
  expect(stored.run).toMatchObject({ runId: 1, jobName: 'gate', repository: REPO, headBranch: 'main' });
  expect(up.outputs['artifact-digest']).toBe(stored.sha256);
  expect([...stored.files.keys()].sort()).toEqual(['logs/smoke.log', 'report.json']);
  const days = (Date.parse(stored.expiresAt) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(4.9);
  expect(days).toBeLessThan(5.1);

  const token = api.issueToken({ actions: 'read' }, 'run-2-job');
  const downloader = await workspace('download');
  const down = await runStep(
    'download-artifact.mjs',
    downloader,
    { ...artifacts.jobEnv(job(2, 'promote')), GITHUB_API_URL: api.url },
    { name: 'staging-release-gate-report', path: 'from-run-1', 'run-id': '1', 'github-token': token },
  );
  expect(down.stdout).not.toContain('::error');
  expect(down.code).toBe(0);
  expect(down.outputs['download-path']).toBe(join(downloader, 'from-run-1'));
  expect(await readFile(join(downloader, 'from-run-1/report.json'))).toEqual(report);
  expect(await readFile(join(downloader, 'from-run-1/logs/smoke.log'))).toEqual(binary);
  expect(down.stdout).not.toContain('digest validation failed');
  const operations = api.requests.filter((r) => r.tokenLabel === 'run-2-job').map((r) => r.operationId);
  expect(operations).toEqual(['actions/list-workflow-run-artifacts', 'actions/download-artifact']);
  expect(api.invalidRequests).toEqual([]);
  expect(api.invalidResponses).toEqual([]);
});

test('same-run download without run-id goes through the results service; a missing name fails clearly', async () => {
  const uploader = await workspace('same-run-up');
  await writeFile(join(uploader, 'notes.txt'), 'same run\n');
  const up = await runStep('upload-artifact.mjs', uploader, artifacts.jobEnv(job(3, 'build')), {
    name: 'notes',
    path: 'notes.txt',
  });
  expect(up.code).toBe(0);
  const before = api.requests.length;
  const downloader = await workspace('same-run-down');
  const env = artifacts.jobEnv(job(3, 'deploy'));
  const down = await runStep('download-artifact.mjs', downloader, env, { name: 'notes' });
  expect(down.code).toBe(0);
  expect(await readFile(join(downloader, 'notes.txt'), 'utf8')).toBe('same run\n');
  expect(down.outputs['download-path']).toBe(downloader);
  expect(api.requests.length).toBe(before); // no REST calls without a token

  // Run 3 does not see run 1's artifact without a token, and says so as the real action does.
  const missing = await runStep('download-artifact.mjs', downloader, env, {
    name: 'staging-release-gate-report',
  });
  expect(missing.code).toBe(1);
  expect(missing.stdout).toContain(
    '::error::Unable to download artifact(s): Artifact not found for name: staging-release-gate-report',
  );

  // Uploading the same name again in the run is refused; overwrite: true replaces it.
  const again = await runStep('upload-artifact.mjs', uploader, artifacts.jobEnv(job(3, 'build')), {
    name: 'notes',
    path: 'notes.txt',
  });
  expect(again.code).toBe(1);
  const replaced = await runStep('upload-artifact.mjs', uploader, artifacts.jobEnv(job(3, 'build')), {
    name: 'notes',
    path: 'notes.txt',
    overwrite: 'true',
  });
  expect(replaced.code).toBe(0);
  expect(artifacts.uploads.filter((u) => u.name === 'notes' && u.deleted)).toHaveLength(1);
});

test('a token without actions:read is answered 403 and the step fails with a clear message', async () => {
  const token = api.issueToken({ deployments: 'write' }, 'no-actions');
  const downloader = await workspace('forbidden');
  const down = await runStep(
    'download-artifact.mjs',
    downloader,
    { ...artifacts.jobEnv(job(2, 'promote')), GITHUB_API_URL: api.url },
    { name: 'staging-release-gate-report', 'run-id': '1', 'github-token': token },
  );
  expect(down.code).toBe(1);
  expect(down.stdout).toContain(
    '::error::Unable to download artifact(s): Resource not accessible by integration',
  );
  // @actions/artifact's octokit sets request.retries, so it repeats even a 403 (5 retries, as against GitHub).
  expect(api.forbiddenRequests.length).toBeGreaterThan(0);
  expect(new Set(api.forbiddenRequests.map((f) => JSON.stringify(f))).size).toBe(1);
  expect(api.forbiddenRequests).toContainEqual({
    method: 'GET',
    path: `/repos/${REPO}/actions/runs/1/artifacts`,
    operationId: 'actions/list-workflow-run-artifacts',
    tokenLabel: 'no-actions',
    required: 'actions: read',
  });
  // The same token may do what it was given: deployments.
  const response = await fetch(`${api.url}/repos/${REPO}/deployments`, {
    headers: { authorization: `token ${token}` },
  });
  expect(response.status).toBe(200);
});

test('the REST artifact list filters by name, newest first, with workflow_run and expiry', async () => {
  const uploader = await workspace('rest');
  await writeFile(join(uploader, 'a.txt'), 'a');
  for (const runId of [4, 5]) {
    const up = await runStep('upload-artifact.mjs', uploader, artifacts.jobEnv(job(runId, 'gate')), {
      name: 'release-log',
      path: 'a.txt',
    });
    expect(up.code).toBe(0);
  }
  const token = api.issueToken({ actions: 'read' }, 'rest');
  const get = async (path: string) => {
    const response = await fetch(`${api.url}${path}`, { headers: { authorization: `token ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const list = await get(`/repos/${REPO}/actions/artifacts?name=release-log`);
  expect(list.status).toBe(200);
  const listed = list.body.artifacts as Record<string, unknown>[];
  expect(list.body.total_count).toBe(2);
  expect(listed.map((a) => (a.workflow_run as Record<string, unknown>).id)).toEqual([5, 4]);
  expect(listed[0]).toMatchObject({
    name: 'release-log',
    expired: false,
    size_in_bytes: expect.any(Number),
    digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    workflow_run: { head_branch: 'release/1.4', head_sha: '5'.repeat(40) },
  });
  const days =
    (Date.parse(String(listed[0]!.expires_at)) - Date.parse(String(listed[0]!.created_at))) / 86_400_000;
  expect(Math.round(days)).toBe(90);

  const all = await get(`/repos/${REPO}/actions/artifacts`);
  expect((all.body.artifacts as unknown[]).length).toBeGreaterThan(2);
  expect((await get('/repos/other/repo/actions/artifacts')).body.total_count).toBe(0);

  const id = Number(listed[1]!.id);
  artifacts.expire(id);
  const one = await get(`/repos/${REPO}/actions/artifacts/${id}`);
  expect(one.status).toBe(200);
  expect(one.body).toMatchObject({ id, expired: true, workflow_run: { id: 4, head_branch: 'release/1.4' } });
  const gone = await fetch(`${api.url}/repos/${REPO}/actions/artifacts/${id}/zip`, {
    headers: { authorization: `token ${token}` },
    redirect: 'manual',
  });
  expect(gone.status).toBe(410);
  expect(api.invalidRequests).toEqual([]);
  expect(api.invalidResponses).toEqual([]);
});

test('GitHub-created environment deployments share the store and auto_inactive', async () => {
  const first = api.createEnvironmentDeployment({
    sha: 'a'.repeat(40),
    ref: 'main',
    environment: 'staging',
    logUrl: 'https://github.com/octo-org/shop/actions/runs/1/job/11',
    creator: 'octocat',
  });
  api.addDeploymentStatus(first, 'in_progress');
  api.addDeploymentStatus(first, 'success');
  const second = api.createEnvironmentDeployment({
    sha: 'b'.repeat(40),
    ref: 'main',
    environment: 'staging',
    logUrl: 'https://github.com/octo-org/shop/actions/runs/2/job/22',
  });
  api.addDeploymentStatus(second, 'success', { description: 'deployed' });
  const stored = api.deployments.find((d) => d.id === first)!;
  expect(stored.statuses.map((s) => s.state)).toEqual(['in_progress', 'success', 'inactive']);
  expect(stored.statuses[0]!.log_url).toBe('https://github.com/octo-org/shop/actions/runs/1/job/11');
  const token = api.issueToken({ deployments: 'read' }, 'reader');
  const response = await fetch(`${api.url}/repos/${REPO}/deployments?environment=staging`, {
    headers: { authorization: `token ${token}` },
  });
  const listed = (await response.json()) as { id: number; creator: { login: string } }[];
  expect(listed.map((d) => d.id)).toEqual([second, first]);
  expect(listed[1]!.creator.login).toBe('octocat');
  const denied = await fetch(`${api.url}/repos/${REPO}/deployments`, {
    method: 'POST',
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ref: 'main', environment: 'staging' }),
  });
  expect(denied.status).toBe(403);
  expect(api.invalidRequests).toEqual([]);
  expect(api.invalidResponses).toEqual([]);
});
