import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { type RunningReceiver, startReceiver } from '../../packages/core/src/receiver/server.js';
import { runCli } from '../harness/cli.js';
import { SECRET } from './helpers.js';
import { type ScriptedServer, startScriptedServer } from './scripted-server.js';

let receiver: RunningReceiver;
let health: ScriptedServer;
beforeAll(async () => {
  receiver = await startReceiver({ secret: SECRET });
  health = await startScriptedServer([{ status: 200, body: { status: 'pass' } }]);
});
afterAll(async () => {
  await receiver.close();
  await health.close();
});

/** The signing secret reaches the CLI only through its environment variable. */
const signed = { env: { RELEASE_GATE_SIGNING_SECRET: SECRET } };

test('release-gate verify: re-smoke, verify webhook, callback counted by the receiver, report sections', async () => {
  const run = await runCli(
    [
      'verify',
      '--environment',
      'production',
      '--url',
      `${health.url}/healthz`,
      '--webhook-url',
      `${receiver.url}/rollback/verify`,
      '--metrics-url',
      `${receiver.url}/internal/release-gate/callbacks`,
      '--rollback-ref',
      'v1.4.1',
      '--run-id',
      '555',
      '--repository',
      'acme/shop',
    ],
    signed,
  );
  const cwd = run.cwd;
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^rollback-callback-state=verified$/m);
  const id = /^metrics-delivery-id=(\S+)$/m.exec(run.stdout)![1];
  expect(receiver.events.find((e) => e.webhookId === id)?.data).toMatchObject({
    rollbackCallbackState: 'verified',
    environment: 'production',
  });
  expect(receiver.metrics()).toContain(
    'release_gate_rollback_callback_events_total{environment="production",state="verified"} 1',
  );
  const report = JSON.parse(await readFile(join(cwd, 'release-gate/report.json'), 'utf8'));
  expect(report.rollbackCallback.state).toBe('verified');
  expect(report.metricsCallback.state).toBe('accepted');
  expect(run.stdout + run.stderr).not.toContain(SECRET);

  // The same run id with another outcome (no verify webhook this time) is another event under the same
  // key: the receiver refuses it (409), keeps the first, and the CLI fails naming the key.
  const again = await runCli(
    [
      'verify',
      '--environment',
      'production',
      '--url',
      `${health.url}/healthz`,
      '--metrics-url',
      `${receiver.url}/internal/release-gate/callbacks`,
      '--run-id',
      '555',
      '--repository',
      'acme/shop',
    ],
    { ...signed, cwd },
  );
  expect(again.code).toBe(1);
  expect(again.stdout).toMatch(/^rollback-callback-state=skipped_missing_webhook$/m);
  expect(again.stderr).toMatch(new RegExp(`metrics callback failed: HTTP 409: .*Idempotency-Key ${id}`));
  expect(receiver.metrics()).not.toContain('state="skipped_missing_webhook"');
  const bad = await runCli(['verify', '--url', `${health.url}/healthz`], { ...signed, cwd });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/--environment '' is invalid: is required/);
});
