// A readiness rule that requires a metric probe by its resultKey: the smoke bundle judges the error rate
// from a Prometheus API stand-in and records `smoke.captured.errorRateOk`; the readiness-checklist bundle
// reads that report and decides.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { workspaceWith } from '../drill/fixtures.js';
import { runBundle } from '../harness/action.js';
import { type PrometheusApi, startPrometheusApi } from '../servers/prometheus-api.js';

const ERROR_RATE =
  'sum(rate(http_requests_total{job="shop",env="staging",code=~"5.."}[2m])) / sum(rate(http_requests_total{job="shop",env="staging"}[2m]))';

let prometheus: PrometheusApi;
beforeEach(async () => {
  prometheus = await startPrometheusApi();
});
afterEach(async () => prometheus.close());

const probesFile = (url: string, dryRun: boolean) => `probes:
  - name: error-rate
    type: prometheus
    url: ${url}
    query: |
      sum(rate(http_requests_total{job="shop",env="{{ environment }}",code=~"5.."}[2m]))
        / sum(rate(http_requests_total{job="shop",env="{{ environment }}"}[2m]))
    max: 0.01
    interval: 200ms
    count: 3
    resultKey: errorRateOk
    dryRun: ${dryRun}
`;

// Only the rule under test and the report's own rules: the drill and receiver evidence are other tests'.
const CHECKLIST = `rules:
  drillDeltaReport: false
  receiverValidationReport: false
  receiverDrillReport: false
  loadCalibrationReport: false
require:
  - name: staging error rate held
    path: smoke.captured.errorRateOk
    equals: true
`;

/** The smoke bundle against the stand-in, then the readiness bundle on the report it wrote. */
async function smokeThenReadiness({ dryRun = false } = {}) {
  const workspace = await workspaceWith({
    'smoke/probes.yml': probesFile(prometheus.url, dryRun),
    'release-checklist.yml': CHECKLIST,
  });
  const smoke = await runBundle('smoke', {
    workspace,
    inputs: { probes: 'smoke/probes.yml', environment: 'staging', 'fail-on-error': 'false' },
    timeoutMs: 30_000,
  });
  const report = JSON.parse(await readFile(join(workspace, 'release-gate/report.json'), 'utf8'));
  const readiness = await runBundle('readiness-checklist', {
    workspace,
    inputs: {
      checklist: 'release-checklist.yml',
      'target-ref': 'refs/heads/main',
      'release-owner': 'alice',
      'rollback-owner': 'bob',
      'rollback-ref': 'v1.3.9',
    },
    timeoutMs: 30_000,
  });
  const record = JSON.parse(
    await readFile(join(workspace, 'build-artifacts/release-gate-readiness-decision.json'), 'utf8'),
  );
  return { smoke, report, readiness, record };
}

const ruleStatus = (record: { rules: Array<{ id: string; status: string }> }, id: string) =>
  record.rules.find((rule) => rule.id === id)?.status;

test('the metric probe passed in the smoke: smoke.captured.errorRateOk is true and readiness is GO', async () => {
  prometheus.answer(ERROR_RATE, { value: 0.002 });
  const { smoke, report, readiness, record } = await smokeThenReadiness();

  expect([smoke.outputs.result, report.smoke.error]).toEqual(['passed', undefined]);
  // The query the stand-in answered is the probe's, with {{ environment }} rendered.
  expect(prometheus.unmatched).toEqual([]);
  expect(prometheus.queries(ERROR_RATE)).toHaveLength(3);
  expect(report.smoke.captured).toEqual({ errorRateOk: true });
  expect(report.smoke.probes[0].measurements).toHaveLength(3);

  expect(readiness.code).toBe(0);
  expect(readiness.outputs.decision).toBe('GO');
  expect(ruleStatus(record, 'report:staging error rate held')).toBe('passed');
  expect(ruleStatus(record, 'latestSmokePassed')).toBe('passed');
});

test('the metric probe failed (the error rate over max in the window): errorRateOk is false and readiness is NO-GO naming the rule', async () => {
  prometheus.answer(ERROR_RATE, [{ value: 0.002 }, { value: 0.04 }]);
  const { smoke, report, readiness, record } = await smokeThenReadiness();

  expect(smoke.outputs.result).toBe('failed');
  expect(JSON.parse(smoke.outputs['failed-probes']!)).toEqual(['error-rate']);
  expect(report.smoke.captured).toEqual({ errorRateOk: false });
  expect(report.smoke.probes[0].reason).toContain('0.04 > max 0.01');

  expect(readiness.code).not.toBe(0);
  expect(readiness.outputs.decision).toBe('NO-GO');
  expect(JSON.parse(readiness.outputs['failed-rules']!)).toContainEqual({
    id: 'report:staging error rate held',
    reason: 'smoke.captured.errorRateOk is false, expected equals true',
  });
  expect(ruleStatus(record, 'report:staging error rate held')).toBe('failed');
  expect(readiness.summary).toContain('staging error rate held');
});

test('a dry-run metric probe that failed leaves the smoke passed, and the rule alone holds the release: NO-GO naming it', async () => {
  prometheus.answer(ERROR_RATE, { vector: [{ labels: { code: '503' }, value: 0.2 }] });
  const { smoke, report, readiness, record } = await smokeThenReadiness({ dryRun: true });

  expect(smoke.outputs.result).toBe('passed');
  expect(report.smoke.probes[0]).toMatchObject({ verdict: 'failed', dryRun: true });
  expect(report.smoke.probes[0].reason).toContain('{code="503"}');
  expect(report.smoke.captured).toEqual({ errorRateOk: false });

  expect(readiness.outputs.decision).toBe('NO-GO');
  expect(ruleStatus(record, 'latestSmokePassed')).toBe('passed');
  expect(JSON.parse(readiness.outputs['failed-rules']!)).toEqual([
    {
      id: 'report:staging error rate held',
      reason: 'smoke.captured.errorRateOk is false, expected equals true',
    },
  ]);
});
