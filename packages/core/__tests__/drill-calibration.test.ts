import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CALIBRATION, loadCalibration, parseCalibration } from '../src/drill/calibration.js';
import { alertConditions, CallbackEventAccumulator, DurationHistogram } from '../src/drill/conditions.js';
import { proposeDeltas } from '../src/drill/evaluate.js';
import type { EnvironmentEvents } from '../src/drill/schema.js';

const HOUR = 3_600_000;
const NOW = new Date('2026-01-15T12:00:00Z');

test('defaults match the alert rules file', () => {
  expect(DEFAULT_CALIBRATION).toEqual({
    failuresPresent: { windowMs: 6 * HOUR, minFailures: 1 },
    failureRate: { windowMs: 24 * HOUR, threshold: 0.2, minEvents: 3 },
    drillMissing: { windowMs: 14 * 24 * HOUR },
    budgets: { deployMs: 15 * 60_000, smokeMs: 5 * 60_000, rollbackMs: 10 * 60_000, verifyMs: 10 * 60_000 },
    statsWindowMs: 30 * 24 * HOUR,
    budgetHeadroom: 0.8,
  });
});

test.each([
  [{ failureRate: { threshold: '25%' } }, (c: typeof DEFAULT_CALIBRATION) => c.failureRate.threshold, 0.25],
  [{ failureRate: { threshold: 0.1 } }, (c: typeof DEFAULT_CALIBRATION) => c.failureRate.threshold, 0.1],
  [
    { failuresPresent: { window: '1h30m' } },
    (c: typeof DEFAULT_CALIBRATION) => c.failuresPresent.windowMs,
    1.5 * HOUR,
  ],
  [{ budgets: { verify: 90 } }, (c: typeof DEFAULT_CALIBRATION) => c.budgets.verifyMs, 90_000],
  [
    { drillMissing: { window: '7d' } },
    (c: typeof DEFAULT_CALIBRATION) => c.drillMissing.windowMs,
    7 * 24 * HOUR,
  ],
])('calibration %j', (input, pick, expected) => {
  expect(pick(parseCalibration(input))).toBe(expected);
});

test.each([
  [{ failureRate: { threshold: '120%' } }, "field 'failureRate.threshold': '120%' is not a rate"],
  [{ failureRate: { minEvents: 0 } }, "field 'failureRate.minEvents'"],
  [{ failuresPresent: { window: 'soon' } }, "field 'failuresPresent.window': 'soon' is not a duration"],
  [{ budget: {} }, "field '(root)'"],
  [{ budgets: { deploi: '1m' } }, "field 'budgets'"],
])('bad calibration %j names the field', (input, message) => {
  expect(() => parseCalibration(input, 'calibration')).toThrow(message);
});

test('loadCalibration: empty, inline YAML, inline JSON, or a file', async () => {
  expect(await loadCalibration('')).toBe(DEFAULT_CALIBRATION);
  expect((await loadCalibration('failureRate: { minEvents: 5 }')).failureRate.minEvents).toBe(5);
  expect((await loadCalibration('{"failureRate": {"minEvents": 4}}')).failureRate.minEvents).toBe(4);
  const dir = await mkdtemp(join(tmpdir(), 'calib-'));
  await writeFile(join(dir, 'c.yml'), 'budgets:\n  smoke: 2m\n');
  expect((await loadCalibration('c.yml', (p) => join(dir, p))).budgets.smokeMs).toBe(120_000);
  await expect(loadCalibration('missing.yml', (p) => join(dir, p))).rejects.toThrow(
    "calibration file 'missing.yml' cannot be read (ENOENT)",
  );
});

test('the duration histogram p95 is within 1% of the exact nearest-rank value', () => {
  const histogram = new DurationHistogram();
  const values: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const value = 1000 + ((i * 7919) % 600_000);
    values.push(value);
    histogram.add(value);
  }
  values.sort((a, b) => a - b);
  const exact = values[Math.ceil(0.95 * values.length) - 1]!;
  const estimate = histogram.quantile(0.95)!;
  expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.01);
  expect(new DurationHistogram().quantile(0.95)).toBeNull();
});

function env(overrides: Partial<EnvironmentEvents>): EnvironmentEvents {
  return {
    environment: 'production',
    total: 10,
    failed: 0,
    lastEventAt: '2026-01-15T11:00:00.000Z',
    presenceWindow: { total: 1, failed: 0 },
    rateWindow: { total: 3, failed: 0 },
    drillMissingWindow: { total: 3 },
    statsWindow: { total: 10, durationSamples: 10, durationP95Ms: 60_000, durationMaxMs: 60_000 },
    ...overrides,
  };
}

test.each([
  ['no failures', {}, []],
  [
    '1 failure in the presence window',
    { presenceWindow: { total: 1, failed: 1 } },
    ['ReleaseGateRollbackCallbackFailuresPresent'],
  ],
  [
    '1 of 3 in the rate window',
    { rateWindow: { total: 3, failed: 1 } },
    ['ReleaseGateRollbackCallbackFailureRateCritical'],
  ],
  ['1 of 5 in the rate window (exactly 20%)', { rateWindow: { total: 5, failed: 1 } }, []],
  ['3 of 15 (exactly 20%)', { rateWindow: { total: 15, failed: 3 } }, []],
  ['2 of 2 (below volume)', { rateWindow: { total: 2, failed: 2 } }, []],
  ['no events in 14d', { drillMissingWindow: { total: 0 } }, ['ReleaseGateRollbackCallbackDrillMissing']],
] as const)('alert conditions: %s', (_name, overrides, firing) => {
  const alerts = alertConditions(env(overrides as Partial<EnvironmentEvents>), DEFAULT_CALIBRATION, NOW);
  expect(alerts.filter((alert) => alert.firing).map((alert) => alert.name)).toEqual(firing);
});

test('the accumulator windows are (now - window, now] on receivedAt and count only callbacks', () => {
  const accumulator = new CallbackEventAccumulator(DEFAULT_CALIBRATION, NOW);
  const add = (ageMs: number, state: string, type = 'release_gate.callback') =>
    accumulator.add({
      receivedAt: '',
      receivedAtMs: NOW.getTime() - ageMs,
      type,
      webhookId: '',
      data: { environment: 'production', rollbackCallbackState: state, durationMs: 1000 },
    });
  add(0, 'failed');
  add(6 * HOUR, 'failed');
  add(6 * HOUR - 1, 'verified');
  add(HOUR, 'failed', 'rollback.requested');
  add(-1, 'failed');
  const [summary] = accumulator.environmentsSummary();
  expect(summary!.presenceWindow).toEqual({ total: 2, failed: 1 });
  expect(summary!.rateWindow).toEqual({ total: 3, failed: 2 });
  expect(accumulator.futureEvents).toBe(1);
  expect(accumulator.callbackEvents).toBe(3);
});

test('deltas: a budget at 92% of its value proposes a raise; comfortable numbers propose nothing', () => {
  const stats = (p95: number) =>
    env({ statsWindow: { total: 10, durationSamples: 10, durationP95Ms: p95, durationMaxMs: p95 } });
  const events = (p95: number) => ({
    path: null,
    lines: 0,
    malformedLines: 0,
    callbackEvents: 0,
    futureEvents: 0,
    environments: [stats(p95)],
  });
  expect(proposeDeltas([], events(5 * 60_000), DEFAULT_CALIBRATION)).toEqual([]);
  const [delta] = proposeDeltas([], events(552_000), DEFAULT_CALIBRATION);
  expect(delta).toMatchObject({ setting: 'budgets.rollback', current: '10m', proposed: '14m' });
  expect(delta!.reason).toContain('92% of its 10m budget');
});
