import { formatDuration } from '../duration.js';
import type { ProbeResult, SmokeSection } from '../report/smoke-section.js';
import { boundedTable, escapeCell, SUMMARY_LIMIT_BYTES } from './markdown.js';
import { renderMeasurementTables, renderWatchTable } from './window-summary.js';

export interface SmokeSummaryOptions {
  /** Heading text before the verdict, e.g. `Smoke` or `Re-smoke after rollback`. */
  title?: string;
  environment?: string;
  /** Byte budget for the table (failures first; the rest is cut and counted). */
  budgetBytes?: number;
}

/** Failures first (blocking before dry-run), then passes; each group keeps the probe order. */
export function orderForSummary(probes: readonly ProbeResult[]): ProbeResult[] {
  const rank = (p: ProbeResult) => (p.verdict === 'failed' ? (p.dryRun ? 1 : 0) : 2);
  return probes
    .map((probe, index) => ({ probe, index }))
    .sort((a, b) => rank(a.probe) - rank(b.probe) || a.index - b.index)
    .map(({ probe }) => probe);
}

function ms(value: number | undefined): string {
  return value === undefined ? '–' : formatDuration(value);
}

function verdictCell(probe: ProbeResult): string {
  if (probe.verdict === 'passed') return probe.warnings.length ? '⚠️ passed' : '✅ passed';
  return probe.dryRun ? '🧪 failed (dry run)' : '❌ failed';
}

/**
 * The smoke step summary: a headline verdict, then one row per probe (verdict, attempts, p50 / p95, reason),
 * failures first, bounded to stay well under GitHub's 1 MiB limit. Markdown; readable in ten seconds.
 */
export function renderSmokeSummary(section: SmokeSection, options: SmokeSummaryOptions = {}): string {
  const title = options.title ?? 'Smoke';
  const total = section.probes.length;
  const where = options.environment ? ` on ${options.environment}` : '';
  const dryRunFailed = section.probes.filter((p) => p.dryRun && p.verdict === 'failed').length;
  const headline =
    section.result === 'passed'
      ? `### ✅ ${title} passed${where}: ${section.passedCount} of ${total} probes passed in ${formatDuration(section.durationMs)}`
      : section.result === 'error'
        ? `### ⛔ ${title} could not judge${where} (result: error): ${escapeCell(section.error ?? 'a probe is misconfigured')}`
        : `### ❌ ${title} failed${where}: ${section.failedCount} of ${total} probes failed in ${formatDuration(section.durationMs)}`;
  const notes: string[] = [];
  if (section.cancelled) notes.push('_The run was cancelled; this is a partial result._');
  if (dryRunFailed) notes.push(`_${dryRunFailed} dry-run probe(s) failed without failing the run._`);
  if (section.expectedVersion) {
    const { version, sources, probes } = section.expectedVersion;
    notes.push(
      `_${probes} probe(s) had to report version \`${escapeCell(version)}\` (${sources.join(', ')})._`,
    );
  }
  const rows = orderForSummary(section.probes).map((probe) => [
    verdictCell(probe),
    `${probe.name}<br><sub>${probe.target}</sub>`,
    String(probe.attempts),
    ms(probe.latency?.p50Ms),
    ms(probe.latency?.p95Ms),
    [
      probe.reason + (probe.failures.length > 1 ? probe.failures.map((f) => `\n• ${f}`).join('') : ''),
      ...probe.warnings.filter((w) => !w.startsWith('dryRun:')),
    ].join('; '),
  ]);
  const budget = options.budgetBytes ?? SUMMARY_LIMIT_BYTES / 2;
  const ordered = orderForSummary(section.probes);
  const windows = [renderWatchTable(ordered, budget / 4), renderMeasurementTables(ordered, budget / 4)]
    .filter(Boolean)
    .join('\n');
  const table =
    boundedTable(['Verdict', 'Probe', 'Attempts', 'p50', 'p95', 'Reason'], rows, budget / 2) +
    (windows ? `\n${windows}` : '');
  const captured = Object.entries(section.captured);
  const capturedLine = captured.length
    ? `\nCaptured: ${captured
        .slice(0, 20)
        .map(([key, value]) => `\`${escapeCell(key)}=${escapeCell(String(value))}\``)
        .join(', ')}${captured.length > 20 ? ` and ${captured.length - 20} more` : ''}\n`
    : '';
  return `${headline}\n\n${notes.length ? `${notes.join('\n')}\n\n` : ''}${table}${capturedLine}`;
}

/** One line per probe for logs and terminals: `✔ name  HTTP 200 (p50 12ms)`. */
export function smokeLogLine(probe: ProbeResult): string {
  const mark = probe.verdict === 'passed' ? '✔' : probe.dryRun ? '~' : '✘';
  const latency = probe.latency ? ` (p50 ${ms(probe.latency.p50Ms)})` : '';
  return `${mark} ${probe.name}: ${probe.reason}${latency}`;
}

/** The summary of a smoke step that could not run (`result: error`): why, and what to fix. */
export function renderSmokeErrorSummary(error: string, options: SmokeSummaryOptions = {}): string {
  const title = options.title ?? 'Smoke';
  const where = options.environment ? ` on ${options.environment}` : '';
  const lines = error
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line) => `- ${line}`);
  return `### ⛔ ${title} could not run${where} (result: error)\n\nNo probe ran: the step's input is invalid. Fix it and re-run:\n\n${lines.join('\n')}\n`;
}
