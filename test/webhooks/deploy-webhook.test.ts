import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { type RunningReceiver, startReceiver } from '../../packages/core/src/receiver/server.js';
import { idempotencyKey } from '../../packages/core/src/webhooks/idempotency.js';
import { parseOutputFile, runBundle } from '../harness/action.js';
import { leakedSecrets } from '../harness/secrets.js';
import { type GithubApiServer, startGithubApi } from '../servers/github-api-loader.js';
import { BEARER, report, SECRET, SHA, visible } from './helpers.js';
import { type ScriptedServer, startScriptedServer } from './scripted-server.js';

let receiver: RunningReceiver;
let scripted: ScriptedServer | undefined;
let api: GithubApiServer;
let eventLog: string;

beforeAll(async () => {
  eventLog = join(await mkdtemp(join(tmpdir(), 'deploy-webhook-')), 'events.jsonl');
  receiver = await startReceiver({
    secret: SECRET,
    eventLog,
    completion: { afterMs: 400, outcome: (e) => (e.data.version === 'broken' ? 'failed' : 'succeeded') },
  });
  api = await startGithubApi();
});
afterAll(async () => {
  await receiver.close();
  await api.close();
});
afterEach(async () => {
  await scripted?.close();
  scripted = undefined;
});

const base = { environment: 'staging', service: 'shop', sha: SHA, version: '1.4.2' };

function deploy(inputs: Record<string, string>, env: Record<string, string> = {}, timeoutMs = 30_000) {
  return runBundle('deploy-webhook', { inputs: { ...base, ...inputs }, env, timeoutMs });
}

describe('deploy-webhook, end to end', () => {
  test('a signed deploy: the receiver verifies it, outputs, report and summary tell the story, nothing secret anywhere', async () => {
    const run = await deploy({
      'webhook-url': `${receiver.url}/deploy`,
      'signing-secret': SECRET,
      'bearer-token': BEARER,
    });
    expect(run.code).toBe(0);
    const expectedKey = idempotencyKey({
      repository: 'acme/shop',
      runId: '1001',
      runAttempt: 1,
      environment: 'staging',
      service: 'shop',
      type: 'deploy.requested',
      sha: SHA,
    });
    expect(run.outputs['deploy-state']).toBe('accepted');
    expect(run.outputs['delivery-id']).toBe(expectedKey);
    expect(Number(run.outputs['duration-ms'])).toBeGreaterThan(0);
    const received = receiver.events.find((e) => e.webhookId === expectedKey);
    expect(received?.data).toMatchObject({
      environment: 'staging',
      service: 'shop',
      sha: SHA,
      version: '1.4.2',
      wait: false,
      drill: false,
    });
    expect(received?.data.runUrl).toBe('https://github.com/acme/shop/actions/runs/1001/attempts/1');
    const logged = (await readFile(eventLog, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(logged.some((l) => l.webhookId === expectedKey && l.type === 'deploy.requested')).toBe(true);
    const section = (await report(run)).deploy!;
    expect(section.state).toBe('accepted');
    expect(section.delivery).toMatchObject({
      signed: true,
      attempts: 1,
      statusCodes: [202],
      deliveryId: expectedKey,
    });
    expect(run.summary).toContain('Deploy webhook: accepted');
    const leaked = leakedSecrets(await visible(run), {
      SECRET,
      BEARER,
      url: `${receiver.url}/deploy`,
    });
    expect(leaked).toEqual([]);
    expect(run.stdout).toContain(`::add-mask::${SECRET}`);
  });

  test('the reference standardwebhooks library verifies the signature the action sends', async () => {
    scripted = await startScriptedServer([{ status: 202 }]);
    const run = await deploy({ 'webhook-url': `${scripted.url}/hook`, 'signing-secret': SECRET });
    expect(run.code).toBe(0);
    const request = scripted.requests[0]!;
    const payload = new Webhook(SECRET).verify(request.body, request.headers as Record<string, string>) as {
      type: string;
      data: Record<string, unknown>;
    };
    expect(payload.type).toBe('deploy.requested');
    expect(Object.keys(payload).sort()).toEqual(['data', 'timestamp', 'type']);
    expect(request.headers['user-agent']).toMatch(/^release-actions\/\d/);
    expect(request.headers['idempotency-key']).toBe(request.headers['webhook-id']);
    // A raw (non-whsec_) secret is accepted too.
    scripted.requests.length = 0;
    const raw = 'plain-text-signing-secret';
    const rawRun = await deploy({ 'webhook-url': `${scripted.url}/hook`, 'signing-secret': raw });
    expect(rawRun.code).toBe(0);
    const rawRequest = scripted.requests[0]!;
    expect(() =>
      new Webhook(raw, { format: 'raw' }).verify(
        rawRequest.body,
        rawRequest.headers as Record<string, string>,
      ),
    ).not.toThrow();
  });

  test('503 twice then 202: retried with the same Idempotency-Key; a new run attempt sends a new key', async () => {
    scripted = await startScriptedServer([{ status: 503 }, { status: 503 }, { status: 202 }]);
    const run = await deploy({ 'webhook-url': `${scripted.url}/hook`, 'signing-secret': SECRET });
    expect(run.code).toBe(0);
    expect(run.outputs['deploy-state']).toBe('accepted');
    expect(scripted.requests).toHaveLength(3);
    const keys = new Set(scripted.requests.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect((await report(run)).deploy!.delivery!.statusCodes).toEqual([503, 503, 202]);

    const rerun = await deploy({ 'webhook-url': `${scripted.url}/hook` }, { GITHUB_RUN_ATTEMPT: '2' });
    expect(rerun.outputs['delivery-id']).not.toBe(run.outputs['delivery-id']);
    expect(scripted.requests[3]!.headers['idempotency-key']).toBe(rerun.outputs['delivery-id']);
    // The input overrides the derived key.
    const pinned = await deploy({
      'webhook-url': `${scripted.url}/hook`,
      'idempotency-key': 'shop-staging-42',
    });
    expect(pinned.outputs['delivery-id']).toBe('shop-staging-42');
    expect(scripted.requests.at(-1)!.headers['webhook-id']).toBe('shop-staging-42');
  });

  test('the same key across retries means the receiver applies the deploy once', async () => {
    const before = receiver.events.length;
    const inputs = { 'webhook-url': `${receiver.url}/deploy`, 'signing-secret': SECRET, sha: 'c'.repeat(40) };
    const first = await deploy(inputs);
    const second = await deploy(inputs);
    expect(first.outputs['delivery-id']).toBe(second.outputs['delivery-id']);
    expect((await report(first)).deploy!.delivery!.statusCodes).toEqual([202]);
    expect((await report(second)).deploy!.delivery!.statusCodes).toEqual([200]);
    expect(receiver.events.length).toBe(before + 1);
  });

  test('429 with Retry-After is honoured', async () => {
    scripted = await startScriptedServer([{ status: 429, headers: { 'retry-after': '1' } }, { status: 202 }]);
    const run = await deploy({ 'webhook-url': `${scripted.url}/hook` });
    expect(run.code).toBe(0);
    expect(scripted.requests).toHaveLength(2);
    expect(scripted.requests[1]!.at - scripted.requests[0]!.at).toBeGreaterThanOrEqual(950);
    expect(run.stdout).toMatch(/attempt 1 failed \(HTTP 429 \(Retry-After 1s\)/);
  });

  test('a hanging webhook hits its timeout and the step fails with a clear message', async () => {
    scripted = await startScriptedServer([{ hang: true }]);
    const run = await deploy({ 'webhook-url': `${scripted.url}/hook`, timeout: '300ms', deadline: '1s' });
    expect(run.code).toBe(1);
    expect(run.outputs['deploy-state']).toBe('failed');
    expect(run.stdout).toMatch(
      /::error::deploy-webhook: deploy webhook failed: .*no complete answer within \d+ms.*timeout 300ms per attempt, deadline 1s/,
    );
    expect(run.durationMs).toBeLessThan(10_000);
    expect((await report(run)).deploy!.state).toBe('failed');
    expect(run.summary).toContain('Deploy webhook: failed');
  });

  test('a 400 is not retried; its body is reported', async () => {
    scripted = await startScriptedServer([{ status: 400, body: { error: 'unknown service shop' } }]);
    const run = await deploy({ 'webhook-url': `${scripted.url}/hook` });
    expect(run.code).toBe(1);
    expect(scripted.requests).toHaveLength(1);
    expect(run.stdout).toMatch(/HTTP 400 \(not retried.*unknown service shop/);
  });

  test('wait: polls the status URL to succeeded, or fails the step when the deploy failed', async () => {
    const ok = await deploy({
      'webhook-url': `${receiver.url}/deploy`,
      'signing-secret': SECRET,
      wait: 'true',
      'poll-interval': '100ms',
      version: '2.0.0',
      sha: 'd'.repeat(40),
    });
    expect(ok.code).toBe(0);
    expect(ok.outputs['deploy-state']).toBe('succeeded');
    const bad = await deploy({
      'webhook-url': `${receiver.url}/deploy`,
      'signing-secret': SECRET,
      wait: 'true',
      'poll-interval': '100ms',
      version: 'broken',
      sha: 'e'.repeat(40),
    });
    expect(bad.code).toBe(1);
    expect(bad.outputs['deploy-state']).toBe('failed');
  });

  test('dry-run prints the exact request with secrets masked and sends nothing', async () => {
    scripted = await startScriptedServer([{ status: 202 }]);
    const run = await deploy({
      'webhook-url': `${scripted.url}/hook`,
      'signing-secret': SECRET,
      'bearer-token': BEARER,
      'dry-run': 'true',
    });
    expect(run.code).toBe(0);
    expect(scripted.requests).toHaveLength(0);
    expect(run.stdout).toContain('authorization: Bearer ***');
    expect(run.stdout).toMatch(/webhook-signature: v1,/);
    expect(run.summary).toContain('dry-run, nothing sent');
    expect(leakedSecrets(await visible(run), { SECRET, BEARER, url: `${scripted.url}/hook` })).toEqual([]);
  });

  test('invalid inputs name the input and a valid example, never a secret value', async () => {
    const run = await deploy({
      'webhook-url': 'ftp://hooks.example.com/tok_ABCDEF',
      timeout: 'soon',
      'signing-secret': 'whsec_***',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /Input 'webhook-url' is invalid: must be an http:\/\/ or https:\/\/ URL\. Example: webhook-url:/,
    );
    expect(run.stdout).toMatch(/Input 'timeout' 'soon' is invalid: .*Example: timeout: 10s/);
    expect(run.stdout).toMatch(/Input 'signing-secret' is invalid: .*not base64/);
    expect(await visible(run)).not.toContain('tok_ABCDEF');
  });
});

describe('deploy-webhook with GitHub deployments (local API validated against GitHub OpenAPI)', () => {
  const githubEnv = () => ({ GITHUB_API_URL: api.url });

  test('creates a deployment, in_progress then success; a rate limit on the way is retried', async () => {
    api.failNext(
      {
        status: 403,
        headers: { 'retry-after': '1' },
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        },
      },
      1,
    );
    const run = await deploy(
      {
        'webhook-url': `${receiver.url}/deploy`,
        'signing-secret': SECRET,
        'github-deployment': 'true',
        'github-token': api.token,
        environment: 'qa',
      },
      githubEnv(),
    );
    expect(run.code).toBe(0);
    const id = Number(run.outputs['deployment-id']);
    const deployment = api.deployments.find((d) => d.id === id)!;
    expect(deployment).toMatchObject({ environment: 'qa', sha: SHA });
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(deployment.statuses[0]!.log_url).toBe('https://github.com/acme/shop/actions/runs/1001/attempts/1');
    expect((await report(run)).deploy!.deploymentId).toBe(id);
    expect(run.stdout).toMatch(/secondary rate limit.*retrying after 1s/);
    expect(api.invalidRequests).toEqual([]);
    expect(api.invalidResponses).toEqual([]);
    expect(leakedSecrets(await visible(run), { token: api.token, SECRET })).toEqual([]);
  });

  test('a job with environment: attaches to the deployment GitHub created for this run, never a duplicate', async () => {
    const existing = api.seed({
      sha: SHA,
      environment: 'preview',
      states: ['queued'],
      logUrl: 'https://github.com/acme/shop/actions/runs/1001/job/5',
    });
    const before = api.deployments.length;
    const run = await deploy(
      {
        'webhook-url': `${receiver.url}/deploy`,
        'signing-secret': SECRET,
        'github-deployment': 'true',
        'github-token': api.token,
        environment: 'preview',
      },
      githubEnv(),
    );
    expect(run.code).toBe(0);
    expect(api.deployments.length).toBe(before);
    expect(run.outputs['deployment-id']).toBe(String(existing));
    expect(api.deployments.find((d) => d.id === existing)!.statuses.map((s) => s.state)).toEqual([
      'queued',
      'in_progress',
      'success',
    ]);
    expect(run.stdout).toContain("created by GitHub for this job's environment");
    expect(api.invalidRequests).toEqual([]);
  });

  test('a failed deploy marks the deployment failure; a 429 from the API is retried', async () => {
    scripted = await startScriptedServer([{ status: 422, body: 'no such version' }]);
    api.failNext({
      status: 429,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
      body: { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest' },
      method: 'POST',
    });
    const createsBefore = api.requests.filter(
      (r) => r.method === 'POST' && r.path === '/repos/acme/shop/deployments',
    ).length;
    const run = await deploy(
      {
        'webhook-url': `${scripted.url}/hook`,
        'github-deployment': 'true',
        'github-token': api.token,
        environment: 'qa2',
      },
      githubEnv(),
    );
    expect(run.code).toBe(1);
    const deployment = api.deployments.find((d) => d.id === Number(run.outputs['deployment-id']))!;
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    // The 429 answer to the first create was retried: two POSTs, one deployment.
    const creates = api.requests.filter(
      (r) => r.method === 'POST' && r.path === '/repos/acme/shop/deployments',
    );
    expect(creates.length - createsBefore).toBe(2);
    expect(api.deployments.filter((d) => d.environment === 'qa2')).toHaveLength(1);
  });

  test('a token GitHub refuses: the step fails plainly (a fix, not a stack) and nothing is sent', async () => {
    scripted = await startScriptedServer([{ status: 202 }]);
    const run = await deploy(
      {
        'webhook-url': `${scripted.url}/hook`,
        'github-deployment': 'true',
        'github-token': 'ghs_wrongtoken123',
      },
      githubEnv(),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::deploy-webhook: GitHub API: list deployments of staging failed \(HTTP 401\)/,
    );
    expect(run.stdout).not.toContain('unexpected error');
    expect(scripted.requests).toHaveLength(0);
    expect(await visible(run)).not.toContain('ghs_wrongtoken123');
  });

  test('finish-deployment: false leaves a successful deploy in_progress; post leaves a deployment a later step finished alone and marks one still open error', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'deploy-handover-'));
    const inputs = {
      'webhook-url': `${receiver.url}/deploy`,
      'signing-secret': SECRET,
      'github-deployment': 'true',
      'finish-deployment': 'false',
      'github-token': api.token,
    };
    const deployOnce = async (environment: string) => {
      const stateFile = join(stateDir, `state-${environment}`);
      await writeFile(stateFile, '');
      const run = await deploy({ ...inputs, environment }, { ...githubEnv(), GITHUB_STATE: stateFile });
      return { run, state: parseOutputFile(await readFile(stateFile, 'utf8')) };
    };
    const postWith = (state: Record<string, string>) =>
      runBundle('deploy-webhook', {
        entry: 'post.js',
        inputs: { ...base, ...inputs },
        env: {
          ...githubEnv(),
          ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])),
        },
      });

    // A later step finished it: post leaves it alone.
    const { run, state } = await deployOnce('handover-ok');
    expect(run.code).toBe(0);
    expect(run.outputs['deploy-state']).toBe('accepted');
    const id = Number(run.outputs['deployment-id']);
    const deployment = api.deployments.find((d) => d.id === id)!;
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress']);
    expect(deployment.payload).toEqual({ service: 'shop', version: '1.4.2' });
    expect(state).toEqual({ 'deployment-id': String(id), 'deployment-handed-over': 'true' });
    expect(run.summary).toContain('in_progress until the report step sets the verdict');
    for (const final of ['success', 'failure']) {
      deployment.statuses.push({
        ...deployment.statuses[0]!,
        id: 99_000 + deployment.statuses.length,
        state: final,
      });
      const post = await postWith(state);
      expect(post.code).toBe(0);
      expect(post.stdout).toContain(`GitHub deployment ${id} is already ${final}`);
      expect(deployment.statuses.at(-1)!.state).toBe(final);
    }

    // Nobody finished it: post marks it error.
    const open = await deployOnce('handover-open');
    const openDeployment = api.deployments.find((d) => d.id === Number(open.run.outputs['deployment-id']))!;
    const post = await postWith(open.state);
    expect(post.code).toBe(0);
    expect(openDeployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
    expect(openDeployment.statuses[1]!.description).toMatch(/before the release gate set a verdict/);

    // A failed webhook still sets failure here, and post has nothing to do.
    scripted = await startScriptedServer([{ status: 422, body: 'no such version' }]);
    const failedState = join(stateDir, 'state-failed');
    await writeFile(failedState, '');
    const failed = await deploy(
      { ...inputs, 'webhook-url': `${scripted.url}/hook`, environment: 'handover-failed' },
      { ...githubEnv(), GITHUB_STATE: failedState },
    );
    expect(failed.code).toBe(1);
    const failedDeployment = api.deployments.find((d) => d.id === Number(failed.outputs['deployment-id']))!;
    expect(failedDeployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(parseOutputFile(await readFile(failedState, 'utf8'))['deployment-finished']).toBe('true');
    expect(api.invalidRequests).toEqual([]);
    expect(api.invalidResponses).toEqual([]);
  });

  test('post step: a cancelled job leaves the deployment in_progress and post marks it error', async () => {
    scripted = await startScriptedServer([{ hang: true }]);
    const stateDir = await mkdtemp(join(tmpdir(), 'deploy-state-'));
    const stateFile = join(stateDir, 'state');
    await writeFile(stateFile, '');
    const inputs = {
      'webhook-url': `${scripted.url}/hook`,
      'github-deployment': 'true',
      'github-token': api.token,
      environment: 'canary',
      timeout: '20s',
      deadline: '1m',
    };
    const main = runBundle('deploy-webhook', {
      inputs: { ...base, ...inputs },
      env: { ...githubEnv(), GITHUB_STATE: stateFile },
      timeoutMs: 30_000,
      onSpawn: (pid) => {
        const timer = setInterval(() => {
          if (scripted!.requests.length > 0) {
            clearInterval(timer);
            process.kill(pid, 'SIGTERM');
          }
        }, 50);
      },
    });
    const cancelled = await main;
    expect(cancelled.code).toBe(130);
    const state = parseOutputFile(await readFile(stateFile, 'utf8'));
    const id = Number(state['deployment-id']);
    expect(state['deployment-finished']).toBeUndefined();
    const deployment = api.deployments.find((d) => d.id === id)!;
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress']);
    expect((await report(cancelled)).deploy!.state).toBe('failed');

    const post = await runBundle('deploy-webhook', {
      entry: 'post.js',
      inputs: { ...base, ...inputs },
      env: { ...githubEnv(), 'STATE_deployment-id': String(id) },
    });
    expect(post.code).toBe(0);
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
    expect(post.stdout).toMatch(/left in_progress; marked error/);
    // After a normal finish the post step leaves the deployment alone.
    const quiet = await runBundle('deploy-webhook', {
      entry: 'post.js',
      inputs: { ...base, ...inputs },
      env: { ...githubEnv(), 'STATE_deployment-id': String(id), 'STATE_deployment-finished': 'true' },
    });
    expect(quiet.code).toBe(0);
    expect(deployment.statuses).toHaveLength(2);
    expect(api.invalidRequests).toEqual([]);
  });
});
