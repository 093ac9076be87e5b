import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundle } from '../harness/action.js';
import { leakedSecrets, visibleOutput } from '../harness/secrets.js';
import {
  freePort,
  type MetricsService,
  type Prometheus,
  startMetricsService,
  startPrometheus,
} from '../servers/prometheus.js';
import { type PrometheusApi, startPrometheusApi } from '../servers/prometheus-api.js';

/*
 * Metric probes end to end: the smoke bundle against a real Prometheus (1 s scrapes) that scrapes a local
 * service whose error rate and latency each case sets. One Prometheus serves every case; each case has
 * its own job, so their series never mix.
 */

let service: MetricsService;
let prometheus: Prometheus;
let slowApi: PrometheusApi;

beforeAll(async () => {
  service = await startMetricsService({
    healthy: {},
    spike: {},
    recover: {},
    baseline: { ok: 99, errors: 1 },
  });
  prometheus = await startPrometheus(service);
  slowApi = await startPrometheusApi();
  // A stand-in that answers every query after 10 s: longer than any attempt's timeout.
  slowApi.answer(() => true, { value: 0, delayMs: 10_000 });
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await service?.close();
  await slowApi?.close();
});

/** The share of a job's requests that failed, per series `{code, job}`. */
const errorRatioBySeries = (job: string) =>
  `sum by (job, code) (rate(http_requests_total{job="${job}",code=~"5.."}[3s])) / on (job) group_left sum by (job) (rate(http_requests_total{job="${job}"}[3s]))`;
/** The same as one number. */
const errorRatio = (job: string) =>
  `sum(rate(http_requests_total{job="${job}",code=~"5.."}[3s])) / sum(rate(http_requests_total{job="${job}"}[3s]))`;

interface ProbeReport {
  name: string;
  verdict: string;
  reason: string;
  failures: string[];
  warnings: string[];
  measurements: Array<{
    verdict: string;
    values: Array<{ value: number | string; labels: Record<string, string> }>;
    baseline?: number | null;
  }>;
  analysis: { phase: string; failed: number };
}

/** Runs the smoke bundle with a probes file holding these probes; returns the run and its report section. */
async function smoke(
  probes: Array<Record<string, unknown>>,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
) {
  const workspace = await mkdtemp(join(tmpdir(), 'ra-metrics-'));
  await writeFile(join(workspace, 'probes.yml'), JSON.stringify({ probes }, null, 2));
  const run = await runBundle('smoke', {
    workspace,
    inputs: { probes: 'probes.yml', deadline: '30s', timeout: '2s', ...inputs },
    env,
    timeoutMs: 60_000,
  });
  const report = JSON.parse(await readFile(join(workspace, 'release-gate/report.json'), 'utf8')) as {
    smoke: {
      result: string;
      error?: string;
      durationMs: number;
      probes: ProbeReport[];
      captured: Record<string, unknown>;
    };
  };
  return { run, section: report.smoke, probes: report.smoke.probes };
}

const metric = (name: string, fields: Record<string, unknown>) => ({
  name,
  type: 'prometheus',
  url: prometheus.url,
  interval: '1s',
  ...fields,
});

test('a healthy service passes: error ratio and latency within max, templates filled, the token masked', async () => {
  await prometheus.waitFor(errorRatio('healthy'), (v) => v === 0);
  const token = 'prom-bench-token-93f1c2';
  const { run, section, probes } = await smoke(
    [
      metric('error-rate', {
        // {{ environment }} is the smoke's environment input; the token comes from the step's env.
        query: errorRatioBySeries('{{ environment }}'),
        max: 0.05,
        count: 3,
        headers: { 'X-Scope-OrgID': 'shop-{{ environment }}' },
        bearerToken: '{{ env.PROM_TOKEN }}',
        resultKey: 'errorRateOk',
      }),
      metric('latency', { query: 'http_request_duration_seconds_p99{job="healthy"}', max: 0.3, count: 3 }),
    ],
    { environment: 'healthy' },
    { PROM_TOKEN: token },
  );
  expect(run.outputs.result).toBe('passed');
  expect(section.result).toBe('passed');
  expect(probes.map((p) => [p.name, p.verdict, p.measurements.length])).toEqual([
    ['error-rate', 'passed', 3],
    ['latency', 'passed', 3],
  ]);
  expect(probes[0]!.reason).toMatch(
    /^3 of 3 measurements passed; last: 0 for \{code="500",job="healthy"\} within max 0.05$/,
  );
  expect(probes[1]!.measurements[0]!.values[0]).toMatchObject({ value: 0.05 });
  expect(section.captured).toMatchObject({ errorRateOk: true });
  expect(leakedSecrets(await visibleOutput(run), { token })).toEqual([]);
});

test('an error spike fails the smoke and names the series', async () => {
  service.set('spike', { ok: 10, errors: 40 });
  await prometheus.waitFor(errorRatio('spike'), (v) => v !== undefined && v > 0.7);
  const { run, probes } = await smoke([
    metric('error-rate', { query: errorRatioBySeries('spike'), max: 0.05, count: 5 }),
  ]);
  expect(run.outputs.result).toBe('failed');
  expect(run.code).not.toBe(0);
  expect(probes[0]!.reason).toMatch(
    /^0\.[6-9]\d* > max 0\.05 for \{code="500",job="spike"\} \(1 of 5 measurements failed, 0 allowed\)$/,
  );
  expect(probes[0]!.measurements).toHaveLength(1);
  expect(run.summary).toContain('code="500"');
});

test('a spike that recovers within failureLimit passes', async () => {
  service.set('recover', { latencySeconds: 2 });
  const latency = 'http_request_duration_seconds_p99{job="recover"}';
  await prometheus.waitFor(latency, (v) => v === 2);
  const before = await prometheus.queriesServed();
  const running = smoke([
    metric('latency', { query: latency, max: 0.5, count: 3, interval: '1500ms', failureLimit: 1 }),
  ]);
  // Recover as soon as the smoke's first measurement has been answered (Prometheus counts its queries).
  const until = Date.now() + 20_000;
  while ((await prometheus.queriesServed()) <= before && Date.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 50));
  service.set('recover', { latencySeconds: 0.05 });
  const { run, probes } = await running;
  expect(probes[0]!.measurements.map((m) => m.verdict)).toEqual(['failed', 'passed', 'passed']);
  expect(probes[0]!.reason).toBe(
    '2 of 3 measurements passed (1 failed, 1 allowed); last: 0.05 for http_request_duration_seconds_p99{instance="127.0.0.1:' +
      service.port +
      '",job="recover"} within max 0.5',
  );
  expect(run.outputs.result).toBe('passed');
});

test('the baseline catches an error ratio under max but 3x what it was seconds before', async () => {
  // The baseline needs history: 10 s before the step, plus the rate window.
  const history = 14_000 - (Date.now() - prometheus.firstScrapeAt);
  if (history > 0) await new Promise((resolve) => setTimeout(resolve, history));
  service.set('baseline', { ok: 97, errors: 3 });
  await prometheus.waitFor(errorRatio('baseline'), (v) => v !== undefined && v > 0.028 && v < 0.032);
  const { run, probes } = await smoke([
    metric('error-rate', {
      query: errorRatio('baseline'),
      max: 0.05,
      baseline: { offset: '10s', maxIncrease: 1.5 },
      count: 3,
    }),
  ]);
  expect(run.outputs.result).toBe('failed');
  const [measurement] = probes[0]!.measurements;
  expect(measurement!.values[0]!.value).toBeLessThan(0.05);
  expect(measurement!.baseline).toBeCloseTo(0.01, 3);
  expect(probes[0]!.reason).toMatch(
    /^0\.0\d+ = (2\.[6-9]\d*|3(\.[0-4]\d*)?)x the baseline 0\.0\d+ \(max 1\.5x\) \(1 of 3 measurements failed, 0 allowed\)$/,
  );
});

test('no data follows noData: fail fails, pass passes, inconclusive fails as inconclusive', async () => {
  const query = 'sum(rate(http_requests_total{job="nobody"}[3s]))';
  const { run, probes } = await smoke([
    metric('no-data-fail', { query, max: 1, count: 2, interval: '500ms', noData: 'fail' }),
    metric('no-data-pass', { query, max: 1, count: 2, interval: '500ms', noData: 'pass' }),
    metric('no-data-inconclusive', { query, max: 1, count: 2, interval: '500ms', noData: 'inconclusive' }),
  ]);
  expect(run.outputs.result).toBe('failed');
  expect(probes.map((p) => [p.name, p.verdict, p.analysis.phase])).toEqual([
    ['no-data-fail', 'failed', 'failed'],
    ['no-data-pass', 'passed', 'passed'],
    ['no-data-inconclusive', 'failed', 'inconclusive'],
  ]);
  expect(probes[0]!.reason).toBe(
    'no data: the query returned no series (noData: fail) (1 of 2 measurements failed, 0 allowed)',
  );
  expect(probes[2]!.reason).toBe(
    "inconclusive: no data: the query returned no series (noData: inconclusive) (1 of 2 measurements inconclusive, 0 allowed); a gate never promotes on don't know",
  );
});

test('Prometheus down (connection refused) and slow (answers after the timeout) end within the deadline, named', async () => {
  const down = `http://127.0.0.1:${await freePort()}`;
  const { run, section, probes } = await smoke(
    [
      metric('down', { url: down, query: 'up', max: 1, count: 3 }),
      metric('slow', { url: slowApi.url, query: 'up', max: 1, count: 3, timeout: '1s' }),
    ],
    // The smoke's bearer token is for the service: it must never reach the metrics API.
    { deadline: '6s', 'max-attempts': '2', 'bearer-token': 'service-token-5b7d0e' },
  );
  expect(slowApi.requests.length).toBeGreaterThanOrEqual(3);
  expect(slowApi.requests.map((r) => r.headers.authorization)).toEqual(slowApi.requests.map(() => undefined));
  expect(run.outputs.result).toBe('failed');
  expect(section.durationMs).toBeLessThan(6000);
  expect(run.durationMs).toBeLessThan(9000);
  expect(probes[0]!.reason).toBe(
    'no measurement could be taken: 3 of 3 measurements failed to query; last: connection failed: connection refused (ECONNREFUSED) after 2 attempts',
  );
  expect(probes[1]!.reason).toBe(
    // The last measurement may retry up to the deadline; the others only until the next one is due.
    'no measurement could be taken: 3 of 3 measurements failed to query; last: no answer within 1s after 2 attempts',
  );
  expect(probes[1]!.analysis).toMatchObject({ phase: 'error' });
});

test('a PromQL syntax error is a configuration error: result error, naming the probe', async () => {
  const { run, section } = await smoke([
    metric('broken-query', { query: 'sum(rate(http_requests_total[1m])', max: 1, count: 3 }),
  ]);
  expect(run.outputs.result).toBe('error');
  expect(section.error).toMatch(
    /^broken-query: the query is not valid PromQL \(Prometheus answered HTTP 400 bad_data\): .*parse error/,
  );
  expect(run.code).not.toBe(0);
});
