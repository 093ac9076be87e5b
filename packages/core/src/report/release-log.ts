import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '../errors.js';
import type { ReleaseGateReport } from './schema.js';

/** The release log's columns, in order: the TSV header and the markdown table header. */
export const RELEASE_LOG_COLUMNS = [
  'date_utc',
  'environment',
  'service',
  'sha',
  'version',
  'smoke',
  'verdict',
  'owner',
  'run_url',
] as const;

export const RELEASE_LOG_TITLES = [
  'Date (UTC)',
  'Environment',
  'Service',
  'SHA',
  'Version',
  'Smoke',
  'Verdict',
  'Owner',
  'Run',
];

export type ReleaseLogColumn = (typeof RELEASE_LOG_COLUMNS)[number];
export type ReleaseLogRow = Record<ReleaseLogColumn, string>;

/** Tabs and line breaks would break the TSV; a value keeps its text with them turned into spaces. */
function cell(value: string | null | undefined): string {
  return (value ?? '').replace(/[\t\r\n]+/g, ' ').trim();
}

/** The one row a gate appends: `-` marks what the report does not know. */
export function releaseLogRow(
  report: ReleaseGateReport,
  owner: string | undefined,
  now = new Date(),
): ReleaseLogRow {
  return {
    date_utc: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    environment: cell(report.environment),
    service: cell(report.service),
    sha: cell(report.sha) || '-',
    version: cell(report.version) || '-',
    smoke: report.smoke?.result ?? 'not run',
    verdict: report.verdict?.value ?? '-',
    owner: cell(owner ?? report.run.actor) || '-',
    run_url: cell(report.run.url) || '-',
  };
}

export function formatReleaseLog(rows: ReleaseLogRow[]): string {
  const lines = [RELEASE_LOG_COLUMNS.join('\t')];
  for (const row of rows) lines.push(RELEASE_LOG_COLUMNS.map((column) => cell(row[column])).join('\t'));
  return `${lines.join('\n')}\n`;
}

/** Parses a release log written by `formatReleaseLog`; a wrong header or a short row names the file and line. */
export function parseReleaseLog(text: string, path: string): ReleaseLogRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (!lines.length) return [];
  const header = lines[0]!.split('\t');
  if (header.join('\t') !== RELEASE_LOG_COLUMNS.join('\t')) {
    throw new ConfigurationError(
      `release log '${path}' line 1: expected the header '${RELEASE_LOG_COLUMNS.join('<TAB>')}', got '${lines[0]}'`,
    );
  }
  return lines.slice(1).map((line, index) => {
    const values = line.split('\t');
    if (values.length !== RELEASE_LOG_COLUMNS.length) {
      throw new ConfigurationError(
        `release log '${path}' line ${index + 2}: expected ${RELEASE_LOG_COLUMNS.length} tab-separated values, got ${values.length}`,
      );
    }
    return Object.fromEntries(
      RELEASE_LOG_COLUMNS.map((column, i) => [column, values[i] ?? '']),
    ) as ReleaseLogRow;
  });
}

/** Reads the previous log; a path that does not exist is a first run (empty log), reported as `found: false`. */
export async function readReleaseLog(
  path: string | undefined,
): Promise<{ rows: ReleaseLogRow[]; found: boolean }> {
  if (!path) return { rows: [], found: false };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rows: [], found: false };
    throw new ConfigurationError(`release log '${path}' cannot be read: ${(error as Error).message}`);
  }
  return { rows: parseReleaseLog(text, path), found: true };
}

/** The newest rows as a markdown table (newest first), bounded so a long history never bloats a summary. */
export function releaseLogMarkdown(rows: ReleaseLogRow[], limit = 20): string {
  const shown = rows.slice(-limit).reverse();
  const escapePipes = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    `| ${RELEASE_LOG_TITLES.join(' | ')} |`,
    `| ${RELEASE_LOG_TITLES.map(() => '---').join(' | ')} |`,
  ];
  for (const row of shown) {
    lines.push(
      `| ${RELEASE_LOG_COLUMNS.map((column) => {
        const value = escapePipes(row[column]);
        if (column === 'run_url' && value.startsWith('http')) return `[run](${value})`;
        if (column === 'sha' && /^[0-9a-f]{40}$/.test(value)) return `\`${value.slice(0, 12)}\``;
        return value;
      }).join(' | ')} |`,
    );
  }
  if (rows.length > shown.length)
    lines.push('', `_${rows.length - shown.length} older rows in release-log.tsv._`);
  return `${lines.join('\n')}\n`;
}
