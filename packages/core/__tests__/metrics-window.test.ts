import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PrometheusApi, startPrometheusApi } from '../../../test/servers/prometheus-api.js';
import { ConfigurationError } from '../src/errors.js';
import { runSmoke } from '../src/probes/engine.js';
import { loadProbes } from '../src/probes/load.js';
import { type MetricRunContext, runMetricProbe } from '../src/probes/metrics/analysis.js';
import { type PrometheusProbe, smokePolicySchema } from '../src/probes/schema.js';
import { smokeSectionSchema } from '../src/report/smoke-section.js';

let api: PrometheusApi;
beforeAll(async () => {
  api = await startPrometheusApi();
});
afterAll(() => api.close());

let queries = 0;
/** A query string of its own for each test, so answers never mix. */
const fresh = () => `sum(rate(http_requests_total{test="${++queries}"}[1m]))`;

const OK = { value: 0.001 };
const BAD = { vector: [{ labels: { job: 'shop', code: '500' }, value: 0.05 }] };

function probe(extra: Partial<PrometheusProbe> = {}): PrometheusProbe {
  return {
    type: 'prometheus',
    name: 'error-rate',
    target: api.url,
    dryRun: false,
    assertions: [],
    url: api.url,
    query: fresh(),
    headers: {},
    secretHeaders: ['authorization'],
    max: 0.01,
    initialDelayMs: 0,
    intervalMs: 30,
    count: 3,
    failureLimit: 0,
    consecutiveErrorLimit: 4,
    inconclusiveLimit: 0,
    noData: 'fail',
    ...extra,
  };
}

function context(extra: Partial<MetricRunContext> = {}): MetricRunContext {
  return {
    policy: smokePolicySchema.parse({ timeoutMs: 500, backoffBaseMs: 5, backoffCapMs: 20, maxAttempts: 2 }),
    deadlineAt: Date.now() + 5000,
    stepStartedAt: Date.now(),
    signal: new AbortController().signal,
    templates: {},
    env: {},
    redact: (text) => text,
    ...extra,
  };
}

describe('the analysis window', () => {
  test('a healthy window passes after count measurements scheduled interval apart', async () => {
    const p = probe({ intervalMs: 200, count: 4 });
    api.answer(p.query, { ...OK, delayMs: 150 });
    const outcome = await runMetricProbe(p, context());
    expect(outcome).toMatchObject({
      passed: true,
      reason: '4 of 4 measurements passed; last: 0.001 within max 0.01',
      failures: [],
      statusCodes: [200, 200, 200, 200],
      analysis: { phase: 'passed', failed: 0, errors: 0, inconclusive: 0, count: 4, max: 0.01 },
    });
    expect(outcome.measurements.map((m) => m.verdict)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(outcome.measurements[0]!.values).toEqual([{ labels: {}, value: 0.001, verdict: 'passed' }]);
    expect(outcome.measurements[0]!.durationMs).toBeGreaterThanOrEqual(150);
    // Scheduled from the start: the last one 3 intervals (600 ms) after the first, not 3 x (interval +
    // answer) (1050 ms).
    const times = outcome.measurements.map((m) => Date.parse(m.at));
    expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(590);
    expect(times[3]! - times[0]!).toBeLessThan(900);
    expect(api.queries(p.query)).toHaveLength(4);
  });

  test('failures beyond failureLimit fail at once, naming the series and the counts', async () => {
    const p = probe({ count: 5, failureLimit: 1 });
    api.answer(p.query, [OK, BAD, OK, BAD, OK]);
    const outcome = await runMetricProbe(p, context());
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toBe(
      '0.05 > max 0.01 for {code="500",job="shop"} (2 of 5 measurements failed, 1 allowed)',
    );
    expect(outcome.measurements).toHaveLength(4);
    expect(outcome.analysis).toMatchObject({ phase: 'failed', failed: 2 });
    expect(outcome.failures).toEqual([
      `measurement 2 (${outcome.measurements[1]!.at}): 0.05 > max 0.01 for {code="500",job="shop"}`,
      `measurement 4 (${outcome.measurements[3]!.at}): 0.05 > max 0.01 for {code="500",job="shop"}`,
    ]);
    expect(outcome.measurements[1]!.values[0]).toMatchObject({
      labels: { job: 'shop', code: '500' },
      verdict: 'failed',
      reason: '0.05 > max 0.01 for {code="500",job="shop"}',
    });
  });

  test('a spike within failureLimit passes and says so', async () => {
    const p = probe({ count: 3, failureLimit: 1 });
    api.answer(p.query, [BAD, OK, OK]);
    const outcome = await runMetricProbe(p, context());
    expect(outcome).toMatchObject({
      passed: true,
      reason: '2 of 3 measurements passed (1 failed, 1 allowed); last: 0.001 within max 0.01',
    });
    expect(outcome.failures).toHaveLength(1);
  });

  test('query errors in a row beyond consecutiveErrorLimit end the probe in error', async () => {
    const p = probe({ count: 6, intervalMs: 250, consecutiveErrorLimit: 1 });
    api.answer(p.query, { status: 503, error: 'overloaded' });
    const outcome = await runMetricProbe(p, context());
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toBe(
      'the query failed 2 times in a row (consecutiveErrorLimit 1): Prometheus answered HTTP 503 unavailable: overloaded after 2 attempts',
    );
    expect(outcome.analysis).toMatchObject({ phase: 'error', errors: 2 });
    expect(outcome.statusCodes).toEqual([503, 503, 503, 503]);
  });

  test('errors that are not in a row pass with a warning; a window of only errors fails', async () => {
    const mixed = probe({ count: 4, consecutiveErrorLimit: 1 });
    api.answer(mixed.query, [{ status: 502 }, OK, { status: 502 }, OK]);
    const once = smokePolicySchema.parse({ timeoutMs: 500, maxAttempts: 1 });
    const passed = await runMetricProbe(mixed, context({ policy: once }));
    expect(passed).toMatchObject({ passed: true, analysis: { errors: 2, phase: 'passed' } });
    expect(passed.warnings).toContain('2 of 4 measurements could not be taken (query errors)');

    const broken = probe({ count: 2 });
    api.answer(broken.query, { status: 500 });
    const failed = await runMetricProbe(broken, context());
    expect(failed.passed).toBe(false);
    expect(failed.reason).toMatch(
      /^no measurement could be taken: 2 of 2 measurements failed to query; last: /,
    );
  });

  test('inconclusive measurements beyond inconclusiveLimit end inconclusive, which fails', async () => {
    const p = probe({ count: 4, noData: 'inconclusive', inconclusiveLimit: 1 });
    api.answer(p.query, { empty: true });
    const outcome = await runMetricProbe(p, context());
    expect(outcome).toMatchObject({ passed: false, analysis: { phase: 'inconclusive', inconclusive: 2 } });
    expect(outcome.reason).toBe(
      "inconclusive: no data: the query returned no series (noData: inconclusive) (2 of 4 measurements inconclusive, 1 allowed); a gate never promotes on don't know",
    );
    expect(outcome.measurements).toHaveLength(2);
  });

  test.each([
    ['pass', true, 'passed'],
    ['fail', false, 'failed'],
  ] as const)('no data with noData: %s', async (noData, passed, phase) => {
    const p = probe({ count: 2, noData });
    api.answer(p.query, { empty: true });
    const outcome = await runMetricProbe(p, context());
    expect(outcome).toMatchObject({ passed, analysis: { phase } });
    expect(outcome.measurements[0]).toMatchObject({
      values: [],
      reason: `no data: the query returned no series (noData: ${noData})`,
    });
  });

  test('the deadline ends the window, naming how many measurements ran', async () => {
    const p = probe({ count: 10, intervalMs: 300 });
    api.answer(p.query, OK);
    const started = performance.now();
    const outcome = await runMetricProbe(p, context({ deadlineAt: Date.now() + 750 }));
    expect(performance.now() - started).toBeLessThan(1200);
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toBe('deadline reached after 3 of 10 measurements; last: 0.001 within max 0.01');
  });

  test('a slow API: each attempt times out, and nothing waits past the deadline', async () => {
    const p = probe({ count: 1, timeoutMs: 100 });
    api.answer(p.query, { ...OK, delayMs: 3000 });
    const started = performance.now();
    const outcome = await runMetricProbe(p, context({ deadlineAt: Date.now() + 1000 }));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toBe(
      'no measurement could be taken: 1 of 1 measurement failed to query; last: no answer within 100ms after 2 attempts',
    );
  });

  test('cancellation stops the wait at once', async () => {
    const p = probe({ count: 3, intervalMs: 5000 });
    api.answer(p.query, OK);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const outcome = await runMetricProbe(
      p,
      context({ signal: controller.signal, deadlineAt: Date.now() + 20_000 }),
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(outcome).toMatchObject({ passed: false });
    expect(outcome.reason).toBe('cancelled after 1 of 3 measurements; last: 0.001 within max 0.01');
  });

  test('429 with Retry-After waits as long as asked, within the window', async () => {
    const p = probe({ count: 1 });
    api.answer(p.query, [{ status: 429, retryAfter: '1' }, OK]);
    const outcome = await runMetricProbe(p, context());
    expect(outcome).toMatchObject({ passed: true, statusCodes: [429, 200] });
    const [first, second] = api.queries(p.query).map((r) => r.at);
    expect(second! - first!).toBeGreaterThanOrEqual(950);
  });

  test('a Retry-After past the next measurement gives up on that measurement instead of waiting', async () => {
    const p = probe({ count: 2, intervalMs: 200, consecutiveErrorLimit: 0 });
    api.answer(p.query, { status: 429, retryAfter: '5' });
    const started = performance.now();
    const outcome = await runMetricProbe(p, context());
    expect(performance.now() - started).toBeLessThan(1000);
    expect(outcome.reason).toBe(
      'the query failed 1 time in a row (consecutiveErrorLimit 0): Prometheus answered HTTP 429 unavailable: stand-in answered 429 (Retry-After 5s is past the next measurement or the deadline)',
    );
  });

  test('a refused connection is a query error naming it', async () => {
    const p = probe({ count: 1, url: 'http://127.0.0.1:9' });
    const outcome = await runMetricProbe(p, context());
    expect(outcome.reason).toContain('connection refused (ECONNREFUSED) after 2 attempts');
  });

  test('queries are POSTed as a form with a fractional time, keeping the path prefix', async () => {
    const p = probe({ count: 1, url: `${api.url}/prometheus` });
    api.answer(p.query, OK);
    const before = Date.now() / 1000;
    await runMetricProbe(p, context());
    const [request] = api.queries(p.query);
    expect(request).toMatchObject({ method: 'POST', path: '/prometheus/api/v1/query' });
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const time = Number(request!.form.time);
    expect(time).toBeGreaterThanOrEqual(before - 0.01);
    expect(time).toBeLessThan(before + 2);
  });

  test('a PromQL syntax error is a configuration error quoting Prometheus', async () => {
    const p = probe({ count: 3 });
    api.answer(p.query, { badData: 'invalid parameter "query": 1:5: parse error: unexpected <by>' });
    await expect(runMetricProbe(p, context())).rejects.toThrow(
      new ConfigurationError(
        'the query is not valid PromQL (Prometheus answered HTTP 400 bad_data): invalid parameter "query": 1:5: parse error: unexpected <by>',
      ),
    );
  });

  test('a matrix answer is a configuration error', async () => {
    const p = probe({ count: 1 });
    api.answer(p.query, { matrix: [{ labels: {} }] });
    await expect(runMetricProbe(p, context())).rejects.toThrow(/wrap a range in rate\(\)/);
  });
});

describe('the baseline', () => {
  test('is queried once at the step start minus the offset; 3x the baseline fails with the ratio', async () => {
    const stepStartedAt = Date.now();
    const p = probe({ count: 3, max: 0.01, baseline: { offsetMs: 60_000, maxIncrease: 1.5 } });
    api.answer(p.query, (request) =>
      Number(request.form.time) < stepStartedAt / 1000 - 30 ? { value: 0.001 } : { value: 0.003 },
    );
    const outcome = await runMetricProbe(p, context({ stepStartedAt }));
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toBe(
      '0.003 = 3x the baseline 0.001 (max 1.5x) (1 of 3 measurements failed, 0 allowed)',
    );
    expect(outcome.measurements[0]).toMatchObject({ baseline: 0.001, verdict: 'failed' });
    const times = api.queries(p.query).map((r) => Number(r.form.time));
    expect(times).toHaveLength(2);
    expect(times[0]).toBeCloseTo((stepStartedAt - 60_000) / 1000, 2);
    expect(outcome.analysis.baseline).toEqual({ offsetMs: 60_000, maxIncrease: 1.5 });
  });

  test('a baseline query that fails makes that measurement an error and is asked again with the next', async () => {
    const stepStartedAt = Date.now();
    const p = probe({ count: 2, intervalMs: 100, max: 0.01, baseline: { offsetMs: 60_000, maxIncrease: 2 } });
    let baselineAsked = 0;
    api.answer(p.query, (request) => {
      if (Number(request.form.time) > stepStartedAt / 1000 - 30) return { value: 0.004 };
      baselineAsked += 1;
      return baselineAsked === 1 ? { status: 503, error: 'warming up' } : { value: 0.001 };
    });
    const once = smokePolicySchema.parse({ timeoutMs: 500, maxAttempts: 1 });
    const outcome = await runMetricProbe(p, context({ stepStartedAt, policy: once }));
    expect(outcome.measurements.map((m) => [m.verdict, m.reason])).toEqual([
      ['error', 'baseline query: Prometheus answered HTTP 503 unavailable: warming up'],
      ['failed', '0.004 = 4x the baseline 0.001 (max 2x)'],
    ]);
    expect(baselineAsked).toBe(2);
  });

  test('no baseline data: a warning, and max alone judges', async () => {
    const stepStartedAt = Date.now();
    const p = probe({ count: 1, max: 0.01, baseline: { offsetMs: 60_000, maxIncrease: 2 } });
    api.answer(p.query, (request) =>
      Number(request.form.time) > stepStartedAt / 1000 - 30 ? { value: 0.004 } : { empty: true },
    );
    const outcome = await runMetricProbe(p, context({ stepStartedAt }));
    expect(outcome).toMatchObject({
      passed: true,
      warnings: ['no baseline data 1m before the step: only min/max judge it'],
    });
    expect(outcome.measurements[0]).toMatchObject({ baseline: null });
  });

  test('a baseline of 0 without max is a configuration error', async () => {
    const p = probe({ count: 1, max: undefined, baseline: { offsetMs: 1000, maxIncrease: 2 } });
    api.answer(p.query, { value: 0 });
    await expect(runMetricProbe(p, context())).rejects.toThrow(
      'so maxIncrease cannot apply; set max (an absolute ceiling) as well',
    );
  });
});

describe('templates and secrets', () => {
  test('release values and env templates are rendered; an env value is a secret', async () => {
    const p = probe({
      count: 1,
      query: 'up{env="{{ environment }}",version="{{ version }}",job="{{ env.JOB }}"}',
    });
    api.answer(p.query.replace(/\{\{[^}]+\}\}/g, 'x'), OK);
    api.answer('up{env="staging",version="1.4.2",job="shop-secret-job"}', OK);
    const secrets: string[] = [];
    const outcome = await runMetricProbe(
      p,
      context({
        templates: { environment: 'staging', version: '1.4.2' },
        env: { JOB: 'shop-secret-job' },
        onSecret: (value) => secrets.push(value),
        redact: (text) => text.replaceAll('shop-secret-job', '***'),
      }),
    );
    expect(outcome.passed).toBe(true);
    expect(secrets).toEqual(['shop-secret-job']);
    expect(outcome.analysis.query).toBe('up{env="staging",version="1.4.2",job="***"}');
  });

  test.each([
    [
      { query: 'up{env="{{ environment }}"}' },
      "query: {{ environment }} has no value; set the smoke input 'environment'",
    ],
    [
      { query: 'up{job="{{ env.MISSING_JOB }}"}' },
      'query: {{ env.MISSING_JOB }}: the environment variable MISSING_JOB is not set',
    ],
    [
      { bearerToken: '{{ env.NO_TOKEN }}' },
      'bearerToken: {{ env.NO_TOKEN }}: the environment variable NO_TOKEN is not set',
    ],
    [
      { headers: { 'X-Scope-OrgID': '{{ nope }}' } },
      "header 'X-Scope-OrgID': '{{ nope }}' is not a template; use {{ environment }}",
    ],
  ])('a template without a value is a configuration error naming it (%#)', async (extra, message) => {
    const p = probe({ count: 1, ...extra });
    await expect(runMetricProbe(p, context())).rejects.toThrow(message);
  });
});

describe('through the engine and the probes file', () => {
  const write = async (text: string) => {
    const dir = await mkdtemp(join(tmpdir(), 'metrics-window-'));
    const file = join(dir, 'probes.yml');
    await writeFile(file, text);
    return file;
  };
  const FAST = { timeoutMs: 500, deadlineMs: 5000, backoffBaseMs: 5, backoffCapMs: 20 };

  test("only the probe's own headers and token are sent: never the smoke's defaults", async () => {
    const query = fresh();
    api.answer(query, OK);
    process.env.METRICS_TEST_TOKEN = 'prom-token-4f1e9c';
    try {
      const file = await write(
        [
          'probes:',
          '  - name: error-rate',
          '    type: prometheus',
          `    url: ${api.url}`,
          `    query: '${query}'`,
          '    max: 0.01',
          '    interval: 10ms',
          '    count: 2',
          '    headers: { X-Scope-OrgID: shop }',
          '    bearerToken: "{{ env.METRICS_TEST_TOKEN }}"',
          '    resultKey: errorRateOk',
        ].join('\n'),
      );
      const probes = await loadProbes({
        probesFile: file,
        defaults: { headers: { Authorization: 'Bearer service-token-77', 'X-Service-Key': 'svc-key' } },
      });
      const section = await runSmoke(probes, FAST, { env: process.env });
      expect(smokeSectionSchema.safeParse(section).success).toBe(true);
      expect(section).toMatchObject({ result: 'passed', captured: { errorRateOk: true } });
      expect(section.probes[0]).toMatchObject({ type: 'prometheus', verdict: 'passed', attempts: 2 });
      const [request] = api.queries(query);
      expect(request!.headers.authorization).toBe('Bearer prom-token-4f1e9c');
      expect(request!.headers['x-scope-orgid']).toBe('shop');
      expect(request!.headers['x-service-key']).toBeUndefined();
      expect(JSON.stringify(section)).not.toContain('prom-token-4f1e9c');
    } finally {
      delete process.env.METRICS_TEST_TOKEN;
    }
  });

  test('a PromQL syntax error makes the smoke result error, naming the probe', async () => {
    const query = fresh();
    api.answer(query, { badData: '1:3: parse error: unexpected end of input' });
    const file = await write(
      `probes:\n  - name: broken-query\n    type: prometheus\n    url: ${api.url}\n    query: '${query}'\n    max: 1\n`,
    );
    const section = await runSmoke(await loadProbes({ probesFile: file }), FAST);
    expect(section.result).toBe('error');
    expect(section.error).toBe(
      'broken-query: the query is not valid PromQL (Prometheus answered HTTP 400 bad_data): 1:3: parse error: unexpected end of input',
    );
    expect(section.probes[0]).toMatchObject({ verdict: 'failed' });
  });

  test('a window that does not fit the deadline is refused before anything runs', async () => {
    const file = await write(
      `probes:\n  - name: long\n    type: prometheus\n    url: ${api.url}\n    query: up\n    max: 1\n    interval: 2s\n    count: 4\n`,
    );
    await expect(runSmoke(await loadProbes({ probesFile: file }), FAST)).rejects.toThrow(
      /probe 'long': its analysis window .* does not fit the smoke deadline 5s/,
    );
  });
});
