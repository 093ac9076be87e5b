import { readFile } from 'node:fs/promises';
import { describeCalibration } from './calibration.js';
import { formatLogDate, formatWindow } from './format.js';
import type { DrillDeltaReport, EnvironmentResult } from './schema.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

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

/**
 * The drill log with one row appended: the previous log's bytes are kept as they are (never re-rendered),
 * a header is written only when there is no previous log.
 */
export async function appendDrillLog(
  previousPath: string | undefined,
  report: DrillDeltaReport,
): Promise<string> {
  let previous = '';
  if (previousPath) {
    try {
      previous = await readFile(previousPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  if (previous.trim() === '') previous = `# Rollback drill log\n\n${DRILL_LOG_HEADER}`;
  else if (!previous.endsWith('\n')) previous += '\n';
  return previous + drillLogRow(report);
}
