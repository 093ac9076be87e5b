import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type RunningReceiver, startReceiver } from '../../packages/core/src/receiver/server.js';
import { runAction } from '../harness/action.js';
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
  return runAction('trigger-rollback', {
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
      const run = await runAction('trigger-rollback', {
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
