import { readFile } from 'node:fs/promises';
import { describeCalibration } from './calibration.js';
import { formatLogDate, formatWindow } from './format.js';
import type { DrillDeltaReport, EnvironmentResult } from './schema.js';

/** A table cell: pipes escaped, one line, and no HTML (`<`, `>` as entities) so a value cannot add markup. */
const cell = (text: string) =>
  text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

const ICON: Record<string, string> = { drill_passed: '✅', attention_required: '⚠️', missing: '❌' };

function durations(env: EnvironmentResult): string {
  const parts = Object.entries(env.durations)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key.replace(/Ms$/, '')} ${formatWindow(value as number)}`);
  return parts.length ? parts.join(', ') : '-';
}

/** `release-gate-drill-delta-report.md`: statuses first, then alerts, deltas and the calibration used. */
export function drillReportMarkdown(report: DrillDeltaReport): string {
  const envs = [report.staging, report.production];
  const lines = [
    '# Rollback drill evaluation',
    '',
    `Evaluated ${report.generatedAt} · owner ${report.owner ?? '(not named)'} · delta applied: ${report.deltaApplied}`,
    '',
    table(
      ['Environment', 'Status', 'Reasons', 'Durations'],
      envs.map((env) => [
        `${env.slot}${env.environment !== env.slot ? ` (${env.environment})` : ''}`,
        `${ICON[env.status] ?? ''} ${env.status}`,
        env.reasons.length ? env.reasons.join('; ') : '-',
        durations(env),
      ]),
    ),
    '',
    '## Alert conditions',
    '',
  ];
  if (report.alerts.length) {
    const sorted = [...report.alerts].sort((a, b) => Number(b.firing) - Number(a.firing));
    lines.push(
      table(
        ['Alert', 'Environment', 'Firing', 'Detail'],
        sorted.map((alert) => [
          alert.name,
          alert.environment,
          alert.firing ? `yes (${alert.severity})` : 'no',
          alert.detail,
        ]),
      ),
    );
  } else {
    lines.push('_Not evaluated: no event history was given._');
  }
  lines.push('', '## Proposed deltas', '');
  if (report.deltas.length) {
    lines.push(
      table(
        ['Setting', 'Current', 'Proposed', 'Reason'],
        report.deltas.map((delta) => [delta.setting, delta.current, delta.proposed, delta.reason]),
      ),
    );
  } else {
    lines.push('None: the observed numbers fit the current calibration.');
  }
  if (report.events) {
    lines.push(
      '',
      '## Event history',
      '',
      `${report.events.callbackEvents} callback events from ${report.events.lines} lines` +
        (report.events.malformedLines ? ` (${report.events.malformedLines} malformed lines skipped)` : '') +
        '.',
      '',
      table(
        ['Environment', 'Events', 'Failed', 'Last event', 'Rollback p95'],
        report.events.environments.map((env) => [
          env.environment,
          String(env.total),
          String(env.failed),
          env.lastEventAt ?? 'never',
          env.statsWindow.durationP95Ms === null
            ? '-'
            : formatWindow(Math.round(env.statsWindow.durationP95Ms)),
        ]),
      ),
    );
  }
  if (report.notes.length) lines.push('', '## Notes', '', ...report.notes.map((note) => `- ${note}`));
  lines.push(
    '',
    '## Calibration',
    '',
    table(['Setting', 'Value'], describeCalibration(report.calibration)),
    '',
  );
  return lines.join('\n');
}

export const DRILL_LOG_HEADER =
  '| Date (UTC) | Staging Status | Production Status | Delta Applied | Owner | Notes |\n| --- | --- | --- | --- | --- | --- |\n';

/** The new drill-log row: statuses, delta applied, owner and a one-line note (reasons, firing alerts). */
export function drillLogRow(report: DrillDeltaReport): string {
  const notes: string[] = [];
  for (const env of [report.staging, report.production]) {
    const reasons = env.reasons.filter((reason) => !reason.startsWith('alert '));
    if (reasons.length) notes.push(`${env.slot}: ${reasons.join(', ')}`);
  }
  if (report.firingAlerts.length) notes.push(`alerts: ${report.firingAlerts.join(', ')}`);
  if (report.deltas.length)
    notes.push(
      `${report.deltas.length} delta(s) proposed: ${report.deltas.map((d) => d.setting).join(', ')}`,
    );
  const row = [
    formatLogDate(new Date(report.generatedAt)),
    report.staging.status,
    report.production.status,
    report.deltaApplied,
    report.owner ?? '-',
    notes.join('; ') || '-',
  ];
  return `| ${row.map(cell).join(' | ')} |\n`;
}

const DRILL_LOG_TITLES = [
  'Date (UTC)',
  'Staging Status',
  'Production Status',
  'Delta Applied',
  'Owner',
  'Notes',
];
const DRILL_STATUSES = ['drill_passed', 'attention_required', 'missing'];

/** The cells of a markdown table line (`| a | b \| c |`), split on unescaped pipes, trimmed. */
function tableCells(line: string): string[] | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|') || trimmed.length < 2) return undefined;
  return trimmed
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((part) => part.trim());
}

/**
 * Why a previous drill log is not one this action wrote (undefined when it is): optional title and prose
 * lines, then the table header with the six columns, its separator, and only rows of six cells with a
 * `YYYY-MM-DD HH:MM` date and valid statuses. No HTML and no links or images anywhere, so a forged or
 * damaged log cannot add markup to the next one.
 */
export function drillLogProblem(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines.at(-1)?.trim() === '') lines.pop();
  const headerAt = lines.findIndex((line) => line.trim().startsWith('|'));
  if (headerAt < 0) return 'no table';
  for (const [index, line] of lines.entries()) {
    if (/[<>]/.test(line)) return `line ${index + 1} holds HTML (< or >)`;
    if (/!?\[[^\]]*\]\(/.test(line) || /!\[/.test(line)) return `line ${index + 1} holds a link or image`;
  }
  const header = tableCells(lines[headerAt]!);
  if (header?.join('|') !== DRILL_LOG_TITLES.join('|'))
    return `line ${headerAt + 1}: expected the header '| ${DRILL_LOG_TITLES.join(' | ')} |'`;
  const separator = tableCells(lines[headerAt + 1] ?? '');
  if (separator?.length !== DRILL_LOG_TITLES.length || !separator.every((c) => /^:?-{3,}:?$/.test(c)))
    return `line ${headerAt + 2}: expected the table separator '| --- | ... |'`;
  for (let i = headerAt + 2; i < lines.length; i++) {
    const where = `line ${i + 1}`;
    const cells = tableCells(lines[i]!);
    if (!cells) return `${where} is not a table row`;
    if (cells.length !== DRILL_LOG_TITLES.length)
      return `${where}: expected ${DRILL_LOG_TITLES.length} cells, got ${cells.length}`;
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(cells[0]!))
      return `${where}: date '${cells[0]}' is not YYYY-MM-DD HH:MM`;
    for (const [at, column] of [
      [1, 'staging status'],
      [2, 'production status'],
    ] as const) {
      if (!DRILL_STATUSES.includes(cells[at]!))
        return `${where}: ${column} '${cells[at]}' is not one of ${DRILL_STATUSES.join(', ')}`;
    }
  }
  return undefined;
}

/**
 * The drill log with one row appended: the previous log's bytes are kept as they are (never re-rendered),
 * a header is written only when there is no previous log. A previous log that is not a drill log
 * (`drillLogProblem`) is not copied: the log starts anew and `malformed` says why.
 */
export async function appendDrillLog(
  previousPath: string | undefined,
  report: DrillDeltaReport,
): Promise<{ text: string; malformed?: string }> {
  let previous = '';
  if (previousPath) {
    try {
      previous = await readFile(previousPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  let malformed: string | undefined;
  if (previous.trim() !== '') {
    malformed = drillLogProblem(previous);
    if (malformed) previous = '';
  }
  if (previous.trim() === '') previous = `# Rollback drill log\n\n${DRILL_LOG_HEADER}`;
  else if (!previous.endsWith('\n')) previous += '\n';
  return { text: previous + drillLogRow(report), ...(malformed ? { malformed } : {}) };
}
