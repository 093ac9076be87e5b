import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type RunningReceiver, startReceiver } from '../../packages/core/src/receiver/server.js';
import { runBundle } from '../harness/action.js';
import { runCli } from '../harness/cli.js';
import { leakedSecrets } from '../harness/secrets.js';
import { type GithubApiServer, startGithubApi } from '../servers/github-api-loader.js';
import { BEARER, report, SECRET, SHA, visible } from './helpers.js';
import { startScriptedServer } from './scripted-server.js';

let receiver: RunningReceiver;
let api: GithubApiServer;

beforeAll(async () => {
  receiver = await startReceiver({
    secret: SECRET,
    eventLog: join(await mkdtemp(join(tmpdir(), 'rollback-')), 'events.jsonl'),
  });
  api = await startGithubApi();
});
afterAll(async () => {
  await receiver.close();
  await api.close();
});

const base = { environment: 'production', service: 'shop', sha: SHA, version: '1.5.0' };

function rollback(inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runBundle('trigger-rollback', {
    inputs: { ...base, ...inputs },
    env: { GITHUB_API_URL: api.url, ...env },
    timeoutMs: 30_000,
  });
}

describe('trigger-rollback, end to end', () => {
  test('missing webhook: skipped_missing_webhook with a warning, not a failure', async () => {
    const run = await rollback({ 'rollback-ref': 'v1.4.9', reason: 'smoke failed: checkout' });
    expect(run.code).toBe(0);
    expect(run.outputs['rollback-state']).toBe('skipped_missing_webhook');
    expect(run.outputs['rollback-ref']).toBe('v1.4.9');
    expect(run.outputs['delivery-id']).toBe('');
    expect(run.stdout).toMatch(
      /::warning::trigger-rollback: webhook-url is empty, so no rollback was triggered/,
    );
    const section = (await report(run)).rollback!;
    expect(section).toMatchObject({
      state: 'skipped_missing_webhook',
      rollbackRef: 'v1.4.9',
      delivery: null,
    });
    expect(run.summary).toContain('Rollback: skipped_missing_webhook');
  });

  test('known-good sha resolved from deployment history (newest success other than the current sha), signed, drill flag carried', async () => {
    const good = 'b'.repeat(40);
    const older = 'c'.repeat(40);
    api.seed({ sha: older, environment: 'production', states: ['in_progress', 'success'] });
    api.seed({ sha: good, environment: 'production', states: ['in_progress', 'success'] }); // older one becomes inactive
    api.seed({ sha: 'd'.repeat(40), environment: 'production', states: ['in_progress', 'failure'] });
    api.seed({ sha: 'e'.repeat(40), environment: 'staging', states: ['success'] });
    api.seed({ sha: SHA, environment: 'production', states: ['in_progress', 'success'] }); // the current, bad one
    const run = await rollback({
      'webhook-url': `${receiver.url}/rollback`,
      'signing-secret': SECRET,
      'bearer-token': BEARER,
      'github-token': api.token,
      reason: 'smoke failed: checkout, healthz',
      drill: 'true',
    });
    expect(run.code).toBe(0);
    expect(run.outputs['rollback-state']).toBe('accepted');
    expect(run.outputs['rollback-ref']).toBe(good);
    const event = receiver.events.find((e) => e.webhookId === run.outputs['delivery-id']);
    expect(event?.type).toBe('rollback.requested');
    expect(event?.data).toMatchObject({
      rollbackRef: good,
      reason: 'smoke failed: checkout, healthz',
      drill: true,
      sha: SHA,
    });
    const section = (await report(run)).rollback!;
    expect(section).toMatchObject({ state: 'accepted', rollbackRef: good, drill: true });
    expect(run.summary).toMatch(/Rollback: accepted \(drill\)/);
    expect(run.summary).toContain('last successful deployment');
    expect(api.invalidRequests).toEqual([]);
    expect(api.invalidResponses).toEqual([]);
    expect(
      leakedSecrets(await visible(run), {
        SECRET,
        BEARER,
        token: api.token,
        url: `${receiver.url}/rollback`,
      }),
    ).toEqual([]);
  });

  test('known-good = newest success without a later failure (a rolled-back release is skipped); its recorded version is rollback-version', async () => {
    const v1 = '1'.repeat(40);
    const v2 = '2'.repeat(40);
    const environment = 'known-good-env';
    api.seed({
      sha: '0'.repeat(40),
      environment,
      states: ['success'],
      payload: { service: 'shop', version: 'v0' },
    });
    api.seed({
      sha: v1,
      environment,
      states: ['in_progress', 'success'],
      payload: { service: 'shop', version: 'v1' },
    });
    // v2 promoted (v1 becomes inactive), then rolled back: success followed by failure.
    api.seed({
      sha: v2,
      environment,
      states: ['in_progress', 'success', 'failure'],
      payload: { version: 'v2' },
    });
    api.seed({ sha: SHA, environment, states: ['in_progress'], payload: { version: 'v3-bad' } });
    const run = await rollback({
      'webhook-url': `${receiver.url}/rollback`,
      'signing-secret': SECRET,
      'github-token': api.token,
      environment,
    });
    expect(run.code).toBe(0);
    expect(run.outputs['rollback-ref']).toBe(v1);
    expect(run.outputs['rollback-version']).toBe('v1');
    expect((await report(run)).rollback).toMatchObject({ rollbackRef: v1, rollbackVersion: 'v1' });
    expect(run.summary).toMatch(/Known-good version \| v1/);

    // An explicit rollback-ref: the version of the deployment it names (a sha prefix here), else ''.
    const named = await rollback({ 'rollback-ref': v2.slice(0, 12), 'github-token': api.token, environment });
    expect(named.outputs['rollback-ref']).toBe(v2.slice(0, 12));
    expect(named.outputs['rollback-version']).toBe('v2');
    const unknown = await rollback({ 'rollback-ref': 'v9.9.9', 'github-token': api.token, environment });
    expect(unknown.outputs['rollback-ref']).toBe('v9.9.9');
    expect(unknown.outputs['rollback-version']).toBe('');
    expect((await report(unknown)).rollback!.rollbackVersion).toBeNull();
    expect(api.invalidRequests).toEqual([]);
    expect(api.invalidResponses).toEqual([]);
  });

  test('rollback-of: running-release targets the promoted release before the running one and marks the running one rolled back; a drill marks nothing', async () => {
    const environment = 'running-env';
    const older = '5'.repeat(40);
    const previous = '6'.repeat(40);
    const running = '7'.repeat(40);
    api.seed({ sha: older, environment, states: ['in_progress', 'success'], payload: { version: 'v5' } });
    api.seed({ sha: previous, environment, states: ['in_progress', 'success'], payload: { version: 'v6' } });
    const runningId = api.seed({
      sha: running,
      environment,
      states: ['in_progress', 'success'],
      payload: { version: 'v7' },
    });
    const statesOfRunning = () =>
      api.deployments.find((d) => d.id === runningId)!.statuses.map((s) => s.state);

    // A drill rehearses: the same target, nothing marked.
    const drill = await rollback({
      'webhook-url': `${receiver.url}/rollback`,
      'signing-secret': SECRET,
      'github-token': api.token,
      environment,
      'rollback-of': 'running-release',
      drill: 'true',
    });
    expect(drill.code).toBe(0);
    expect(drill.outputs).toMatchObject({ 'rollback-ref': previous, 'rollback-version': 'v6' });
    expect(statesOfRunning()).toEqual(['in_progress', 'success']);

    // A manual rollback (the sha input is the dispatching commit, here the running one), in another run
    // than the drill: under the drill's key the receiver would refuse it (409, another body).
    const manual = await rollback(
      {
        'webhook-url': `${receiver.url}/rollback`,
        'signing-secret': SECRET,
        'github-token': api.token,
        environment,
        'rollback-of': 'running-release',
      },
      { GITHUB_SHA: running, GITHUB_RUN_ATTEMPT: '2' },
    );
    expect(manual.outputs).toMatchObject({ 'rollback-ref': previous, 'rollback-version': 'v6' });
    expect(statesOfRunning().at(-1)).toBe('failure');
    // The next one now runs v6 (v7 was rolled back), so a second manual rollback goes to v5.
    const again = await rollback({
      'github-token': api.token,
      environment,
      'rollback-of': 'running-release',
    });
    expect(again.outputs).toMatchObject({ 'rollback-ref': older, 'rollback-version': 'v5' });
    const invalid = await rollback({ environment, 'rollback-of': 'previous' });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr + invalid.stdout).toContain("'rollback-of'");
    expect(api.invalidRequests).toEqual([]);
  });

  test('the CLI resolves the target as the action does: rollback-of, the recorded version as rollback-version', async () => {
    const environment = 'cli-target-env';
    const older = '8'.repeat(40);
    const running = '9'.repeat(40);
    api.seed({ sha: older, environment, states: ['in_progress', 'success'], payload: { version: 'v8' } });
    api.seed({ sha: running, environment, states: ['in_progress', 'success'], payload: { version: 'v9' } });
    const cli = (...flags: string[]) =>
      runCli(['trigger-rollback', '--environment', environment, '--repository', 'acme/shop', ...flags], {
        env: { GITHUB_TOKEN: api.token, GITHUB_API_URL: api.url },
      });
    const cases: Array<[Record<string, string>, string[], Record<string, string>]> = [
      // The release being gated (the current sha) is not the target: the newest other success is.
      [{ sha: SHA }, ['--sha', SHA], { 'rollback-ref': running, 'rollback-version': 'v9' }],
      // What runs now is rolled back: the promoted release before it.
      [
        { 'rollback-of': 'running-release', drill: 'true' },
        ['--rollback-of', 'running-release', '--drill'],
        { 'rollback-ref': older, 'rollback-version': 'v8' },
      ],
      // A given ref: the version its deployment recorded.
      [
        { 'rollback-ref': older.slice(0, 10) },
        ['--rollback-ref', older.slice(0, 10)],
        { 'rollback-version': 'v8' },
      ],
    ];
    for (const [inputs, flags, expected] of cases) {
      const action = await rollback({ 'github-token': api.token, environment, ...inputs });
      const command = await cli(...flags);
      expect(action.outputs).toMatchObject({ 'rollback-state': 'skipped_missing_webhook', ...expected });
      expect(command.code).toBe(0);
      for (const [name, value] of Object.entries(expected))
        expect(command.stdout).toContain(`${name}=${value}\n`);
    }
    expect(api.invalidRequests).toEqual([]);
  });

  test('deployment-id: a sent rollback marks the rolled-back release failure (no longer known-good); a failed one does not', async () => {
    const environment = 'mark-env';
    const good = '3'.repeat(40);
    api.seed({ sha: good, environment, states: ['success'], payload: { version: 'v1' } });
    const current = api.seed({ sha: SHA, environment, states: ['in_progress'], payload: { version: 'v2' } });
    const run = await rollback({
      'webhook-url': `${receiver.url}/rollback`,
      'signing-secret': SECRET,
      'github-token': api.token,
      'deployment-id': String(current),
      environment,
    });
    expect(run.code).toBe(0);
    const deployment = api.deployments.find((d) => d.id === current)!;
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(deployment.statuses[1]).toMatchObject({
      description: 'rolled back by https://github.com/acme/shop/actions/runs/1001/attempts/1',
      log_url: 'https://github.com/acme/shop/actions/runs/1001/attempts/1',
    });
    expect((await report(run)).rollback).toMatchObject({ deploymentId: current, rollbackRef: good });
    expect(run.summary).toContain(`${current} marked failure (rolled back)`);

    // A failed webhook: nothing was rolled back, the deployment is left as it is.
    const other = api.seed({ sha: '4'.repeat(40), environment, states: ['in_progress'] });
    const failed = await rollback({
      'webhook-url': `${receiver.url}/nowhere`,
      'github-token': api.token,
      'deployment-id': String(other),
      environment,
      sha: '4'.repeat(40),
    });
    expect(failed.code).toBe(1);
    expect(api.deployments.find((d) => d.id === other)!.statuses.map((s) => s.state)).toEqual([
      'in_progress',
    ]);

    // No token: the rollback still goes out; the mark is a warning.
    const noToken = await rollback({
      'webhook-url': `${receiver.url}/rollback`,
      'signing-secret': SECRET,
      'rollback-ref': good,
      'deployment-id': String(other),
      environment,
      sha: '4'.repeat(40),
    });
    expect(noToken.code).toBe(0);
    expect(noToken.stdout).toMatch(
      /::warning::GitHub deployment \d+ could not be marked failure: input 'github-token' is empty/,
    );
    expect(api.invalidRequests).toEqual([]);
    expect(leakedSecrets(await visible(run), { SECRET, token: api.token })).toEqual([]);
  });

  test('wait: true polls the rollback status URL (in_progress for ~2 s) to succeeded', async () => {
    let acceptedAt = 0;
    let polls = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.method === 'POST') {
          acceptedAt = Date.now();
          res.writeHead(202, { location: '/status/rb-1' });
          res.end(JSON.stringify({ accepted: true }));
          return;
        }
        polls++;
        res.writeHead(200);
        res.end(JSON.stringify({ state: Date.now() - acceptedAt < 2000 ? 'in_progress' : 'succeeded' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const run = await rollback({
        'webhook-url': `${url}/rb`,
        'rollback-ref': 'v1.4.9',
        wait: 'true',
        'poll-interval': '200ms',
      });
      expect(run.code).toBe(0);
      expect(run.outputs['rollback-state']).toBe('succeeded');
      expect(polls).toBeGreaterThan(3);
      expect(run.durationMs).toBeGreaterThan(2000);
      expect((await report(run)).rollback!.state).toBe('succeeded');
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  });

  test('no earlier good deployment: rollbackRef null and a warning; a failed webhook fails the step', async () => {
    const run = await rollback({
      'webhook-url': `${receiver.url}/nowhere`,
      'signing-secret': SECRET,
      'github-token': api.token,
      environment: 'fresh-env',
    });
    expect(run.stdout).toMatch(/::warning::no earlier successful deployment of fresh-env/);
    expect(run.outputs['rollback-ref']).toBe('');
    expect(run.code).toBe(1);
    expect(run.outputs['rollback-state']).toBe('failed');
    expect(run.stdout).toMatch(/::error::trigger-rollback: rollback webhook failed: HTTP 404/);
  });

  test('cancelled while the webhook hangs: exits, the partial report records the rollback as failed', async () => {
    const hanging = await startScriptedServer([{ hang: true }]);
    try {
      const run = await runBundle('trigger-rollback', {
        inputs: {
          ...base,
          'webhook-url': `${hanging.url}/rb`,
          'rollback-ref': 'v1.4.9',
          timeout: '30s',
          deadline: '1m',
        },
        timeoutMs: 20_000,
        onSpawn: (pid) => {
          const timer = setInterval(() => {
            if (hanging.requests.length) {
              clearInterval(timer);
              process.kill(pid, 'SIGTERM');
            }
          }, 25);
        },
      });
      expect(run.code).toBe(130);
      expect(run.durationMs).toBeLessThan(10_000);
      expect(run.stdout).toMatch(/::warning::trigger-rollback: cancelled \(SIGTERM\)/);
      expect((await report(run)).rollback).toMatchObject({ state: 'failed', rollbackRef: 'v1.4.9' });
    } finally {
      await hanging.close();
    }
  });
});
