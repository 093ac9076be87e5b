import { ConfigurationError } from '../src/errors.js';
import { type JudgeRules, judgeMeasurement } from '../src/probes/metrics/judge.js';

const rules = (extra: Partial<JudgeRules>): JudgeRules => ({ noData: 'fail', ...extra });
const shop = (code: string, value: number | 'NaN' | '+Inf' | '-Inf') => ({
  labels: { job: 'shop', code },
  value,
});

describe('judgeMeasurement: min and max per series', () => {
  test('a series over max fails and the reason names its labels; failing series come first', () => {
    const judgement = judgeMeasurement([shop('200', 0.001), shop('500', 0.034)], rules({ max: 0.01 }));
    expect(judgement.verdict).toBe('failed');
    expect(judgement.reason).toBe('0.034 > max 0.01 for {code="500",job="shop"}');
    expect(judgement.values.map((v) => [v.labels.code, v.verdict])).toEqual([
      ['500', 'failed'],
      ['200', 'passed'],
    ]);
  });

  test('two failing series: the reason says how many more', () => {
    const judgement = judgeMeasurement([shop('500', 0.5), shop('502', 0.2)], rules({ max: 0.01 }));
    expect(judgement.reason).toBe('0.5 > max 0.01 for {code="500",job="shop"} (and 1 more series)');
  });

  test('under min fails; within both passes with the limits in the reason', () => {
    expect(judgeMeasurement([{ labels: {}, value: 0.9 }], rules({ min: 0.99 })).reason).toBe(
      '0.9 < min 0.99',
    );
    const passed = judgeMeasurement([{ labels: {}, value: 0.995 }], rules({ min: 0.99, max: 1 }));
    expect(passed).toMatchObject({ verdict: 'passed', reason: '0.995 within min 0.99, max 1' });
  });

  test('several passing series name the highest', () => {
    const judgement = judgeMeasurement([shop('200', 0.001), shop('500', 0.004)], rules({ max: 0.01 }));
    expect(judgement).toMatchObject({
      verdict: 'passed',
      reason: '2 series within max 0.01; highest 0.004 for {code="500",job="shop"}',
    });
  });

  test.each([
    ['NaN', 'value NaN (not a number, e.g. 0/0 when there was no traffic)'],
    ['+Inf', 'value +Inf (a division by zero?)'],
    ['-Inf', 'value -Inf (a division by zero?)'],
  ] as const)('%s fails with that reason, whatever the limits', (value, reason) => {
    const judgement = judgeMeasurement([shop('500', value)], rules({ min: -1e9, max: 1e9 }));
    expect(judgement.verdict).toBe('failed');
    expect(judgement.reason).toBe(`${reason} for {code="500",job="shop"}`);
  });
});

describe('judgeMeasurement: no data', () => {
  test.each([
    ['fail', 'failed'],
    ['pass', 'passed'],
    ['inconclusive', 'inconclusive'],
  ] as const)('noData: %s makes an empty result %s', (noData, verdict) => {
    const judgement = judgeMeasurement([], rules({ max: 1, noData }));
    expect(judgement).toMatchObject({
      verdict,
      values: [],
      reason: `no data: the query returned no series (noData: ${noData})`,
    });
  });
});

describe('judgeMeasurement: baseline', () => {
  const baseline = { offsetMs: 3_600_000, maxIncrease: 1.5 };

  test('a value above baseline x maxIncrease fails with the ratio', () => {
    const judgement = judgeMeasurement([{ labels: {}, value: 0.006 }], rules({ max: 0.01, baseline }), [
      { labels: {}, value: 0.002 },
    ]);
    expect(judgement).toMatchObject({
      verdict: 'failed',
      reason: '0.006 = 3x the baseline 0.002 (max 1.5x)',
      baseline: 0.002,
    });
    expect(judgement.values[0]).toMatchObject({ baseline: 0.002, verdict: 'failed' });
  });

  test('within the increase passes', () => {
    const judgement = judgeMeasurement([{ labels: {}, value: 0.0029 }], rules({ baseline }), [
      { labels: {}, value: 0.002 },
    ]);
    expect(judgement).toMatchObject({ verdict: 'passed', baseline: 0.002 });
  });

  test('series match the baseline by identical labels', () => {
    const judgement = judgeMeasurement([shop('500', 0.01), shop('200', 0.9)], rules({ baseline }), [
      shop('200', 0.9),
      shop('500', 0.001),
    ]);
    expect(judgement.verdict).toBe('failed');
    expect(judgement.reason).toBe('0.01 = 10x the baseline 0.001 (max 1.5x) for {code="500",job="shop"}');
    expect(judgement.values.find((v) => v.labels.code === '200')).toMatchObject({
      verdict: 'passed',
      baseline: 0.9,
    });
  });

  test('a one-element result matches the one baseline value whatever its labels', () => {
    const judgement = judgeMeasurement([shop('500', 0.01)], rules({ baseline }), [
      { labels: { other: 'x' }, value: 0.001 },
    ]);
    expect(judgement).toMatchObject({ verdict: 'failed', baseline: 0.001 });
  });

  test('a baseline of 0 with max: only max judges, and a warning says so', () => {
    const judgement = judgeMeasurement([{ labels: {}, value: 0.005 }], rules({ max: 0.01, baseline }), [
      { labels: {}, value: 0 },
    ]);
    expect(judgement.verdict).toBe('passed');
    expect(judgement.warnings).toEqual([
      'the baseline 1h before the step is 0, so maxIncrease cannot apply: only max judges it',
    ]);
    const over = judgeMeasurement([{ labels: {}, value: 0.05 }], rules({ max: 0.01, baseline }), [
      { labels: {}, value: 0 },
    ]);
    expect(over).toMatchObject({ verdict: 'failed', reason: '0.05 > max 0.01' });
  });

  test('a baseline of 0 without max is a configuration error saying to set max', () => {
    expect(() =>
      judgeMeasurement([{ labels: {}, value: 0.005 }], rules({ baseline }), [{ labels: {}, value: 0 }]),
    ).toThrow(
      new ConfigurationError(
        'the baseline 1h before the step is 0, so maxIncrease cannot apply; set max (an absolute ceiling) as well',
      ),
    );
  });

  test('no baseline data: a warning, only min/max judge; with neither the measurement is inconclusive', () => {
    const withMax = judgeMeasurement([{ labels: {}, value: 0.005 }], rules({ max: 0.01, baseline }), []);
    expect(withMax).toMatchObject({ verdict: 'passed', baseline: null });
    expect(withMax.warnings).toEqual(['no baseline data 1h before the step: only min/max judge it']);
    const alone = judgeMeasurement([{ labels: {}, value: 0.005 }], rules({ baseline }), []);
    expect(alone).toMatchObject({
      verdict: 'inconclusive',
      reason: 'no baseline data 1h before the step and no min or max to judge 0.005 by',
    });
  });
});
