import { formatDuration } from '../duration.js';
import { formatLabels } from '../probes/metrics/result.js';
import type { Measurement, SeriesValue } from '../probes/metrics/types.js';
import type { ProbeResult } from '../report/smoke-section.js';
import { boundedTable, escapeCell } from './markdown.js';

/*
 * The parts of the smoke summary about windows: each metric probe's measurements (the values a rollback was
 * decided on, failing ones first) and each probe's bake window (pass rate, worst latency).
 */

const MEASUREMENT_ROWS = 12;
const VERDICT_RANK: Record<Measurement['verdict'], number> = {
  failed: 0,
  error: 1,
  inconclusive: 2,
  passed: 3,
};
const VERDICT_MARK: Record<Measurement['verdict'], string> = {
  failed: '❌ failed',
  error: '⚠️ error',
  inconclusive: '❔ inconclusive',
  passed: '✅ passed',
};

/** `{code="500",job="shop"} 0.034`, labels as the reasons write them (no labels: the number alone). */
function seriesText(series: SeriesValue): string {
  return Object.keys(series.labels).length
    ? `${formatLabels(series.labels)} ${series.value}`
    : String(series.value);
}

function valuesCell(measurement: Measurement): string {
  if (!measurement.values.length) return '–';
  const ordered = [...measurement.values].sort(
    (a, b) => Number(a.verdict === 'passed') - Number(b.verdict === 'passed'),
  );
  const shown = ordered.slice(0, 3).map(seriesText);
  if (ordered.length > 3) shown.push(`and ${ordered.length - 3} more series`);
  return shown.join('<br>');
}

/** One table per metric probe: failing measurements first, then the rest in time order, bounded. */
export function renderMeasurementTables(probes: readonly ProbeResult[], budgetBytes: number): string {
  const sections: string[] = [];
  for (const probe of probes) {
    if (!probe.measurements || !probe.analysis) continue;
    const { analysis } = probe;
    const ordered = probe.measurements
      .map((measurement, index) => ({ measurement, index }))
      .sort(
        (a, b) =>
          VERDICT_RANK[a.measurement.verdict] - VERDICT_RANK[b.measurement.verdict] || a.index - b.index,
      )
      .map(({ measurement }) => measurement);
    const rows = ordered
      .slice(0, MEASUREMENT_ROWS)
      .map((m) => [
        m.at.slice(11, 19),
        VERDICT_MARK[m.verdict],
        valuesCell(m),
        ...(analysis.baseline
          ? [m.baseline === undefined || m.baseline === null ? '–' : String(m.baseline)]
          : []),
        m.reason,
      ]);
    const limits = [
      analysis.min === undefined ? '' : `min ${analysis.min}`,
      analysis.max === undefined ? '' : `max ${analysis.max}`,
      analysis.baseline
        ? `at most ${analysis.baseline.maxIncrease}x the value ${formatDuration(analysis.baseline.offsetMs)} before`
        : '',
    ].filter(Boolean);
    const counts = `${probe.measurements.length} of ${analysis.count} measurements, ${formatDuration(analysis.intervalMs)} apart: ${analysis.failed} failed (${analysis.failureLimit} allowed), ${analysis.errors} query errors, ${analysis.inconclusive} inconclusive`;
    const more =
      ordered.length > MEASUREMENT_ROWS
        ? `\n_${ordered.length - MEASUREMENT_ROWS} more measurements in the report._\n`
        : '';
    sections.push(
      `#### ${escapeCell(probe.name)}: ${limits.join(', ')}\n\n\`${escapeCell(analysis.query.replace(/\s+/g, ' ').trim())}\`<br>${counts}\n\n${boundedTable(
        ['Time (UTC)', 'Verdict', 'Value', ...(analysis.baseline ? ['Baseline'] : []), 'Reason'],
        rows,
        budgetBytes,
      )}${more}`,
    );
  }
  return sections.join('\n');
}

/** Pass rate and worst latency of every probe that had a bake window, failing ones first. */
export function renderWatchTable(probes: readonly ProbeResult[], budgetBytes: number): string {
  const watched = probes.filter((probe) => probe.watch);
  if (!watched.length) return '';
  const rows = watched.map((probe) => {
    const watch = probe.watch!;
    return [
      probe.verdict === 'passed' ? '✅' : '❌',
      probe.name,
      `${Math.round(watch.passRate * 100)}% (${watch.runs - watch.failures}/${watch.runs})`,
      watch.worstLatencyMs === null ? '–' : formatDuration(watch.worstLatencyMs),
      `${formatDuration(watch.windowMs)} every ${formatDuration(watch.intervalMs)}, ${watch.failureLimit} failure(s) allowed${watch.endedEarly ? `; ended early: ${watch.endedEarly}` : ''}`,
    ];
  });
  return `#### Bake window\n\n${boundedTable(['', 'Probe', 'Pass rate', 'Worst latency', 'Window'], rows, budgetBytes)}`;
}
