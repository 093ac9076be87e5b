import { promotedReport, rolledBackReport } from '../../../test/report/fixtures.js';
import type { ReleaseGateReport } from '../src/report/schema.js';
import { decideVerdict } from '../src/report/verdict.js';

const now = new Date('2026-11-22T12:00:00Z');
const base = promotedReport();
const rolled = rolledBackReport();

const cases: Array<{
  name: string;
  report: ReleaseGateReport;
  verdict: 'promote' | 'blocked';
  reasons: RegExp[];
  requireSmoke?: boolean;
}> = [
  { name: 'deploy succeeded and smoke passed', report: base, verdict: 'promote', reasons: [] },
  {
    name: 'smoke failed',
    report: { ...base, smoke: rolled.smoke },
    verdict: 'blocked',
    reasons: [/^smoke failed: 1 of 2 probes failed \(checkout\)$/],
  },
  {
    name: 'smoke could not run (invalid inputs, one reason line)',
    report: {
      ...base,
      smoke: {
        ...base.smoke!,
        result: 'error',
        error: "Input 'deadline' 'soon' is invalid: x. Example: deadline: 5m\nInput 'timeout' 'x' is invalid",
        probes: [],
      },
    },
    verdict: 'blocked',
    reasons: [
      /^smoke could not run: Input 'deadline' 'soon' is invalid: x\. Example: deadline: 5m; Input 'timeout'/,
    ],
  },
  {
    name: 'smoke missing',
    report: { ...base, smoke: undefined },
    verdict: 'blocked',
    reasons: [/never checked/],
  },
  {
    name: 'smoke missing, not required',
    report: { ...base, smoke: undefined },
    verdict: 'promote',
    reasons: [],
    requireSmoke: false,
  },
  {
    name: 'deploy failed',
    report: { ...base, deploy: { ...base.deploy!, state: 'failed', delivery: null } },
    verdict: 'blocked',
    reasons: [/^deploy failed$/],
  },
  {
    name: 'rolled back and verified',
    report: rolled,
    verdict: 'blocked',
    reasons: [/^smoke failed/, /^rolled back to c{40} \(smoke failed: checkout\)$/],
  },
  {
    name: 'rollback failed',
    report: { ...rolled, rollback: { ...rolled.rollback!, state: 'failed' } },
    verdict: 'blocked',
    reasons: [/^smoke failed/, /rollback to c{40} failed: the bad version may still be live/],
  },
  {
    name: 'rollback without webhook',
    report: {
      ...rolled,
      rollback: { ...rolled.rollback!, state: 'skipped_missing_webhook', rollbackRef: null },
    },
    verdict: 'blocked',
    reasons: [/^smoke failed/, /no rollback webhook is configured/],
  },
  {
    name: 'rollback verification failed',
    report: {
      ...rolled,
      rollbackCallback: { ...rolled.rollbackCallback!, state: 'failed', smoke: rolled.smoke! },
    },
    verdict: 'blocked',
    reasons: [
      /^smoke failed/,
      /^rolled back/,
      /^rollback verification failed: re-smoke after rollback failed 1 of 2 probes$/,
    ],
  },
  {
    name: 'metrics callback failed',
    report: { ...rolled, metricsCallback: { ...rolled.metricsCallback!, state: 'failed' } },
    verdict: 'blocked',
    reasons: [/^smoke failed/, /^rolled back/, /^metrics callback failed/],
  },
  {
    name: 'a drill rollback never promotes, even after a passing smoke',
    report: { ...base, rollback: { ...rolled.rollback!, drill: true } },
    verdict: 'blocked',
    reasons: [/^rollback drill to c{40}: a drill never promotes$/],
  },
];

test.each(cases)('$name -> $verdict', ({ report, verdict, reasons, requireSmoke }) => {
  const decided = decideVerdict(report, { now, requireSmoke });
  expect(decided.value).toBe(verdict);
  expect(decided.reasons).toHaveLength(reasons.length);
  reasons.forEach((pattern, index) => {
    expect(decided.reasons[index]).toMatch(pattern);
  });
  expect(decided.decidedAt).toBe(now.toISOString());
});

test('a failed dry-run probe is not named as a cause, and long lists are cut with a count', () => {
  const many = Array.from({ length: 8 }, (_, i) => ({ ...rolled.smoke!.probes[1]!, name: `p${i}` }));
  many[0] = { ...many[0]!, dryRun: true };
  const decided = decideVerdict(
    { ...base, smoke: { ...rolled.smoke!, failedCount: 7, probes: many } },
    { now },
  );
  expect(decided.reasons[0]).toBe('smoke failed: 7 of 8 probes failed (p1, p2, p3, p4, p5, +2 more)');
});
