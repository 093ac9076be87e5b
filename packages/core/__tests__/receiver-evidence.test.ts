import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLaxReceiver } from '../../../test/servers/lax-receiver.js';
import { type RunningReceiver, startReceiver } from '../src/receiver/index.js';
import {
  loadCalibrationReportSchema,
  parsePrometheusText,
  percentile,
  proposeBudgets,
  receiverDrillReportSchema,
  receiverValidationReportSchema,
  renderEvidenceReport,
  runLoadCalibration,
  runReceiverDrill,
  runReceiverValidation,
  sumCounter,
  writeEvidenceReport,
} from '../src/receiver-evidence/index.js';

const SECRET = `whsec_${Buffer.from('evidence-test-signing-secret-0123456789').toString('base64')}`;
const CALLBACKS = '/internal/release-gate/callbacks';

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

describe('receiver validation', () => {
  let receiver: RunningReceiver;
  beforeAll(async () => {
    receiver = await startReceiver({ secret: SECRET });
  });
  afterAll(() => receiver.close());

  test('passes every check against the reference receiver, counted through its metrics', async () => {
    const report = await runReceiverValidation({
      receiverUrl: `${receiver.url}${CALLBACKS}`,
      metricsUrl: `${receiver.url}/metrics`,
      signingSecret: SECRET,
      timeoutMs: 2000,
    });
    expect(receiverValidationReportSchema.parse(report)).toEqual(report);
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['signed-event-accepted', 'passed'],
      ['forged-signature-rejected', 'passed'],
      ['missing-signature-rejected', 'passed'],
      ['stale-timestamp-rejected', 'passed'],
      ['malformed-body-rejected', 'passed'],
      ['replay-not-counted-twice', 'passed'],
      ['rejected-events-not-counted', 'passed'],
    ]);
    expect(report.status).toBe('passed');
    expect(report.checks.find((c) => c.name === 'forged-signature-rejected')?.httpStatus).toBe(401);
    expect(report.checks.find((c) => c.name === 'malformed-body-rejected')?.httpStatus).toBe(400);
    for (const check of report.checks.slice(0, 6)) expect(check.latencyMs).toBeGreaterThan(0);
    expect(report.latency?.maxMs).toBeGreaterThanOrEqual(report.latency?.minMs ?? Number.NaN);
    // the receiver really saw exactly one accepted validation event, marked as a drill
    const events = receiver.events.filter((e) => e.data.environment === 'receiver-validation');
    expect(events).toHaveLength(1);
    expect(events[0]?.data.drill).toBe(true);
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  test('without a metrics URL the counting checks are skipped, not passed, and the report is partial', async () => {
    const report = await runReceiverValidation({
      receiverUrl: `${receiver.url}${CALLBACKS}`,
      signingSecret: SECRET,
      environment: 'no-metrics',
    });
    expect(receiverValidationReportSchema.parse(report)).toEqual(report);
    expect({ schemaVersion: report.schemaVersion, status: report.status }).toEqual({
      schemaVersion: 2,
      status: 'partial',
    });
    expect(report.summary).toEqual({
      passed: 5,
      skipped: 2,
      failed: 0,
      failedChecks: [],
      skippedChecks: ['replay-not-counted-twice', 'rejected-events-not-counted'],
    });
    expect(renderEvidenceReport(report)).toContain(
      '**⚠️ Receiver validation partial: 5 checks passed, not proved: replay-not-counted-twice, rejected-events-not-counted**',
    );
    expect(report.checks.filter((c) => c.status === 'skipped').map((c) => c.name)).toEqual([
      'replay-not-counted-twice',
      'rejected-events-not-counted',
    ]);
  });

  test('a receiver with another secret fails the accepted check', async () => {
    const report = await runReceiverValidation({
      receiverUrl: `${receiver.url}${CALLBACKS}`,
      metricsUrl: `${receiver.url}/metrics`,
      signingSecret: 'some-other-secret-value',
    });
    expect(report.status).toBe('failed');
    expect(report.summary.failedChecks).toContain('signed-event-accepted');
    expect(report.checks[0]?.httpStatus).toBe(401);
    expect(JSON.stringify(report)).not.toContain('some-other-secret-value');
  });

  test('fails against the lax receiver, naming each broken part of the contract', async () => {
    const lax = await startLaxReceiver();
    try {
      const report = await runReceiverValidation({
        receiverUrl: lax.callbacksUrl,
        metricsUrl: lax.metricsUrl,
        signingSecret: SECRET,
      });
      expect(report.status).toBe('failed');
      expect(report.summary.failedChecks.sort()).toEqual(
        [
          'forged-signature-rejected',
          'malformed-body-rejected',
          'missing-signature-rejected',
          'rejected-events-not-counted',
          'replay-not-counted-twice',
          'stale-timestamp-rejected',
        ].sort(),
      );
      expect(report.checks.find((c) => c.name === 'replay-not-counted-twice')?.observed).toContain(
        'counter +2',
      );
      const markdown = renderEvidenceReport(report);
      expect(markdown).toContain('Receiver validation failed: forged-signature-rejected');
      expect(markdown).not.toContain(SECRET);
    } finally {
      await lax.close();
    }
  });

  test('an unreachable receiver fails every check with the reason', async () => {
    const { url, server } = await listen(() => {});
    await close(server);
    const report = await runReceiverValidation({ receiverUrl: url, signingSecret: SECRET, timeoutMs: 500 });
    expect(report.status).toBe('failed');
    expect(report.checks[0]?.observed).toMatch(/no answer \(connection failed/);
  });
});

describe('receiver drill', () => {
  test('confirms each environment through metrics and the event log of the reference receiver', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ra-drill-'));
    const eventLog = join(dir, 'events.jsonl');
    const receiver = await startReceiver({ secret: SECRET, eventLog });
    try {
      const report = await runReceiverDrill({
        receiverUrl: `${receiver.url}${CALLBACKS}`,
        metricsUrl: `${receiver.url}/metrics`,
        eventLog,
        signingSecret: SECRET,
        environments: ['staging', 'production'],
        deadlineMs: 2000,
      });
      expect(receiverDrillReportSchema.parse(report)).toEqual(report);
      expect(report.status).toBe('passed');
      expect(report.environments.map((e) => [e.environment, e.outcome, e.confirmedBy.sort()])).toEqual([
        ['staging', 'delivered', ['event-log', 'metrics']],
        ['production', 'delivered', ['event-log', 'metrics']],
      ]);
      for (const env of report.environments) {
        expect(env.deliveryLatencyMs).toBeGreaterThan(0);
        expect(env.deliveryLatencyMs).toBeLessThan(2000);
      }
      const log = (await readFile(eventLog, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(log.map((l) => [l.type, l.data.environment, l.data.drill, l.webhookId])).toEqual([
        ['release_gate.callback', 'staging', true, report.environments[0]?.webhookId],
        ['release_gate.callback', 'production', true, report.environments[1]?.webhookId],
      ]);
    } finally {
      await receiver.close();
    }
  });

  test('an event that is accepted but never recorded is not confirmed within the deadline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ra-drill-'));
    const eventLog = join(dir, 'events.jsonl');
    await writeFile(eventLog, '');
    const lax = await startLaxReceiver(); // writes no event log
    try {
      const started = performance.now();
      const report = await runReceiverDrill({
        receiverUrl: lax.callbacksUrl,
        eventLog,
        environments: ['staging'],
        deadlineMs: 300,
        pollMs: 50,
      });
      expect(performance.now() - started).toBeLessThan(2000);
      expect(report.status).toBe('failed');
      expect(report.environments[0]).toMatchObject({
        outcome: 'not_confirmed',
        httpStatus: 200,
        deliveryLatencyMs: null,
      });
      expect(report.environments[0]?.detail).toContain('not confirmed by event-log within 300ms');
      expect(renderEvidenceReport(report)).toContain('staging not confirmed');
    } finally {
      await lax.close();
    }
  });

  test('a rejected drill event and an unreachable receiver are told apart', async () => {
    const receiver = await startReceiver({ secret: SECRET });
    const { url: deadUrl, server } = await listen(() => {});
    await close(server);
    try {
      const rejected = await runReceiverDrill({
        receiverUrl: `${receiver.url}${CALLBACKS}`,
        metricsUrl: `${receiver.url}/metrics`,
        signingSecret: 'not-the-receiver-secret',
        environments: ['staging'],
        deadlineMs: 500,
      });
      expect(rejected.environments[0]).toMatchObject({ outcome: 'rejected', httpStatus: 401 });
      const unreachable = await runReceiverDrill({
        receiverUrl: `${deadUrl}${CALLBACKS}`,
        metricsUrl: `${receiver.url}/metrics`,
        environments: ['production'],
        deadlineMs: 500,
        timeoutMs: 500,
      });
      expect(unreachable.environments[0]).toMatchObject({ outcome: 'unreachable', httpStatus: null });
      expect(unreachable.summary.failedEnvironments).toEqual(['production']);
    } finally {
      await receiver.close();
    }
  });

  test('a line appended in two writes after multi-byte lines is found once complete', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ra-drill-'));
    const eventLog = join(dir, 'events.jsonl');
    await writeFile(
      eventLog,
      `${JSON.stringify({ webhookId: 'old', data: { note: 'ünïcödé ✓'.repeat(5000) } })}\n`,
    );
    const { url, server } = await listen((req, res) => {
      const id = String(req.headers['webhook-id']);
      req.resume();
      req.on('end', async () => {
        res.writeHead(202);
        res.end();
        const line = JSON.stringify({
          receivedAt: new Date().toISOString(),
          type: 'release_gate.callback',
          webhookId: id,
          data: { note: 'é'.repeat(100) },
        });
        await appendFile(eventLog, line.slice(0, 40));
        setTimeout(() => void appendFile(eventLog, `${line.slice(40)}\n`), 150);
      });
    });
    try {
      const report = await runReceiverDrill({
        receiverUrl: url,
        eventLog,
        environments: ['staging'],
        deadlineMs: 2000,
        pollMs: 20,
      });
      expect(report.environments[0]).toMatchObject({ outcome: 'delivered', confirmedBy: ['event-log'] });
      expect(report.environments[0]?.deliveryLatencyMs).toBeGreaterThanOrEqual(140);
    } finally {
      await close(server);
    }
  });

  test('refuses to run without a way to confirm arrival', async () => {
    await expect(
      runReceiverDrill({ receiverUrl: 'http://127.0.0.1:9/x', environments: ['staging'] }),
    ).rejects.toThrow(/metrics-url .* or event-log/);
  });
});

describe('load calibration', () => {
  test('measures the reference receiver within budgets and proposes calibrated ones', async () => {
    const receiver = await startReceiver({ secret: SECRET });
    try {
      const report = await runLoadCalibration({
        targets: [`${receiver.url}/healthz`],
        requests: 200,
        rate: 500,
        concurrency: 4,
        timeoutMs: 2000,
        hardStopMs: 10_000,
        budgets: { p95Ms: 1000, p99Ms: 2000, errorRate: 0.01 },
      });
      expect(loadCalibrationReportSchema.parse(report)).toEqual(report);
      const target = report.targets[0]!;
      expect(target).toMatchObject({
        status: 'passed',
        responses: 200,
        errors: 0,
        non2xx: 0,
        hardStopped: false,
      });
      expect(target.throughput).toBeGreaterThan(10);
      const latency = target.latency!;
      expect(latency.p50Ms).toBeLessThanOrEqual(latency.p95Ms);
      expect(latency.p95Ms).toBeLessThanOrEqual(latency.p99Ms);
      expect(latency.p99Ms).toBeLessThanOrEqual(latency.maxMs);
      expect(report.proposals.map((p) => p.setting)).toEqual([
        'latency-budget-p95',
        'latency-budget-p99',
        'error-budget',
      ]);
      expect(report.status).toBe('passed');
    } finally {
      await receiver.close();
    }
  });

  test('an erroring target breaches the error budget; a hanging one hits the hard stop', async () => {
    const failing = await listen((_req, res) => {
      res.writeHead(500);
      res.end('no');
    });
    const hanging = await listen(() => {});
    try {
      const report = await runLoadCalibration({
        targets: [`${failing.url}/`, `${hanging.url}/`],
        requests: 20,
        concurrency: 2,
        timeoutMs: 5000,
        hardStopMs: 400,
      });
      expect(report.status).toBe('failed');
      const [bad, hung] = report.targets;
      expect(bad).toMatchObject({ status: 'failed', non2xx: 20, errorRate: 1 });
      expect(bad?.breaches.join()).toContain('error rate 100% is over the 1% budget');
      expect(hung).toMatchObject({ status: 'failed', hardStopped: true, responses: 0, latency: null });
      expect(hung?.elapsedMs).toBeLessThan(3000);
      expect(hung?.breaches).toContain('no request was answered');
      expect(renderEvidenceReport(report)).toContain('Load calibration over budget');
    } finally {
      await close(failing.server);
      await close(hanging.server);
    }
  });

  test('a duration run stops on time and counts refused connections as errors', async () => {
    const { url, server } = await listen(() => {});
    await close(server);
    const started = performance.now();
    const report = await runLoadCalibration({
      targets: [url],
      durationMs: 300,
      rate: 50,
      concurrency: 1,
      hardStopMs: 5000,
    });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(report.settings).toMatchObject({ requests: null, durationMs: 300, rate: 50 });
    expect(report.targets[0]).toMatchObject({
      status: 'failed',
      responses: 0,
      errorRate: 1,
      hardStopped: false,
    });
    expect(report.targets[0]?.errors).toBeGreaterThan(0);
    expect(report.proposals).toEqual([]);
  });

  test.each([
    [{ targets: [] }, /at least one explicit target/],
    [{ targets: ['ftp://127.0.0.1/'] }, /must be http/],
    [{ targets: ['not a url'] }, /is not a URL/],
    [{ targets: ['http://127.0.0.1:9/'], requests: 2, concurrency: 4 }, /at least the concurrency/],
  ])('refuses %j', async (options, message) => {
    await expect(runLoadCalibration(options)).rejects.toThrow(message);
  });

  test('proposals: breached budgets are raised, loose ones tightened, fitting ones kept close', () => {
    const proposals = proposeBudgets(
      { p95Ms: 120, p99Ms: 30, errorRate: 0 },
      { p95Ms: 100, p99Ms: 1000, errorRate: 0.001 },
      0.5,
    );
    expect(proposals[0]).toMatchObject({
      setting: 'latency-budget-p95',
      current: '100ms',
      proposed: '180ms',
    });
    expect(proposals[0]?.reason).toContain('breaches');
    expect(proposals[1]).toMatchObject({ proposed: '45ms' });
    expect(proposals[1]?.reason).toContain('tighten');
    expect(proposals[2]).toMatchObject({ setting: 'error-budget', current: '0.10%', proposed: '0.10%' });
    expect(proposals[2]?.reason).toContain('fits');
    // an error budget below one error in the sample cannot be measured: 200 requests floor it at 0.5%
    const small = proposeBudgets(
      { p95Ms: 0.4, p99Ms: 0.8, errorRate: 0 },
      { p95Ms: 0.5, p99Ms: 1000, errorRate: 0.05 },
      0.5,
      200,
    );
    expect(small[0]).toMatchObject({ current: '0.5ms', proposed: '1ms' });
    expect(small[2]).toMatchObject({ current: '5%', proposed: '0.50%' });
    expect(small[2]?.reason).toContain('one error in 200 requests');
  });
});

describe('helpers', () => {
  test.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 10, 1],
    [[7], 99, 7],
    [[], 50, 0],
  ])('percentile(%j, %d) = %d', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  test('Prometheus text is parsed with escaped labels and summed by label match', () => {
    const samples = parsePrometheusText(
      [
        '# HELP x y',
        'release_gate_rollback_callback_events_total{environment="staging",state="verified"} 3',
        'release_gate_rollback_callback_events_total{environment="staging",state="failed"} 2 1700000000000',
        'release_gate_rollback_callback_events_total{environment="pro\\"d",state="failed"} 5',
        'other_total 9',
        'garbage line',
      ].join('\n'),
    );
    expect(samples).toHaveLength(4);
    expect(
      sumCounter(samples, 'release_gate_rollback_callback_events_total', { environment: 'staging' }),
    ).toBe(5);
    expect(sumCounter(samples, 'release_gate_rollback_callback_events_total', { environment: 'pro"d' })).toBe(
      5,
    );
  });

  test('reports are written as JSON and markdown; an invalid report is never written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ra-evidence-'));
    const report = receiverDrillReportSchema.parse({
      schemaVersion: 1,
      kind: 'receiver-drill',
      generatedAt: '2026-01-01T00:00:00.000Z',
      status: 'passed',
      durationMs: 1,
      receiver: { url: 'http://127.0.0.1/x', metricsUrl: null, eventLog: 'e.jsonl' },
      deadlineMs: 1000,
      environments: [],
      summary: { delivered: 0, failed: 0, failedEnvironments: [] },
    });
    const written = await writeEvidenceReport(dir, report);
    expect(written.jsonPath).toBe(join(dir, 'release-gate-receiver-drill-report.json'));
    expect(JSON.parse(await readFile(written.jsonPath, 'utf8'))).toEqual(report);
    expect(await readFile(written.markdownPath, 'utf8')).toContain('## Receiver drill');
    await expect(writeEvidenceReport(dir, { ...report, generatedAt: 'yesterday' })).rejects.toThrow();
  });
});
