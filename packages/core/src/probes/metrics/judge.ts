import { formatDuration } from '../../duration.js';
import { ConfigurationError } from '../../errors.js';
import { formatLabels, formatValue, type Series, seriesKey } from './result.js';
import type { MetricSettings, SeriesValue } from './types.js';

/** What judges one measurement: the thresholds, the baseline rule and what no data counts as. */
export type JudgeRules = Pick<MetricSettings, 'min' | 'max' | 'baseline' | 'noData'>;

export interface Judgement {
  verdict: 'passed' | 'failed' | 'inconclusive';
  /** Failing series first. */
  values: SeriesValue[];
  reason: string;
  /** The baseline value of the series the reason is about (null: no baseline data for it). */
  baseline?: number | null;
  warnings: string[];
}

/**
 * Judges one measurement: every series against `min`, `max` and (with a baseline) `maxIncrease` times
 * the same series at the offset. `baseline` is the baseline query's series, when the probe has one.
 * Throws ConfigurationError when a baseline is 0 and no `max` is set: no rule could judge the value.
 */
export function judgeMeasurement(series: Series[], rules: JudgeRules, baseline?: Series[]): Judgement {
  if (!series.length) return noData(rules);
  const warnings: string[] = [];
  const judged = series.map((one) => {
    const base = rules.baseline ? baselineFor(one, series.length, baseline ?? []) : undefined;
    return judgeSeries(one, rules, base, warnings);
  });
  const failing = judged.filter((entry) => entry.value.verdict === 'failed');
  const unjudged = judged.filter((entry) => !entry.judged);
  const ordered = [...failing, ...judged.filter((entry) => entry.value.verdict !== 'failed')];
  const values = ordered.map((entry) => entry.value);
  const about = ordered[0]!;
  const base = rules.baseline ? { baseline: about.baseline } : {};
  if (failing.length) {
    const more = failing.length > 1 ? ` (and ${failing.length - 1} more series)` : '';
    return { verdict: 'failed', values, reason: `${about.value.reason}${more}`, ...base, warnings };
  }
  if (unjudged.length === judged.length) {
    return {
      verdict: 'inconclusive',
      values,
      reason: `no baseline data ${offsetText(rules)} and no min or max to judge ${formatValue(about.value.value)}${labelText(about.value.labels)} by`,
      ...base,
      warnings,
    };
  }
  const limits = limitsText(rules);
  if (values.length === 1) {
    return {
      verdict: 'passed',
      values,
      reason: `${formatValue(about.value.value)}${labelText(about.value.labels)} within ${limits}`,
      ...base,
      warnings,
    };
  }
  const highest = [...judged].sort((a, b) => numeric(b.value.value) - numeric(a.value.value))[0]!;
  return {
    verdict: 'passed',
    values,
    reason: `${values.length} series within ${limits}; highest ${formatValue(highest.value.value)}${labelText(highest.value.labels)}`,
    ...base,
    warnings,
  };
}

interface JudgedSeries {
  value: SeriesValue;
  baseline: number | null;
  /** False when no rule applied (no baseline data, no min or max). */
  judged: boolean;
}

function judgeSeries(
  series: Series,
  rules: JudgeRules,
  baseline: number | null | undefined,
  warnings: string[],
): JudgedSeries {
  const labels = labelText(series.labels);
  const recorded = baseline === undefined ? {} : { baseline };
  const failed = (reasons: string[]): JudgedSeries => ({
    value: {
      labels: series.labels,
      value: series.value,
      verdict: 'failed',
      reason: `${reasons.join(', ')}${labels}`,
      ...recorded,
    },
    baseline: baseline ?? null,
    judged: true,
  });
  if (typeof series.value === 'string') return failed([nonFiniteReason(series.value)]);
  const value = series.value;
  const reasons: string[] = [];
  let judged = rules.min !== undefined || rules.max !== undefined;
  if (rules.min !== undefined && value < rules.min) reasons.push(`${formatValue(value)} < min ${rules.min}`);
  if (rules.max !== undefined && value > rules.max) reasons.push(`${formatValue(value)} > max ${rules.max}`);
  if (rules.baseline) {
    const { maxIncrease } = rules.baseline;
    if (baseline === null || baseline === undefined) {
      warnings.push(
        `no baseline data${labels} ${offsetText(rules)}: ${judged ? 'only min/max judge it' : 'nothing judges it'}`,
      );
    } else if (baseline <= 0) {
      if (rules.max === undefined) {
        throw new ConfigurationError(
          `the baseline${labels} ${offsetText(rules)} is ${formatValue(baseline)}, so maxIncrease cannot apply; set max (an absolute ceiling) as well`,
        );
      }
      warnings.push(
        `the baseline${labels} ${offsetText(rules)} is ${formatValue(baseline)}, so maxIncrease cannot apply: only max judges it`,
      );
    } else {
      judged = true;
      if (value > baseline * maxIncrease) {
        reasons.push(
          `${formatValue(value)} = ${formatRatio(value / baseline)}x the baseline ${formatValue(baseline)} (max ${maxIncrease}x)`,
        );
      }
    }
  }
  if (reasons.length) return failed(reasons);
  return {
    value: { labels: series.labels, value, verdict: 'passed', ...recorded },
    baseline: baseline ?? null,
    judged,
  };
}

function noData(rules: JudgeRules): Judgement {
  const base = rules.baseline ? { baseline: null } : {};
  const reason = `no data: the query returned no series (noData: ${rules.noData})`;
  const verdict = rules.noData === 'pass' ? 'passed' : rules.noData === 'fail' ? 'failed' : 'inconclusive';
  return { verdict, values: [], reason, ...base, warnings: [] };
}

/**
 * The baseline value for a series: the one value when both results have one (a scalar, a sum), otherwise
 * the baseline series with identical labels. Null when there is none or it is not a number.
 */
function baselineFor(series: Series, count: number, baseline: Series[]): number | null {
  const match =
    count === 1 && baseline.length === 1
      ? baseline[0]
      : baseline.find((candidate) => seriesKey(candidate.labels) === seriesKey(series.labels));
  return match && typeof match.value === 'number' ? match.value : null;
}

function nonFiniteReason(value: 'NaN' | '+Inf' | '-Inf'): string {
  return value === 'NaN'
    ? 'value NaN (not a number, e.g. 0/0 when there was no traffic)'
    : `value ${value} (a division by zero?)`;
}

function limitsText(rules: JudgeRules): string {
  const parts = [
    ...(rules.min !== undefined ? [`min ${rules.min}`] : []),
    ...(rules.max !== undefined ? [`max ${rules.max}`] : []),
    ...(rules.baseline ? [`${rules.baseline.maxIncrease}x the baseline`] : []),
  ];
  return parts.join(', ');
}

function offsetText(rules: JudgeRules): string {
  return `${formatDuration(rules.baseline?.offsetMs ?? 0)} before the step`;
}

/** ` for {code="500",job="shop"}`, or nothing for a value without labels (a scalar, a sum). */
function labelText(labels: Record<string, string>): string {
  return Object.keys(labels).length ? ` for ${formatLabels(labels)}` : '';
}

function formatRatio(ratio: number): string {
  return String(Number(ratio.toPrecision(3)));
}

function numeric(value: SeriesValue['value']): number {
  if (typeof value === 'number') return value;
  return value === '-Inf' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}
