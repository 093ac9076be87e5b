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
