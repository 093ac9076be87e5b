import {
  orderForSummary,
  renderSmokeSummary,
  smokeLogLine,
} from '../../packages/core/src/render/smoke-summary.js';
import type { ProbeResult, SmokeSection } from '../../packages/core/src/report/smoke-section.js';

function probe(name: string, verdict: 'passed' | 'failed', extra: Partial<ProbeResult> = {}): ProbeResult {
  return {
    name,
    type: 'http',
    target: `https://shop.example.com/${name}`,
    verdict,
    dryRun: false,
    attempts: verdict === 'passed' ? 1 : 3,
    statusCodes: [verdict === 'passed' ? 200 : 503],
    latency: { minMs: 10, p50Ms: 12, p95Ms: 40, maxMs: 41 },
    reason: verdict === 'passed' ? 'HTTP 200' : 'expected 200-299, got 503 after 3 attempts',
    failures: [],
    warnings: [],
    ...extra,
  };
}

function section(probes: ProbeResult[]): SmokeSection {
  const failed = probes.filter((p) => p.verdict === 'failed' && !p.dryRun).length;
  return {
    result: failed ? 'failed' : 'passed',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.500Z',
    durationMs: 1500,
    passedCount: probes.filter((p) => p.verdict === 'passed').length,
    failedCount: failed,
    probes,
    captured: {},
  };
}

test('failures first (blocking before dry run), then passes, each in probe order', () => {
  const ordered = orderForSummary([
    probe('a', 'passed'),
    probe('b', 'failed', { dryRun: true }),
    probe('c', 'failed'),
    probe('d', 'passed'),
    probe('e', 'failed'),
  ]);
  expect(ordered.map((p) => p.name)).toEqual(['c', 'e', 'b', 'a', 'd']);
});

test('headline and one row per probe with verdict, attempts, p50, p95 and reason', () => {
  const markdown = renderSmokeSummary(
    section([
      probe('healthz', 'passed', { warnings: ['health+json status warn: disk'] }),
      probe('readyz', 'failed'),
    ]),
    { environment: 'production' },
  );
  expect(markdown).toBe(
    [
      '### ❌ Smoke failed on production: 1 of 2 probes failed in 1.5s',
      '',
      '| Verdict | Probe | Attempts | p50 | p95 | Reason |',
      '| --- | --- | --- | --- | --- | --- |',
      '| ❌ failed | readyz<br><sub>https://shop.example.com/readyz</sub> | 3 | 12ms | 40ms | expected 200-299, got 503 after 3 attempts |',
      '| ⚠️ passed | healthz<br><sub>https://shop.example.com/healthz</sub> | 1 | 12ms | 40ms | HTTP 200; health+json status warn: disk |',
      '',
    ].join('\n'),
  );
});

test('a pipe in a reason cannot break the table; a passing run says so', () => {
  const markdown = renderSmokeSummary(section([probe('x', 'passed', { reason: 'a | b' })]), {
    title: 'Re-smoke',
  });
  expect(markdown).toMatch(/^### ✅ Re-smoke passed: 1 of 1 probes passed in 1\.5s/);
  expect(markdown).toContain('a \\| b');
});

test('thousands of probes stay within the byte budget, failures kept, the cut counted', () => {
  const probes = Array.from({ length: 5000 }, (_, i) =>
    probe(`endpoint-${i}`, i % 100 === 0 ? 'failed' : 'passed'),
  );
  const markdown = renderSmokeSummary(section(probes), { budgetBytes: 20_000 });
  expect(Buffer.byteLength(markdown)).toBeLessThan(21_000);
  const rows = markdown.split('\n').filter((line) => line.startsWith('| ❌') || line.startsWith('| ✅'));
  // All 50 failures are shown before any pass.
  expect(rows.slice(0, 50).every((row) => row.startsWith('| ❌'))).toBe(true);
  const cut = /_(\d+) more rows not shown/.exec(markdown);
  expect(Number(cut?.[1])).toBe(5000 - rows.length);
});

test('cancelled runs, dry-run failures and captured values are called out', () => {
  const s = {
    ...section([probe('new', 'failed', { dryRun: true })]),
    cancelled: true,
    captured: { reconnectOk: true },
  };
  const markdown = renderSmokeSummary(s);
  expect(markdown).toContain('_The run was cancelled; this is a partial result._');
  expect(markdown).toContain('_1 dry-run probe(s) failed without failing the run._');
  expect(markdown).toContain('| 🧪 failed (dry run) |');
  expect(markdown).toContain('Captured: `reconnectOk=true`');
  expect(smokeLogLine(s.probes[0]!)).toBe('~ new: expected 200-299, got 503 after 3 attempts (p50 12ms)');
});

describe('metric measurements and bake windows in the summary', () => {
  const series = (code: string, value: number | 'NaN', verdict: 'passed' | 'failed', reason?: string) => ({
    labels: { job: 'shop', code },
    value,
    verdict,
    ...(reason ? { reason } : {}),
  });
  const metric = probe('error-rate', 'failed', {
    type: 'prometheus',
    target: 'https://prometheus.example.com',
    attempts: 3,
    reason: 'error rate 0.034 > max 0.01 for {code="500",job="shop"} (2 of 3 measurements failed, 1 allowed)',
    measurements: [
      {
        at: '2026-01-01T00:00:00.000Z',
        verdict: 'passed',
        values: [series('500', 0.002, 'passed')],
        reason: 'all series within limits',
        durationMs: 4,
        baseline: 0.002,
      },
      {
        at: '2026-01-01T00:00:30.000Z',
        verdict: 'failed',
        values: [series('200', 0, 'passed'), series('500', 0.034, 'failed', '0.034 > max 0.01')],
        reason: '0.034 > max 0.01',
        durationMs: 5,
        baseline: 0.002,
      },
      {
        at: '2026-01-01T00:01:00.000Z',
        verdict: 'error',
        values: [],
        reason: 'HTTP 503 after 3 attempts',
        durationMs: 6,
        baseline: 0.002,
      },
    ],
    analysis: {
      query: 'sum(rate(http_requests_total{code=~"5.."}[2m]))\n  / sum(rate(http_requests_total[2m]))',
      max: 0.01,
      baseline: { offsetMs: 3_600_000, maxIncrease: 1.5 },
      initialDelayMs: 0,
      intervalMs: 30_000,
      count: 10,
      failureLimit: 1,
      consecutiveErrorLimit: 4,
      inconclusiveLimit: 0,
      noData: 'fail',
      phase: 'failed',
      failed: 2,
      inconclusive: 0,
      errors: 1,
    },
  });
  const watched = probe('checkout', 'passed', {
    reason: 'HTTP 200; held for 10m: 60/60 re-runs passed',
    watch: {
      windowMs: 600_000,
      intervalMs: 10_000,
      failureLimit: 0,
      runs: 60,
      failures: 0,
      passRate: 1,
      worstLatencyMs: 212,
    },
  });

  test('each metric probe has a table of its measurements, failing ones first, failing series first', () => {
    const markdown = renderSmokeSummary(section([watched, metric]));
    expect(markdown).toContain('#### error-rate: max 0.01, at most 1.5x the value 1h before');
    expect(markdown).toContain(
      '`sum(rate(http_requests_total{code=~"5.."}[2m])) / sum(rate(http_requests_total[2m]))`<br>3 of 10 measurements, 30s apart: 2 failed (1 allowed), 1 query errors, 0 inconclusive',
    );
    const rows = markdown.split('\n').filter((line) => /^\| \d\d:\d\d:\d\d/.test(line));
    expect(rows).toEqual([
      '| 00:00:30 | ❌ failed | {code="500",job="shop"} 0.034<br>{code="200",job="shop"} 0 | 0.002 | 0.034 > max 0.01 |',
      '| 00:01:00 | ⚠️ error | – | 0.002 | HTTP 503 after 3 attempts |',
      '| 00:00:00 | ✅ passed | {code="500",job="shop"} 0.002 | 0.002 | all series within limits |',
    ]);
  });

  test('a bake window shows each watched probe with its pass rate and worst latency', () => {
    const markdown = renderSmokeSummary(section([watched, metric]));
    expect(markdown).toContain('#### Bake window');
    expect(markdown).toContain(
      '| ✅ | checkout | 100% (60/60) | 212ms | 10m every 10s, 0 failure(s) allowed |',
    );
    expect(renderSmokeSummary(section([probe('plain', 'passed')]))).not.toContain('Bake window');
  });

  test('a section that could not judge says so in its headline', () => {
    const markdown = renderSmokeSummary({
      ...section([metric]),
      result: 'error',
      error: "error-rate: Prometheus refused the query (bad_data): parse error at char 5: unexpected '|'",
    });
    expect(markdown.split('\n')[0]).toBe(
      "### ⛔ Smoke could not judge (result: error): error-rate: Prometheus refused the query (bad_data): parse error at char 5: unexpected '\\|'",
    );
  });
});
