// rollback-verify re-runs the smoke probes after a rollback, metric probes included: the real bundle
// against a Prometheus API stand-in whose error rate is still high right after the rollback (a rate over
// the last minutes still averages the bad ones) and low from then on. `initialDelay` keeps the probe from
// judging those minutes; an error rate that stays high makes the rollback not verified.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningReceiver, startReceiver } from '../../packages/core/src/receiver/server.js';
import { mergeReportSection } from '../../packages/core/src/report/file.js';
import { runBundle } from '../harness/action.js';
import { type PrometheusApi, type RecordedQuery, startPrometheusApi } from '../servers/prometheus-api.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SHA = 'c'.repeat(40);
const KNOWN_GOOD = 'b'.repeat(40);
const ERROR_RATE =
  'sum(rate(http_requests_total{job="shop",env="production",code=~"5.."}[2m])) / sum(rate(http_requests_total{job="shop",env="production"}[2m]))';
/** How long after the step starts the stand-in still answers the bad minutes' error rate. */
const STILL_BAD_MS = 2500;

let receiver: RunningReceiver;
let prometheus: PrometheusApi;
beforeAll(async () => {
  receiver = await startReceiver({
    secret: SECRET,
    eventLog: join(await mkdtemp(join(tmpdir(), 'verify-metrics-')), 'events.jsonl'),
  });
});
afterAll(async () => receiver.close());
beforeEach(async () => {
  prometheus = await startPrometheusApi();
});
afterEach(async () => prometheus.close());

const probesFile = (url: string, initialDelay: string) => `probes:
  - name: error-rate after the rollback
    type: prometheus
    url: ${url}
    query: |
      sum(rate(http_requests_total{job="shop",env="{{ environment }}",code=~"5.."}[2m]))
        / sum(rate(http_requests_total{job="shop",env="{{ environment }}"}[2m]))
    max: 0.01
    initialDelay: ${initialDelay}
    interval: 300ms
    count: 3
`;

/** A workspace whose report has the rollback section trigger-rollback wrote, and the probes file. */
async function rolledBackWorkspace(initialDelay: string): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'ra-verify-metrics-'));
  const at = new Date(Date.now() - 60_000).toISOString();
  await mergeReportSection(
    join(workspace, 'release-gate/report.json'),
    {
      environment: 'production',
      service: 'shop',
      ref: 'refs/heads/main',
      sha: SHA,
      version: '1.5.0',
      run: { repository: 'acme/shop', id: '2001', attempt: 1, url: null, actor: null, workflow: null },
    },
    'rollback',
    {
      state: 'succeeded',
      rollbackRef: KNOWN_GOOD,
      reason: 'smoke failed: error-rate',
      drill: false,
      startedAt: at,
      finishedAt: at,
      durationMs: 100,
      delivery: null,
    },
  );
  await writeFile(join(workspace, 'rollback-probes.yml'), probesFile(prometheus.url, initialDelay));
  return workspace;
}

let runId = 3000;

/** Runs the rollback-verify bundle (a run of its own: its own webhook ids); `startedAt` is taken just before it starts. */
async function verify(initialDelay: string) {
  runId += 1;
  const workspace = await rolledBackWorkspace(initialDelay);
  const startedAt = Date.now();
  const run = await runBundle('rollback-verify', {
    workspace,
    inputs: {
      environment: 'production',
      service: 'shop',
      sha: SHA,
      probes: 'rollback-probes.yml',
      deadline: '30s',
      'webhook-url': `${receiver.url}/rollback/verify`,
      'metrics-url': `${receiver.url}/internal/release-gate/callbacks`,
      'signing-secret': SECRET,
    },
    env: { GITHUB_RUN_ID: String(runId) },
    timeoutMs: 45_000,
  });
  const report = JSON.parse(await readFile(join(workspace, 'release-gate/report.json'), 'utf8'));
  const probe = report.rollbackCallback.smoke.probes[0];
  return { run, startedAt, report, probe };
}

/** The error rate right after the rollback is still the bad minutes' (0.3), then it is back to 0.002. */
const recovering = (since: number) => (request: RecordedQuery) => ({
  value: request.at < since + STILL_BAD_MS ? 0.3 : 0.002,
});

const values = (probe: { measurements: Array<{ values: Array<{ value: number }> }> }) =>
  probe.measurements.flatMap((m) => m.values.map((v) => v.value));

test('with initialDelay 3s the high error rate right after the rollback is not seen: every measurement after the delay passes, verified', async () => {
  prometheus.answer(ERROR_RATE, recovering(Date.now()));
  const { run, startedAt: stepStartedAt, probe } = await verify('3s');

  expect(run.outputs['rollback-callback-state']).toBe('verified');
  expect(run.outputs['smoke-result']).toBe('passed');
  expect(run.code).toBe(0);
  // The first query came only after the delay, when the rate no longer saw the bad minutes.
  const queries = prometheus.queries(ERROR_RATE);
  expect(queries).toHaveLength(3);
  expect(queries[0]!.at - stepStartedAt).toBeGreaterThanOrEqual(3000);
  expect(prometheus.unmatched).toEqual([]);
  expect(probe.verdict).toBe('passed');
  expect(probe.measurements.map((m: { verdict: string }) => m.verdict)).toEqual([
    'passed',
    'passed',
    'passed',
  ]);
  expect(values(probe)).toEqual([0.002, 0.002, 0.002]);
  expect(probe.analysis).toMatchObject({ initialDelayMs: 3000, count: 3, phase: 'passed' });
  const callback = receiver.events.find((e) => e.webhookId === run.outputs['metrics-delivery-id']);
  expect(callback?.data).toMatchObject({ rollbackCallbackState: 'verified' });
});

test('the same rollback without initialDelay judges the bad minutes: the first measurement fails and the rollback is not verified', async () => {
  prometheus.answer(ERROR_RATE, recovering(Date.now()));
  const { run, probe } = await verify('0s');

  expect(run.outputs['rollback-callback-state']).toBe('failed');
  expect(run.outputs['smoke-result']).toBe('failed');
  expect(probe.measurements[0]).toMatchObject({ verdict: 'failed' });
  expect(probe.measurements[0].values[0].value).toBe(0.3);
  expect(probe.reason).toContain('0.3 > max 0.01');
  const callback = receiver.events.find((e) => e.webhookId === run.outputs['metrics-delivery-id']);
  expect(callback?.data).toMatchObject({ rollbackCallbackState: 'failed' });
});

test('an error rate that stays high after the delay: failed, with the value in the report, the summary and the callback', async () => {
  prometheus.answer(ERROR_RATE, { value: 0.05 });
  const { run, report, probe } = await verify('1s');

  expect(run.outputs['rollback-callback-state']).toBe('failed');
  expect(run.outputs['smoke-result']).toBe('failed');
  expect(run.code).not.toBe(0);
  // failureLimit 0: the first failed measurement ends the probe.
  expect(prometheus.queries(ERROR_RATE)).toHaveLength(1);
  expect(probe.verdict).toBe('failed');
  expect(probe.reason).toContain('0.05 > max 0.01');
  expect(probe.analysis).toMatchObject({ phase: 'failed', failed: 1 });
  expect(report.rollbackCallback.state).toBe('failed');
  expect(run.summary).toContain('0.05');
  const verifyEvent = receiver.events.find((e) => e.webhookId === run.outputs['delivery-id']);
  expect(verifyEvent).toMatchObject({ type: 'rollback.verify', data: { smokeResult: 'failed' } });
  const callback = receiver.events.find((e) => e.webhookId === run.outputs['metrics-delivery-id']);
  expect(callback?.data).toMatchObject({ rollbackCallbackState: 'failed' });
});
