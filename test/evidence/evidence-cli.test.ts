import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  evidenceKinds,
  loadCalibrationReportSchema,
  type RunningReceiver,
  receiverDrillReportSchema,
  receiverValidationReportSchema,
  startReceiver,
} from '@release-actions/core';
import { run } from '../../packages/cli/src/commands/evidence.js';
import { resolveCommand } from '../../packages/cli/src/commands.js';
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
  expect({ schemaVersion: report.schemaVersion, status: report.status }).toEqual({
    schemaVersion: 2,
    status: 'passed',
  });
  expect(leakedSecrets(run.stdout + run.stderr + (await readTree(run.cwd)), { SECRET })).toEqual([]);
});

test('evidence receiver-validation without --receiver-metrics-url is partial (exit 0, a warning naming the skipped checks)', async () => {
  const run = await runCli(
    ['evidence', 'receiver-validation', '--receiver-url', `${receiver.url}${CALLBACKS}`, '--json'],
    { env: { RELEASE_GATE_SIGNING_SECRET: SECRET } },
  );
  expect(run.code).toBe(0);
  const report = receiverValidationReportSchema.parse(JSON.parse(run.stdout));
  expect({ schemaVersion: report.schemaVersion, status: report.status }).toEqual({
    schemaVersion: 2,
    status: 'partial',
  });
  expect(run.stderr).toContain('receiver-validation partial: ');
  expect(run.stderr).toContain(
    'warning: receiver-validation is partial: replay-not-counted-twice, rejected-events-not-counted skipped',
  );
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

test('an old verb and `evidence <kind>` (or --kind) give the same result', async () => {
  const flags = [
    '--receiver-url',
    `${receiver.url}${CALLBACKS}`,
    '--event-log',
    eventLog,
    '--environments',
    'staging,production',
    '--deadline',
    '2s',
    '--signing-secret',
    SECRET,
    '--json',
  ];
  const runs = [
    await runCli(['drill-receiver', ...flags]),
    await runCli(['evidence', 'receiver-drill', ...flags]),
    await runCli(['evidence', '--kind', 'receiver-drill', ...flags]),
  ];
  const results = runs.map((run) => {
    const report = receiverDrillReportSchema.parse(JSON.parse(run.stdout));
    return {
      code: run.code,
      status: report.status,
      environments: report.environments.map((e) => [e.environment, e.outcome, e.confirmedBy]),
      stderr: run.stderr.replaceAll(run.cwd, '<cwd>').replace(/evt_\w+|\d+(\.\d+)?ms/g, '<varies>'),
    };
  });
  expect(results[0]).toMatchObject({
    code: 0,
    status: 'passed',
    environments: [
      ['staging', 'delivered', ['event-log']],
      ['production', 'delivered', ['event-log']],
    ],
  });
  expect(results[1]).toEqual(results[0]);
  expect(results[2]).toEqual(results[0]);
});

/** The evidence command's run() in this process, with its output captured (cheaper than a child process). */
async function runInProcess(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const output = { stdout: '', stderr: '' };
  const sink = (key: keyof typeof output) =>
    new Writable({
      write(chunk, _encoding, done) {
        output[key] += String(chunk);
        done();
      },
    });
  const cwd = await mkdtemp(join(tmpdir(), 'ra-evidence-cli-in-process-'));
  const code = await run(argv, { stdout: sink('stdout'), stderr: sink('stderr'), env, cwd });
  return { code, ...output };
}

test.each([
  ['calibrate-load', []],
  ['calibrate-load', ['--target', 'http://127.0.0.1:9/', '--error-budget', 'lots']],
  ['validate-receiver', ['--receiver-url', 'http://127.0.0.1:9/x']],
  ['validate-receiver', ['--targets', 'http://127.0.0.1:9/']],
  ['drill-receiver', ['--receiver-url', 'http://127.0.0.1:9/x']],
  ['drill-receiver', ['--kind', 'load-calibration']],
])('bad usage: the alias %s %j and evidence <kind> give the same message and exit 2', async (verb, args) => {
  const resolved = resolveCommand(verb, args)!;
  expect(resolved.name).toBe('evidence');
  const kind = resolved.argv[0]!;
  expect(resolved.argv).toEqual([kind, ...args]);
  const viaAlias = await runInProcess(resolved.argv);
  const viaVerb = await runInProcess(['--kind', kind, ...args]);
  expect(viaAlias.code).toBe(2);
  expect(viaAlias.stderr).toMatch(/^release-gate evidence: /);
  if (!args.includes('--kind')) expect(viaVerb).toEqual(viaAlias);
});

test.each([
  [
    [],
    "the kind '' is invalid: is required; valid values are: receiver-validation, receiver-drill, load-calibration. Example: release-gate evidence receiver-validation",
  ],
  [['receiver-check'], "the kind 'receiver-check' is invalid: valid values are:"],
  [
    ['receiver-drill', '--kind', 'load-calibration'],
    "the kind is given twice, 'receiver-drill' and --kind 'load-calibration': give it once",
  ],
  [
    ['load-calibration'],
    '--targets is required for load-calibration: there is no default target; list the loopback or explicitly chosen URLs to load. Example: --targets http://127.0.0.1:8080/healthz',
  ],
  [
    ['load-calibration', '--target', 'http://127.0.0.1:9/', '--timeout', '0'],
    "--timeout '0' is invalid: must be longer than 0. Example: --timeout 5s",
  ],
  [
    ['load-calibration', '--target', 'http://127.0.0.1:9/', '--method', 'FETCH'],
    "--method 'FETCH' is invalid: valid values are: GET, HEAD",
  ],
  [
    ['receiver-validation', '--receiver-url', 'http://127.0.0.1:9/x'],
    '--signing-secret is required for receiver-validation: the secret the receiver verifies signatures with. Example: --signing-secret whsec_',
  ],
  [
    ['receiver-validation', '--targets', 'http://127.0.0.1:9/', '--event-log', 'x'],
    '--targets, --event-log: not a flag of receiver-validation',
  ],
  [
    [
      'receiver-drill',
      '--receiver-url',
      'http://127.0.0.1:9/x',
      '--receiver-metrics-url',
      'http://127.0.0.1:9/m',
      '--metrics-url',
      'http://127.0.0.1:9/o',
    ],
    '--metrics-url is the older name of --receiver-metrics-url: give only --receiver-metrics-url',
  ],
  [
    ['receiver-drill', '--receiver-url', 'http://127.0.0.1:9/x', '--fail-on-failed', 'maybe'],
    "--fail-on-failed 'maybe' is invalid: must be true or false",
  ],
  [['receiver-drill', '--nope'], "Unknown option '--nope'"],
])('bad usage: evidence %j exits 2 naming the flag', async (argv, message) => {
  const result = await runInProcess(argv);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`release-gate evidence: ${message}`);
  expect(result.stdout).toBe('');
});

test('a secret in the environment is read only by the kinds that take it', async () => {
  const env = { RELEASE_GATE_SIGNING_SECRET: 'short' };
  const validation = await runInProcess(
    ['receiver-validation', '--receiver-url', 'http://127.0.0.1:9/x'],
    env,
  );
  expect(validation.stderr).toContain('--signing-secret is invalid: is too short');
  expect(validation.stderr).not.toContain("'short'");
  const load = await runInProcess(['load-calibration', '--rate', 'fast'], env);
  expect(load.stderr).toContain("--rate 'fast' is invalid");
  expect(load.stderr).not.toContain('signing-secret');
});

test('--help lists every kind with its flags; <kind> --help only that kind', async () => {
  const all = await runInProcess(['--help']);
  expect(all.code).toBe(0);
  for (const kind of evidenceKinds) expect(all.stdout).toContain(`\n${kind}:\n`);
  expect(all.stdout).toMatch(/--tolerance <value> +e\.g\. 5m/);
  expect(all.stdout).toMatch(/--targets <value> +e\.g\. .* \(repeatable; or --target\)/);
  const one = await runInProcess(resolveCommand('calibrate-load', ['--help'])!.argv);
  expect(one.code).toBe(0);
  expect(one.stdout).toMatch(/^release-gate evidence load-calibration \[flags\]/);
  expect(one.stdout).toContain('--headroom <value>');
  expect(one.stdout).not.toContain('--receiver-url');
});
