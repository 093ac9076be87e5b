import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProbes } from '../src/probes/load.js';
import { normaliseMetricEntry } from '../src/probes/metrics/normalise.js';
import type { ProbeFileEntry } from '../src/probes/schema.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'metrics-entry-'));
});

let files = 0;
/** Loads a probes file holding these YAML lines (under `probes:`), as the action does. */
async function load(...lines: string[]) {
  const file = join(dir, `probes-${++files}.yml`);
  await writeFile(file, ['probes:', ...lines].join('\n'));
  return loadProbes({ probesFile: file, labels: { urls: 'urls', probes: 'probes' } });
}
const where = (n: number) => `probes file '${join(dir, `probes-${files}.yml`)}', probe ${n}`;

const METRIC = [
  '  - name: error-rate',
  '    type: prometheus',
  '    url: https://prometheus.example.com',
  '    query: sum(rate(http_requests_total{code=~"5.."}[2m]))',
];

describe('a prometheus entry', () => {
  test('gets every default, and none of the smoke defaults', async () => {
    const file = join(dir, 'defaults.yml');
    await writeFile(file, ['probes:', ...METRIC, '    max: 0.01'].join('\n'));
    const [probe] = await loadProbes({
      probesFile: file,
      defaults: { headers: { Authorization: 'Bearer service' }, secretHeaders: ['x-key'] },
    });
    expect(probe).toEqual({
      type: 'prometheus',
      name: 'error-rate',
      target: 'https://prometheus.example.com/',
      dryRun: false,
      assertions: [],
      url: 'https://prometheus.example.com',
      query: 'sum(rate(http_requests_total{code=~"5.."}[2m]))',
      headers: {},
      secretHeaders: ['authorization', 'proxy-authorization', 'cookie'],
      max: 0.01,
      initialDelayMs: 0,
      intervalMs: 30_000,
      count: 1,
      failureLimit: 0,
      consecutiveErrorLimit: 4,
      inconclusiveLimit: 0,
      noData: 'fail',
    });
  });

  test('reads every field: durations, baseline, limits, headers, token, resultKey', async () => {
    const [probe] = await load(
      ...METRIC,
      '    min: 0',
      '    max: 0.01',
      '    baseline: { offset: 1h, maxIncrease: 1.5 }',
      '    initialDelay: 2m',
      '    interval: 30s',
      '    count: 10',
      '    failureLimit: 1',
      '    consecutiveErrorLimit: 2',
      '    inconclusiveLimit: 1',
      '    noData: inconclusive',
      '    headers: { X-Scope-OrgID: "{{ env.TENANT }}" }',
      '    bearerToken: "{{ env.PROM_TOKEN }}"',
      '    timeout: 5s',
      '    resultKey: errorRateOk',
    );
    expect(probe).toMatchObject({
      min: 0,
      max: 0.01,
      baseline: { offsetMs: 3_600_000, maxIncrease: 1.5 },
      initialDelayMs: 120_000,
      intervalMs: 30_000,
      count: 10,
      failureLimit: 1,
      consecutiveErrorLimit: 2,
      inconclusiveLimit: 1,
      noData: 'inconclusive',
      timeoutMs: 5000,
      bearerToken: '{{ env.PROM_TOKEN }}',
      headers: { 'X-Scope-OrgID': '{{ env.TENANT }}' },
      scenario: { resultKey: 'errorRateOk' },
    });
    expect(probe?.type === 'prometheus' && probe.secretHeaders).toContain('x-scope-orgid');
  });

  test.each([
    [
      ['  - type: prometheus', '    url: https://prometheus.example.com', '    max: 1'],
      "a prometheus probe needs 'url' and 'query' (missing 'query')",
    ],
    [
      ['  - type: prometheus', '    query: up', '    max: 1'],
      "a prometheus probe needs 'url' and 'query' (missing 'url')",
    ],
    [
      [...METRIC],
      "a prometheus probe needs at least one of 'min', 'max' or 'baseline' to judge the value by, e.g. max: 0.01",
    ],
    [
      [...METRIC, '    min: 0.5', '    max: 0.1'],
      'min 0.5 is above max 0.1, so no value could pass; swap them',
    ],
    [
      ['  - type: prometheus', '    url: ws://prometheus.example.com', '    query: up', '    max: 1'],
      "is not an http(s):// URL; a prometheus probe's url is the API's base URL",
    ],
    [
      ['  - type: prometheus', '    url: prometheus.example.com:9090', '    query: up', '    max: 1'],
      'is not a URL: add http:// (or https://)',
    ],
    [
      ['  - type: prometheus', '    url: "https://{{ env.PROM_HOST }}"', '    query: up', '    max: 1'],
      "templates are not filled in a prometheus probe's url",
    ],
    [
      [...METRIC, '    max: 1', '    expectedStatus: 200'],
      "'expectedStatus' does not apply to a prometheus probe",
    ],
    [
      [...METRIC, '    max: 1', '    latencyBudget: 1s'],
      "'latencyBudget' does not apply to a prometheus probe (judge latency with a query instead",
    ],
    [
      [...METRIC, '    max: 1', '    bearerToken: abc', '    headers: { Authorization: Basic x }'],
      'give either bearerToken or an Authorization header, not both',
    ],
    [
      [...METRIC, '    max: 1', '    bearerToken: "{{ token }}"'],
      "bearerToken: '{{ token }}' is not a template; use {{ environment }}, {{ version }}, {{ sha }} or {{ env.NAME }}",
    ],
    [
      [...METRIC.slice(0, 3), '    query: up{x="{{ env.RUNNER_TEMP }}"}', '    max: 1'],
      'runner variables (ACTIONS_*, INPUT_*, RUNNER_*) cannot be sent to a probe',
    ],
  ])('refuses a mistake, naming the probe and the fix (%#)', async (lines, message) => {
    const error = await load('  - url: https://shop.example.com/healthz', ...lines).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`${where(2)}: `);
    expect((error as Error).message).toContain(message);
  });

  test.each([
    [
      '    baseline: { offset: 1h, maxIncrease: 0 }',
      "field 'baseline.maxIncrease': maxIncrease must be more than 0: it is a factor of the baseline value, 1.5 = no worse than 1.5x",
    ],
    [
      '    baseline: { offset: 1h }',
      "field 'baseline.maxIncrease': maxIncrease must be a number, e.g. maxIncrease: 1.5 (no worse than 1.5x the baseline)",
    ],
    ['    baseline: { offset: soon, maxIncrease: 2 }', "field 'baseline.offset': 'soon' is not a duration"],
    ['    noData: skip', "field 'noData': noData must be one of fail, pass, inconclusive"],
    [
      '    noData: inconclusiv',
      "field 'noData': noData must be one of fail, pass, inconclusive (did you mean 'inconclusive'?)",
    ],
    [
      '    baseline: { ofset: 1h, maxIncrease: 2 }',
      "field 'baseline': unknown field 'ofset' (did you mean 'offset'?); baseline takes offset and maxIncrease, e.g. baseline: { offset: 1h, maxIncrease: 1.5 }",
    ],
    [
      '    baseline: 5',
      "field 'baseline': baseline needs offset and maxIncrease, e.g. baseline: { offset: 1h, maxIncrease: 1.5 }",
    ],
    ['    count: 0', "field 'count': count must be 1 or more, e.g. count: 10 (measurements in the window)"],
    ['    count: 2.5', "field 'count': count must be a whole number"],
    ['    interval: 0s', "field 'interval': interval must be more than 0"],
    ['    min: high', "field 'min': min must be a number, e.g. min: 0.99"],
    ['    quey: up', ": unknown field 'quey' (did you mean 'query'?)"],
  ])('field errors name the probe (1-based) and the field: %s', async (line, message) => {
    const error = await load(...METRIC, '    max: 1', line).catch((e: Error) => e);
    expect((error as Error).message).toContain(`probe 1${message.startsWith(':') ? '' : ', '}${message}`);
  });

  test('a prometheus probe with watch in the file is refused, saying what to use', async () => {
    const error = await load(...METRIC, '    max: 1', '    watch: 10m').catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `${where(1)}: a prometheus probe has its own window: use interval and count, not watch`,
    );
  });

  test('a prometheus probe with watch is refused: it has its own window', () => {
    const entry = { type: 'prometheus', url: 'http://p:9090', query: 'up', max: 1, watch: 600_000 };
    expect(() => normaliseMetricEntry(entry as ProbeFileEntry, 'probe 1')).toThrow(
      'probe 1: a prometheus probe has its own window: use interval and count, not watch',
    );
  });
});

describe('metric fields on other probes', () => {
  test.each([
    ['  - url: https://shop.example.com/healthz\n    max: 0.01', 'max'],
    ['  - url: wss://shop.example.com/socket\n    query: up', 'query'],
    ['  - url: tcp://db.internal:5432\n    count: 3', 'count'],
    ['  - command: ./check.sh\n    baseline: { offset: 1h, maxIncrease: 2 }', 'baseline'],
  ])('are refused naming the field: %s', async (lines, field) => {
    const error = await load(lines).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `${where(1)}: '${field}' applies to prometheus probes only; add type: prometheus (and url: the Prometheus API's base URL) or remove '${field}'`,
    );
  });
});
