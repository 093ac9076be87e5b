import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type RunningReceiver, startReceiver } from '../../packages/core/src/receiver/server.js';
import { mergeReportSection } from '../../packages/core/src/report/file.js';
import { runBundle } from '../harness/action.js';
import { leakedSecrets } from '../harness/secrets.js';
import { BEARER, report, SECRET, SHA, visible } from './helpers.js';
import { type ScriptedServer, startScriptedServer } from './scripted-server.js';

const PROBE_TOKEN = 'probe_token_5d1e9c';
let receiver: RunningReceiver;
let healthy: ScriptedServer;
let broken: ScriptedServer;

beforeAll(async () => {
  receiver = await startReceiver({
    secret: SECRET,
    eventLog: join(await mkdtemp(join(tmpdir(), 'verify-')), 'events.jsonl'),
  });
  healthy = await startScriptedServer([{ status: 200, body: { status: 'pass' } }]);
  broken = await startScriptedServer([{ status: 503, body: { status: 'fail' } }]);
});
afterAll(async () => {
  await receiver.close();
  await healthy.close();
  await broken.close();
});

/** A workspace whose report already has the rollback section trigger-rollback wrote. */
async function rolledBackWorkspace(environment: string): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'ra-verify-'));
  const startedAt = new Date(Date.now() - 5000);
  await mergeReportSection(
    join(workspace, 'release-gate/report.json'),
    {
      environment,
      service: 'shop',
      ref: 'refs/heads/main',
      sha: SHA,
      version: '1.5.0',
      run: { repository: 'acme/shop', id: '1001', attempt: 1, url: null, actor: null, workflow: null },
    },
    'rollback',
    {
      state: 'accepted',
      rollbackRef: 'b'.repeat(40),
      reason: 'smoke failed',
      drill: false,
      startedAt: startedAt.toISOString(),
      finishedAt: startedAt.toISOString(),
      durationMs: 100,
      delivery: null,
    },
  );
  return workspace;
}

function verify(workspace: string, inputs: Record<string, string>) {
  return runBundle('rollback-verify', {
    workspace,
    inputs: {
      environment: 'production',
      service: 'shop',
      sha: SHA,
      'max-attempts': '1',
      timeout: '2s',
      ...inputs,
    },
    timeoutMs: 30_000,
  });
}

describe('rollback-verify, end to end', () => {
  test('probes pass, verify webhook and metrics callback accepted: verified, counted by the receiver', async () => {
    const workspace = await rolledBackWorkspace('production');
    const run = await verify(workspace, {
      urls: `${healthy.url}/healthz`,
      'bearer-token': PROBE_TOKEN,
      'webhook-url': `${receiver.url}/rollback/verify`,
      'metrics-url': `${receiver.url}/internal/release-gate/callbacks`,
      'signing-secret': SECRET,
      'webhook-bearer-token': BEARER,
    });
    expect(run.code).toBe(0);
    expect(run.outputs['rollback-callback-state']).toBe('verified');
    expect(run.outputs['smoke-result']).toBe('passed');
    expect(Number(run.outputs['duration-ms'])).toBeGreaterThanOrEqual(5000);
    const verifyEvent = receiver.events.find((e) => e.webhookId === run.outputs['delivery-id']);
    expect(verifyEvent).toMatchObject({
      type: 'rollback.verify',
      data: { rollbackRef: 'b'.repeat(40), smokeResult: 'passed' },
    });
    const callback = receiver.events.find((e) => e.webhookId === run.outputs['metrics-delivery-id']);
    expect(callback).toMatchObject({
      type: 'release_gate.callback',
      data: { environment: 'production', rollbackCallbackState: 'verified', rollbackState: 'accepted' },
    });
    expect(callback!.data.durationMs).toBeGreaterThanOrEqual(5000);
    expect(receiver.metrics()).toContain(
      'release_gate_rollback_callback_events_total{environment="production",state="verified"} 1',
    );
    expect(healthy.requests.at(-1)!.headers.authorization).toBe(`Bearer ${PROBE_TOKEN}`);
    const saved = await report(run);
    expect(saved.rollback!.state).toBe('accepted'); // trigger-rollback's section is kept
    expect(saved.rollbackCallback).toMatchObject({ state: 'verified', smoke: { result: 'passed' } });
    expect(saved.metricsCallback!.state).toBe('accepted');
    expect(run.summary).toContain('Rollback verification: verified');
    expect(
      leakedSecrets(await visible(run), {
        SECRET,
        BEARER,
        PROBE_TOKEN,
        verifyUrl: `${receiver.url}/rollback/verify`,
        metricsUrl: `${receiver.url}/internal/release-gate/callbacks`,
      }),
    ).toEqual([]);
  });

  test('probes still fail after the rollback: failed, the step fails, the failure callback is counted', async () => {
    const workspace = await rolledBackWorkspace('staging');
    const run = await verify(workspace, {
      environment: 'staging',
      urls: `${broken.url}/healthz`,
      'webhook-url': `${receiver.url}/rollback/verify`,
      'metrics-url': `${receiver.url}/internal/release-gate/callbacks`,
      'signing-secret': SECRET,
    });
    expect(run.code).toBe(1);
    expect(run.outputs['rollback-callback-state']).toBe('failed');
    expect(run.stdout).toMatch(
      /::error::rollback-verify: rollback not verified: 1 of 1 probe\(s\) still fail/,
    );
    expect(receiver.events.find((e) => e.webhookId === run.outputs['delivery-id'])?.data.smokeResult).toBe(
      'failed',
    );
    expect(receiver.metrics()).toContain(
      'release_gate_rollback_callback_events_total{environment="staging",state="failed"} 1',
    );
    expect((await report(run)).rollbackCallback!.state).toBe('failed');
  });

  test('no verify webhook, probes pass: skipped_missing_webhook with a warning; a 400 from the verify webhook fails', async () => {
    const workspace = await rolledBackWorkspace('qa');
    const skipped = await verify(workspace, { environment: 'qa', urls: `${healthy.url}/healthz` });
    expect(skipped.code).toBe(0);
    expect(skipped.outputs['rollback-callback-state']).toBe('skipped_missing_webhook');
    expect(skipped.stdout).toMatch(/::warning::rollback-verify: webhook-url is empty/);

    const rejecting = await startScriptedServer([{ status: 400, body: 'unknown environment qa' }]);
    try {
      const run = await verify(workspace, {
        environment: 'qa',
        urls: `${healthy.url}/healthz`,
        'webhook-url': `${rejecting.url}/v`,
      });
      expect(run.code).toBe(1);
      expect(run.outputs['rollback-callback-state']).toBe('failed');
      expect(rejecting.requests).toHaveLength(1);
      expect(run.stdout).toMatch(/verify webhook failed: HTTP 400 .*unknown environment qa/);
    } finally {
      await rejecting.close();
    }
  });

  test('expected-version with a probes file that says where the version is: only the known-good version verifies', async () => {
    const stillBad = await startScriptedServer([
      { status: 200, body: { status: 'pass', version: 'v2-bad' } },
    ]);
    const knownGood = await startScriptedServer([{ status: 200, body: { status: 'pass', version: 'v1' } }]);
    try {
      const probesFor = async (workspace: string, url: string) =>
        writeFile(
          join(workspace, 'probes.yml'),
          `probes:\n  - name: health\n    url: ${url}/healthz\n    versionFrom: version\n`,
        );
      const verifyAgainst = async (environment: string, url: string) => {
        const workspace = await rolledBackWorkspace(environment);
        await probesFor(workspace, url);
        return verify(workspace, {
          environment,
          probes: 'probes.yml',
          'expected-version': 'v1',
          'webhook-url': `${receiver.url}/rollback/verify`,
          'signing-secret': SECRET,
        });
      };

      const bad = await verifyAgainst('version-bad', stillBad.url);
      expect(bad.code).toBe(1);
      expect(bad.outputs['rollback-callback-state']).toBe('failed');
      expect(bad.outputs['smoke-result']).toBe('failed');
      expect(bad.stdout).toMatch(/::error.*health.*v2-bad/);
      const badSection = (await report(bad)).rollbackCallback!;
      expect(badSection.smoke!.expectedVersion).toMatchObject({ version: 'v1', probes: 1 });

      const good = await verifyAgainst('version-good', knownGood.url);
      expect(good.code).toBe(0);
      expect(good.outputs['rollback-callback-state']).toBe('verified');
      expect(good.outputs['smoke-result']).toBe('passed');
      expect((await report(good)).rollbackCallback!.smoke!.expectedVersion).toMatchObject({ version: 'v1' });

      // The version-from input does the same for plain urls.
      const workspace = await rolledBackWorkspace('version-urls');
      const urls = await verify(workspace, {
        environment: 'version-urls',
        urls: `${stillBad.url}/healthz`,
        'expected-version': 'v1',
        'version-from': 'version',
      });
      expect(urls.code).toBe(1);
      expect(urls.outputs['smoke-result']).toBe('failed');
    } finally {
      await stillBad.close();
      await knownGood.close();
    }
  });

  test('cancelled while the verify webhook hangs: exits, the partial report says failed', async () => {
    const workspace = await rolledBackWorkspace('canary');
    const hanging = await startScriptedServer([{ hang: true }]);
    try {
      const run = await runBundle('rollback-verify', {
        workspace,
        inputs: {
          environment: 'canary',
          urls: `${healthy.url}/healthz`,
          'webhook-url': `${hanging.url}/v`,
          'webhook-timeout': '30s',
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
      expect((await report(run)).rollbackCallback!.state).toBe('failed');
    } finally {
      await hanging.close();
    }
  });
});
