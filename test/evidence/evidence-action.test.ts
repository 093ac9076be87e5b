import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadCalibrationReportSchema,
  type RunningReceiver,
  receiverDrillReportSchema,
  receiverValidationReportSchema,
  startReceiver,
} from '@release-actions/core';
import { runBundle } from '../harness/action.js';
import { runInProcess } from '../harness/in-process.js';
import { leakedSecrets, visibleOutput } from '../harness/secrets.js';
import { startLaxReceiver } from '../servers/lax-receiver.js';

const SECRET = `whsec_${Buffer.from('evidence-action-signing-secret-42').toString('base64')}`;
const TOKEN = 'receiver-bearer-token-7f3a9c';
const CALLBACKS = '/internal/release-gate/callbacks';

let receiver: RunningReceiver;
let eventLog: string;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ra-evidence-receiver-'));
  eventLog = join(dir, 'events.jsonl');
  receiver = await startReceiver({ secret: SECRET, eventLog });
});
afterAll(() => receiver.close());

/**
 * Secrets must appear nowhere: not in outputs, summary, reports, nor in any log line (the only place they
 * may appear is the `::add-mask::` command that registers them with the runner; we do not rely on the
 * runner's masking for anything else).
 */
async function noLeaks(run: { everything: string; workspace: string }) {
  const text = await visibleOutput(run);
  expect(leakedSecrets(text, { SECRET, TOKEN })).toEqual([]);
}

test('receiver-validation passes against the reference receiver; report, markdown, summary, outputs', async () => {
  const run = await runBundle('evidence', {
    inputs: {
      kind: 'receiver-validation',
      'receiver-url': `${receiver.url}${CALLBACKS}`,
      'receiver-metrics-url': `${receiver.url}/metrics`,
      'signing-secret': SECRET,
      'bearer-token': TOKEN,
      timeout: '2s',
    },
  });
  expect(run.code).toBe(0);
  expect(run.outputs.status).toBe('passed');
  expect(run.outputs['report-path']).toBe(
    join(run.workspace, 'build-artifacts/release-gate-receiver-validation-report.json'),
  );
  const report = receiverValidationReportSchema.parse(
    JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')),
  );
  expect(report).toMatchObject({ schemaVersion: 2, status: 'passed' });
  expect(report.summary).toMatchObject({ passed: 7, failed: 0, skipped: 0, skippedChecks: [] });
  expect(await readFile(run.outputs['markdown-path']!, 'utf8')).toContain('Receiver validation passed');
  expect(run.summary).toContain('Receiver validation passed: 7 checks passed');
  expect(run.summary).toContain('| ✅ | replay-not-counted-twice |');
  expect(run.outputs.failed).toBe('[]');
  expect(run.stdout).toContain(`::add-mask::${SECRET}`);
  await noLeaks(run);
});

test('receiver-validation without the receiver metrics URL is partial: the step passes with a warning naming the skipped checks', async () => {
  const run = await runBundle('evidence', {
    inputs: {
      kind: 'receiver-validation',
      'receiver-url': `${receiver.url}${CALLBACKS}`,
      'signing-secret': SECRET,
      timeout: '2s',
    },
  });
  expect(run.code).toBe(0);
  expect(run.outputs.status).toBe('partial');
  expect(run.outputs.failed).toBe('[]');
  const report = receiverValidationReportSchema.parse(
    JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')),
  );
  expect({ schemaVersion: report.schemaVersion, status: report.status }).toEqual({
    schemaVersion: 2,
    status: 'partial',
  });
  expect(report.summary.skippedChecks).toEqual(['replay-not-counted-twice', 'rejected-events-not-counted']);
  expect(run.stdout).toContain(
    '::warning::receiver-validation is partial: replay-not-counted-twice, rejected-events-not-counted skipped (give receiver-metrics-url to prove them)',
  );
  expect(run.summary).toContain('⚠️ Receiver validation partial');
  expect(run.summary).toContain('(schemaVersion 2)');
  await noLeaks(run);
});

test('receiver-validation fails against the lax receiver, naming each failed check', async () => {
  const lax = await startLaxReceiver();
  try {
    const run = await runBundle('evidence', {
      inputs: {
        kind: 'receiver-validation',
        'receiver-url': lax.callbacksUrl,
        'metrics-url': lax.metricsUrl,
        'signing-secret': SECRET,
      },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(JSON.parse(run.outputs.failed!).sort()).toEqual([
      'forged-signature-rejected',
      'malformed-body-rejected',
      'missing-signature-rejected',
      'rejected-events-not-counted',
      'replay-not-counted-twice',
      'stale-timestamp-rejected',
    ]);
    expect(run.stdout).toMatch(
      /::error title=Receiver validation::forged-signature-rejected: expected 4xx, observed 200/,
    );
    expect(run.stdout).toContain('::error::evidence: receiver-validation failed: forged-signature-rejected');
    expect(run.summary).toContain('❌ Receiver validation failed');
    // the report is written even though the step fails
    const report = receiverValidationReportSchema.parse(
      JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')),
    );
    expect(report.status).toBe('failed');
    await noLeaks(run);
  } finally {
    await lax.close();
  }
});

test('fail-on-failed: false keeps the step green but the report and outputs say failed', async () => {
  const lax = await startLaxReceiver();
  try {
    const run = await runBundle('evidence', {
      inputs: {
        kind: 'receiver-drill',
        'receiver-url': lax.callbacksUrl,
        'event-log': 'no-such-log.jsonl',
        environments: 'staging',
        deadline: '300ms',
        'fail-on-failed': 'false',
      },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('failed');
    expect(run.outputs.failed).toBe('["staging"]');
    expect(run.stdout).toContain('::warning::receiver-drill failed: staging');
    expect(run.stdout).toMatch(
      /::error title=Receiver drill::staging: not_confirmed: not confirmed by event-log within 300ms/,
    );
  } finally {
    await lax.close();
  }
});

test('receiver-drill confirms staging and production through metrics and the event log', async () => {
  const run = await runBundle('evidence', {
    inputs: {
      kind: 'receiver-drill',
      'receiver-url': `${receiver.url}${CALLBACKS}`,
      'receiver-metrics-url': `${receiver.url}/metrics`,
      'event-log': eventLog,
      'signing-secret': SECRET,
      deadline: '3s',
    },
  });
  expect(run.code).toBe(0);
  const report = receiverDrillReportSchema.parse(
    JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')),
  );
  expect(report.environments.map((e) => [e.environment, e.outcome])).toEqual([
    ['staging', 'delivered'],
    ['production', 'delivered'],
  ]);
  const ids = report.environments.map((e) => e.webhookId);
  const logged = receiver.events.filter((e) => ids.includes(e.webhookId));
  expect(logged.map((e) => [e.data.environment, e.data.drill])).toEqual([
    ['staging', true],
    ['production', true],
  ]);
  expect(run.summary).toContain('Receiver drill passed: 2 of 2 environments confirmed');
  await noLeaks(run);
});

test('load-calibration measures the reference receiver and writes proposals', async () => {
  const run = await runBundle('evidence', {
    inputs: {
      kind: 'load-calibration',
      targets: `${receiver.url}/healthz`,
      requests: '200',
      rate: '400',
      concurrency: '4',
      'latency-budget-p95': '1s',
      'latency-budget-p99': '2s',
      'hard-stop': '20s',
    },
  });
  expect(run.code).toBe(0);
  const report = loadCalibrationReportSchema.parse(
    JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')),
  );
  expect(report.targets[0]).toMatchObject({ responses: 200, errors: 0, errorRate: 0, status: 'passed' });
  expect(report.proposals).toHaveLength(3);
  expect(run.summary).toContain('### Proposed budgets');
  expect(run.summary).toMatch(/\| ✅ \| GET http:\/\/127\.0\.0\.1:\d+\/healthz \| 200 \|/);
});

test('an input error fails the bundle with a message naming the input', async () => {
  const run = await runBundle('evidence', { inputs: { kind: '' } });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(
    "::error::evidence: Input 'kind' '' is invalid: is required; valid values are: receiver-validation, receiver-drill, load-calibration. Example: kind: receiver-validation",
  );
});

test.each([
  [
    { kind: 'receiver-check' },
    "Input 'kind' 'receiver-check' is invalid: valid values are: receiver-validation, receiver-drill, load-calibration",
  ],
  [
    { kind: 'load-calibration' },
    "Input 'targets' is required for load-calibration: there is no default target; list the loopback or explicitly chosen URLs to load. Example: targets: http://127.0.0.1:8080/healthz",
  ],
  [
    { kind: 'load-calibration', targets: 'http://127.0.0.1:9/', rate: 'fast' },
    "Input 'rate' 'fast' is invalid: must be a whole number from 0 to 100000",
  ],
  [
    { kind: 'load-calibration', targets: 'http://127.0.0.1:9/, ftp://x/' },
    "Input 'targets' 'http://127.0.0.1:9/, ftp://x/' is invalid: not an http:// or https:// URL: ftp://x/",
  ],
  [
    // workflow commands escape % as %25
    { kind: 'load-calibration', targets: 'http://127.0.0.1:9/', 'error-budget': '1.5' },
    "Input 'error-budget' '1.5' is invalid: must be a percentage from 0%25 to 100%25",
  ],
  [
    { kind: 'load-calibration', targets: 'http://127.0.0.1:9/', timeout: '0' },
    "Input 'timeout' '0' is invalid: must be longer than 0. Example: timeout: 5s",
  ],
  [
    { kind: 'receiver-validation' },
    "Input 'receiver-url' is required for receiver-validation: the receiver endpoint events are sent to",
  ],
  [
    { kind: 'receiver-validation', 'receiver-url': 'http://127.0.0.1:9/x' },
    "Input 'signing-secret' is required for receiver-validation: the secret the receiver verifies signatures with. Example: signing-secret: whsec_",
  ],
  [
    { kind: 'receiver-drill', 'receiver-url': 'http://127.0.0.1:9/x' },
    "receiver-drill needs a way to confirm arrival: set Input 'receiver-metrics-url' (the receiver's Prometheus endpoint) or Input 'event-log'",
  ],
  [
    {
      kind: 'receiver-drill',
      'receiver-url': 'http://127.0.0.1:9/x',
      'receiver-metrics-url': 'http://127.0.0.1:9/metrics',
      'metrics-url': 'http://127.0.0.1:9/other',
    },
    "Input 'metrics-url' is the older name of Input 'receiver-metrics-url': give only Input 'receiver-metrics-url'",
  ],
  [
    { kind: 'receiver-validation', 'receiver-url': 'http://127.0.0.1:9/x', 'signing-secret': 'short' },
    "Input 'signing-secret' is invalid: is too short",
  ],
  [
    { kind: 'receiver-drill', 'fail-on-failed': 'no' },
    "Input 'fail-on-failed' 'no' is invalid: must be true or false",
  ],
])('bad inputs %j fail run() with a message naming the input', async (inputs, message) => {
  const run = await runInProcess('evidence', { inputs });
  expect(run.exitCode).toBe(1);
  expect(run.stdout).toContain(`::error::evidence: ${message}`);
  expect(run.stdout).not.toContain('unexpected error');
  expect(run.everything).not.toContain("'short'");
  expect(run.outputs).toEqual({});
});
