import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningReceiver, startReceiver } from '@release-actions/core/receiver/index';
import {
  loadCalibrationReportSchema,
  receiverDrillReportSchema,
  receiverValidationReportSchema,
} from '@release-actions/core/receiver-evidence/index';
import { runCli } from '../harness/cli.js';
import { leakedSecrets, readTree } from '../harness/secrets.js';
import { startLaxReceiver } from '../servers/lax-receiver.js';

const SECRET = `whsec_${Buffer.from('evidence-cli-signing-secret-9001').toString('base64')}`;
const CALLBACKS = '/internal/release-gate/callbacks';

let receiver: RunningReceiver;
let eventLog: string;
beforeAll(async () => {
  eventLog = join(await mkdtemp(join(tmpdir(), 'ra-evidence-cli-receiver-')), 'events.jsonl');
  receiver = await startReceiver({ secret: SECRET, eventLog });
});
afterAll(() => receiver.close());

test('validate-receiver passes against the reference receiver with the secret from the environment', async () => {
  const run = await runCli(
    [
      'validate-receiver',
      '--receiver-url',
      `${receiver.url}${CALLBACKS}`,
      '--receiver-metrics-url',
      `${receiver.url}/metrics`,
    ],
    { env: { RELEASE_GATE_SIGNING_SECRET: SECRET } },
  );
  expect(run.stderr).toContain('receiver-validation passed');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Receiver validation passed: 7 checks passed');
  const report = receiverValidationReportSchema.parse(
    JSON.parse(
      await readFile(join(run.cwd, 'build-artifacts/release-gate-receiver-validation-report.json'), 'utf8'),
    ),
  );
  expect(report.status).toBe('passed');
  expect(leakedSecrets(run.stdout + run.stderr + (await readTree(run.cwd)), { SECRET })).toEqual([]);
});

test('validate-receiver fails (exit 1) against the lax receiver and names the failed checks', async () => {
  const lax = await startLaxReceiver();
  try {
    const run = await runCli([
      'validate-receiver',
      '--receiver-url',
      lax.callbacksUrl,
      '--metrics-url',
      lax.metricsUrl,
      '--signing-secret',
      SECRET,
      '--json',
    ]);
    expect(run.code).toBe(1);
    const report = receiverValidationReportSchema.parse(JSON.parse(run.stdout));
    expect(report.summary.failedChecks).toEqual([
      'forged-signature-rejected',
      'missing-signature-rejected',
      'stale-timestamp-rejected',
      'malformed-body-rejected',
      'replay-not-counted-twice',
      'rejected-events-not-counted',
    ]);
    expect(run.stderr).toMatch(/failed\s+forged-signature-rejected: expected 4xx, observed 200/);
    expect(leakedSecrets(run.stdout + run.stderr + (await readTree(run.cwd)), { SECRET })).toEqual([]);
  } finally {
    await lax.close();
  }
});

test('drill-receiver confirms through the event log; calibrate-load takes repeated --target', async () => {
  const drill = await runCli([
    'drill-receiver',
    '--receiver-url',
    `${receiver.url}${CALLBACKS}`,
    '--event-log',
    eventLog,
    '--environments',
    'staging,production,eu-production',
    '--deadline',
    '2s',
    '--signing-secret',
    SECRET,
  ]);
  expect(drill.code).toBe(0);
  const drillReport = receiverDrillReportSchema.parse(
    JSON.parse(
      await readFile(join(drill.cwd, 'build-artifacts/release-gate-receiver-drill-report.json'), 'utf8'),
    ),
  );
  expect(drillReport.environments.map((e) => [e.environment, e.outcome, e.confirmedBy])).toEqual([
    ['staging', 'delivered', ['event-log']],
    ['production', 'delivered', ['event-log']],
    ['eu-production', 'delivered', ['event-log']],
  ]);

  const load = await runCli([
    'calibrate-load',
    '--target',
    `${receiver.url}/healthz`,
    '--target',
    `${receiver.url}/metrics`,
    '--requests',
    '100',
    '--rate',
    '0',
    '--concurrency',
    '2',
    '--latency-budget-p95',
    '2s',
    '--latency-budget-p99',
    '2s',
    '--out-dir',
    'out',
  ]);
  expect(load.code).toBe(0);
  const loadReport = loadCalibrationReportSchema.parse(
    JSON.parse(await readFile(join(load.cwd, 'out/release-gate-load-calibration-report.json'), 'utf8')),
  );
  expect(loadReport.targets.map((t) => [t.url.replace(receiver.url, ''), t.responses, t.errors])).toEqual([
    ['/healthz', 100, 0],
    ['/metrics', 100, 0],
  ]);
  expect(loadReport.settings).toMatchObject({ requests: 100, rate: null, concurrency: 2 });
});

test.each([
  [['calibrate-load'], '--targets is required for load-calibration'],
  [
    ['calibrate-load', '--target', 'http://127.0.0.1:9/', '--error-budget', 'lots'],
    "--error-budget 'lots' is invalid",
  ],
  [['validate-receiver', '--nope', 'x'], "Unknown option '--nope'"],
  [['drill-receiver', '--receiver-url', 'http://127.0.0.1:9/x'], 'set --receiver-metrics-url'],
])('bad usage %j exits 2 with a message', async (args, message) => {
  const run = await runCli(args);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(message);
});
