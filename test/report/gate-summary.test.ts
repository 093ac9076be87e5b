import { gateSummaryMarkdown, gateTimeline } from '@release-actions/core';
import { promotedReport, rolledBackReport } from './fixtures.js';

const decided = (
  report: ReturnType<typeof promotedReport>,
  value: 'promote' | 'blocked',
  reasons: string[] = [],
) => ({
  ...report,
  verdict: { value, reasons, decidedAt: '2026-11-22T12:00:30.000Z' },
});

test('the timeline is a mermaid gantt on real times, one section per step, failures critical', () => {
  const timeline = gateTimeline(rolledBackReport());
  const lines = timeline.trim().split('\n');
  expect(lines.slice(0, 5)).toEqual([
    '```mermaid',
    'gantt',
    '  title shop 1.4.0 -> production (times UTC)',
    '  dateFormat x',
    '  axisFormat %H:%M:%S',
  ]);
  const start = Date.parse('2026-11-22T12:00:00.000Z');
  expect(lines).toContain(`  succeeded 5s :done, s0, ${start}, ${start + 5000}`);
  expect(lines).toContain(`  failed 4s :crit, s1, ${start + 6000}, ${start + 10_000}`);
  expect(lines.filter((line) => line.startsWith('  section '))).toEqual([
    '  section deploy',
    '  section smoke',
    '  section rollback',
    '  section verify',
    '  section metrics callback',
  ]);
  expect(lines.at(-1)).toBe('```');
  expect(gateTimeline({ ...promotedReport(), deploy: undefined, smoke: undefined })).toBe('');
});

test('blocked: headline, reasons first, failed steps first in the table; promoted: no reasons section', () => {
  const blocked = gateSummaryMarkdown({
    report: decided(rolledBackReport(), 'blocked', [
      'smoke failed: 1 of 2 probes failed (checkout)',
      'rolled back to abc',
    ]),
    artifact: {
      name: 'production-release-gate-report',
      id: 42,
      url: 'https://github.com/acme/shop/actions/runs/1/artifacts/42',
    },
    bundlePath: '/w/release-gate',
    bundleFiles: ['report.json', 'manifest.json'],
  });
  expect(blocked.split('\n')[0]).toBe('## ⛔ Release gate: blocked (shop 1.4.0 → production)');
  expect(blocked.indexOf('**Why blocked:**')).toBeLessThan(blocked.indexOf('| Step |'));
  expect(blocked).toContain('- rolled back to abc');
  const rows = blocked.split('\n').filter((line) => /^\| (deploy|smoke|rollback|verify|metrics)/.test(line));
  expect(rows[0]).toBe('| smoke | ❌ failed | 4s | 1 passed, 1 failed: checkout |');
  expect(rows).toHaveLength(5);
  expect(blocked).toContain(
    'artifact [production-release-gate-report](https://github.com/acme/shop/actions/runs/1/artifacts/42) (id 42)',
  );
  expect(blocked).toContain('bundle `/w/release-gate` (2 files, sha256 in manifest.json)');

  const promoted = gateSummaryMarkdown({ report: decided(promotedReport(), 'promote') });
  expect(promoted.split('\n')[0]).toBe('## ✅ Release gate: promote (shop 1.4.0 → staging)');
  expect(promoted).not.toContain('Why blocked');
  expect(Buffer.byteLength(promoted)).toBeLessThan(4096);
});
