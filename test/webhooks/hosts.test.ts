import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type RunningReceiver, startReceiver } from '../../packages/core/src/receiver/server.js';
import { mergeReportSection } from '../../packages/core/src/report/file.js';
import { releaseGateReportSchema } from '../../packages/core/src/report/schema.js';
import { idempotencyKey } from '../../packages/core/src/webhooks/idempotency.js';
import type { WebhookType } from '../../packages/core/src/webhooks/payload.js';
import { runCli } from '../harness/cli.js';
import { runInProcess } from '../harness/in-process.js';
import { SECRET, SHA } from './helpers.js';
import { type ScriptedServer, startScriptedServer } from './scripted-server.js';

// The same inputs through the action (its run() in this process) and the CLI: the same states, keys and
// time spans, now that both call the one use case. The demo calls it too (test/demo, core's gate tests).

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

const identity = { environment: 'parity', service: 'shop', sha: SHA };
const identityFlags = ['--environment', 'parity', '--service', 'shop', '--sha', SHA];
/** The run the harness gives every action step, as CLI flags. */
const runFlags = ['--run-id', '1001', '--run-attempt', '1', '--repository', 'acme/shop'];
const signed = { env: { RELEASE_GATE_SIGNING_SECRET: SECRET } };

const keyOf = (type: WebhookType) =>
  idempotencyKey({ repository: 'acme/shop', runId: '1001', runAttempt: 1, ...identity, type });

/** stdout `key=value` lines of a CLI run. */
function cliOutputs(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => /^([a-z-]+)=(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1]!, match[2]!]),
  );
}

/** A report whose rollback section started five seconds ago (what trigger-rollback left). */
async function rolledBack(folder: string): Promise<void> {
  const startedAt = new Date(Date.now() - 5000);
  await mergeReportSection(
    join(folder, 'release-gate/report.json'),
    {
      ...identity,
      ref: null,
      version: null,
      run: { repository: 'acme/shop', id: '1001', attempt: 1, url: null, actor: null, workflow: null },
    },
    'rollback',
    {
      state: 'succeeded',
      rollbackRef: 'v1.4.1',
      reason: 'smoke failed',
      drill: false,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date(startedAt.getTime() + 200).toISOString(),
      durationMs: 200,
      delivery: null,
    },
  );
}

async function readReport(folder: string) {
  return releaseGateReportSchema.parse(
    JSON.parse(await readFile(join(folder, 'release-gate/report.json'), 'utf8')),
  );
}

describe('the action and the CLI, same inputs', () => {
  test('the same run gives the same Idempotency-Key for every event (dry run: nothing is sent)', async () => {
    const deployAction = await runInProcess('deploy-webhook', {
      inputs: { ...identity, 'webhook-url': `${receiver.url}/deploy`, 'dry-run': 'true' },
    });
    const deployCli = await runCli(
      [
        'deploy-webhook',
        ...identityFlags,
        ...runFlags,
        '--webhook-url',
        `${receiver.url}/deploy`,
        '--dry-run',
      ],
      signed,
    );
    expect(deployAction.outputs['delivery-id']).toBe(keyOf('deploy.requested'));
    expect(cliOutputs(deployCli.stdout)['delivery-id']).toBe(keyOf('deploy.requested'));

    const rollbackAction = await runInProcess('trigger-rollback', {
      inputs: {
        ...identity,
        'webhook-url': `${receiver.url}/rollback`,
        'rollback-ref': 'v1',
        'dry-run': 'true',
      },
      env: { 'INPUT_GITHUB-TOKEN': '' },
    });
    const rollbackCli = await runCli(
      [
        'trigger-rollback',
        ...identityFlags,
        ...runFlags,
        '--webhook-url',
        `${receiver.url}/rollback`,
        '--rollback-ref',
        'v1',
        '--dry-run',
      ],
      signed,
    );
    expect(rollbackAction.outputs['delivery-id']).toBe(keyOf('rollback.requested'));
    expect(cliOutputs(rollbackCli.stdout)['delivery-id']).toBe(keyOf('rollback.requested'));

    const verifyInputs = {
      urls: `${health.url}/healthz`,
      'webhook-url': `${receiver.url}/rollback/verify`,
      'metrics-url': `${receiver.url}/internal/release-gate/callbacks`,
      'dry-run': 'true',
    };
    const verifyAction = await runInProcess('rollback-verify', { inputs: { ...identity, ...verifyInputs } });
    const verifyCli = await runCli(
      [
        'rollback-verify',
        ...identityFlags,
        ...runFlags,
        ...Object.entries(verifyInputs).flatMap(([name, value]) =>
          value === 'true' ? [`--${name}`] : [`--${name}`, value],
        ),
      ],
      signed,
    );
    for (const outputs of [verifyAction.outputs, cliOutputs(verifyCli.stdout)]) {
      expect(outputs['delivery-id']).toBe(keyOf('rollback.verify'));
      expect(outputs['metrics-delivery-id']).toBe(keyOf('release_gate.callback'));
    }
    expect(receiver.events).toHaveLength(0);
  });

  test('without a run the CLI keys every event by the same recipe (one fresh run per invocation), each printed', async () => {
    const run = await runCli(
      [
        'rollback-verify',
        ...identityFlags,
        '--url',
        `${health.url}/healthz`,
        '--webhook-url',
        `${receiver.url}/rollback/verify`,
        '--metrics-url',
        `${receiver.url}/internal/release-gate/callbacks`,
        '--dry-run',
      ],
      signed,
    );
    expect(run.code).toBe(0);
    const outputs = cliOutputs(run.stdout);
    const keys = [outputs['delivery-id'], outputs['metrics-delivery-id']];
    for (const key of keys) {
      expect(key).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(run.stderr).toContain(`Idempotency-Key ${key} (fresh`);
    }
    expect(keys[0]).not.toBe(keys[1]);
    const deploy = await runCli(
      ['deploy-webhook', ...identityFlags, '--webhook-url', `${receiver.url}/deploy`, '--dry-run'],
      signed,
    );
    expect(cliOutputs(deploy.stdout)['delivery-id']).toMatch(/^msg_[0-9a-f]{32}$/);
  });

  test('rollback-verify: the same states and time span (the step, until the metrics callback; durationMs from the rollback’s start)', async () => {
    const verifyInputs = {
      urls: `${health.url}/healthz`,
      'metrics-url': `${receiver.url}/internal/release-gate/callbacks`,
    };
    const workspace = await mkdtemp(join(tmpdir(), 'ra-hosts-'));
    await rolledBack(workspace);
    const action = await runInProcess('rollback-verify', {
      workspace,
      inputs: { ...identity, ...verifyInputs, 'signing-secret': SECRET },
    });
    const cwd = await mkdtemp(join(tmpdir(), 'ra-hosts-cli-'));
    await rolledBack(cwd);
    const cli = await runCli(
      [
        'rollback-verify',
        ...identityFlags,
        ...Object.entries(verifyInputs).flatMap(([name, value]) => [`--${name}`, value]),
      ],
      { ...signed, cwd },
    );
    expect(action.exitCode).toBe(0);
    expect(cli.code).toBe(0);
    for (const [outputs, folder] of [
      [action.outputs, workspace],
      [cliOutputs(cli.stdout), cwd],
    ] as const) {
      // No verify webhook: the probes alone verify it.
      expect(outputs['rollback-callback-state']).toBe('skipped_missing_webhook');
      expect(Number(outputs['duration-ms'])).toBeGreaterThanOrEqual(5000);
      const report = await readReport(folder);
      expect(report.rollbackCallback!.finishedAt).toBe(report.metricsCallback!.finishedAt);
      expect(Date.parse(report.rollbackCallback!.startedAt)).toBeGreaterThan(
        Date.parse(report.rollback!.finishedAt),
      );
      const event = receiver.events.find((e) => e.webhookId === outputs['metrics-delivery-id']);
      expect(event?.data).toMatchObject({
        rollbackCallbackState: 'skipped_missing_webhook',
        rollbackState: 'succeeded',
      });
    }
  });

  test('trigger-rollback without a webhook: skipped_missing_webhook and exit 0 from both', async () => {
    const action = await runInProcess('trigger-rollback', {
      inputs: { ...identity, 'rollback-ref': 'v1' },
      env: { 'INPUT_GITHUB-TOKEN': '' },
    });
    const cli = await runCli(['trigger-rollback', ...identityFlags, '--rollback-ref', 'v1'], signed);
    expect(action.exitCode).toBe(0);
    expect(cli.code).toBe(0);
    expect(action.outputs['rollback-state']).toBe('skipped_missing_webhook');
    expect(cliOutputs(cli.stdout)['rollback-state']).toBe('skipped_missing_webhook');
    expect(action.stdout).toMatch(/::warning::trigger-rollback: webhook-url is empty/);
    expect(cli.stderr).toMatch(/warning: trigger-rollback: webhook-url is empty/);
  });
});

describe('input errors, in process: the action names the input, the CLI the flag, with the same rule', () => {
  const cases: Array<[string, Record<string, string>, string[], string, string]> = [
    [
      'deploy-webhook',
      { environment: 'e' },
      ['--environment', 'e'],
      "Input 'webhook-url' is required: the URL that starts a deploy",
      '--webhook-url is required: the URL that starts a deploy',
    ],
    [
      'deploy-webhook',
      {
        environment: 'e',
        'webhook-url': 'https://hooks.example.com/d',
        'github-deployment': 'true',
        'github-token': '',
      },
      ['--environment', 'e', '--webhook-url', 'https://hooks.example.com/d', '--github-deployment'],
      "Input 'github-token' is empty but Input 'github-deployment' is true",
      '--github-token is empty but --github-deployment is true',
    ],
    [
      'trigger-rollback',
      { environment: 'e', 'rollback-of': 'yesterday' },
      ['--environment', 'e', '--rollback-of', 'yesterday'],
      "Input 'rollback-of' 'yesterday' is invalid: valid values are: this-release, running-release",
      "--rollback-of 'yesterday' is invalid: valid values are: this-release, running-release",
    ],
    [
      'trigger-rollback',
      { environment: 'e', 'max-attempts': '50' },
      ['--environment', 'e', '--max-attempts', '50'],
      "Input 'max-attempts' '50' is invalid: must be a whole number from 1 to 20",
      "--max-attempts '50' is invalid: must be a whole number from 1 to 20",
    ],
    [
      'rollback-verify',
      { environment: 'e' },
      ['--environment', 'e'],
      "Input 'urls' or Input 'probes' is required: nothing to probe",
      '--urls or --probes is required: nothing to probe',
    ],
    [
      'rollback-verify',
      { environment: '', urls: 'https://shop.example.com/healthz' },
      ['--url', 'https://shop.example.com/healthz'],
      "Input 'environment' '' is invalid: is required",
      "--environment '' is invalid: is required",
    ],
  ];

  test.each(cases)('%s %j', async (action, inputs, flags, actionMessage, cliMessage) => {
    const run = await runInProcess(action, { inputs, env: { RELEASE_GATE_WEBHOOK_URL: undefined } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`::error::${action}: ${actionMessage}`);
    const cli = await runCli([action, ...flags]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(`release-gate ${action}: ${cliMessage}`);
  });
});
