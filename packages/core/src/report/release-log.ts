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

const SMOKE_VALUES = ['passed', 'failed', 'error', 'not run'];
const VERDICT_VALUES = ['promote', 'blocked', '-'];

/** Why a value cannot be in its column (undefined when it can): the rows `releaseLogRow` writes, nothing else. */
function invalidValue(column: ReleaseLogColumn, value: string): string | undefined {
  if (/[\u0000-\u001f\u007f]/.test(value)) return `${column} holds a control character`;
  if (value !== value.trim()) return `${column} has leading or trailing spaces`;
  if (value === '') return `${column} is empty`;
  switch (column) {
    case 'date_utc':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : `date_utc '${value}' is not a UTC timestamp like 2026-01-15T11:00:00Z`;
    case 'smoke':
      return SMOKE_VALUES.includes(value)
        ? undefined
        : `smoke '${value}' is not one of ${SMOKE_VALUES.join(', ')}`;
    case 'verdict':
      return VERDICT_VALUES.includes(value)
        ? undefined
        : `verdict '${value}' is not one of ${VERDICT_VALUES.join(', ')}`;
    case 'sha':
      return value === '-' || /^[0-9A-Za-z._/-]{1,255}$/.test(value)
        ? undefined
        : `sha '${value}' is not a commit`;
    case 'run_url':
      return value === '-' || /^https?:\/\/[^\s"'<>()\\]+$/.test(value)
        ? undefined
        : `run_url '${value}' is not an http(s) URL`;
    default:
      return value.length > 1000 ? `${column} is longer than 1000 characters` : undefined;
  }
}

/**
 * Parses a release log written by `formatReleaseLog`, strictly: the header exactly, every row with the
 * right number of values and each value valid for its column. Anything else throws a ConfigurationError
 * naming the file, the line and what is wrong.
 */
export function parseReleaseLog(text: string, path: string): ReleaseLogRow[] {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines.at(-1) === '') lines.pop();
  if (!lines.length) return [];
  if (lines[0] !== RELEASE_LOG_COLUMNS.join('\t')) {
    throw new ConfigurationError(
      `release log '${path}' line 1: expected the header '${RELEASE_LOG_COLUMNS.join('<TAB>')}', got '${lines[0]!.slice(0, 200)}'`,
    );
  }
  return lines.slice(1).map((line, index) => {
    const values = line.split('\t');
    if (values.length !== RELEASE_LOG_COLUMNS.length) {
      throw new ConfigurationError(
        `release log '${path}' line ${index + 2}: expected ${RELEASE_LOG_COLUMNS.length} tab-separated values, got ${values.length}`,
      );
    }
    const row = Object.fromEntries(
      RELEASE_LOG_COLUMNS.map((column, i) => [column, values[i] ?? '']),
    ) as ReleaseLogRow;
    for (const column of RELEASE_LOG_COLUMNS) {
      const problem = invalidValue(column, row[column]);
      if (problem) throw new ConfigurationError(`release log '${path}' line ${index + 2}: ${problem}`);
    }
    return row;
  });
}

/**
 * Reads the previous log; a path that does not exist is a first run (empty log), reported as
 * `found: false`. A log that exists but does not parse strictly is `malformed` (with why): the caller
 * warns and starts a new log rather than failing the gate or copying a forged row.
 */
export async function readReleaseLog(
  path: string | undefined,
): Promise<{ rows: ReleaseLogRow[]; found: boolean; malformed?: string }> {
  if (!path) return { rows: [], found: false };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rows: [], found: false };
    throw new ConfigurationError(`release log '${path}' cannot be read: ${(error as Error).message}`);
  }
  try {
    return { rows: parseReleaseLog(text, path), found: true };
  } catch (error) {
    return { rows: [], found: true, malformed: (error as Error).message };
  }
}

/**
 * Text safe in a markdown table cell: HTML special characters as entities, every markdown punctuation
 * character backslash-escaped, so a value renders as exactly its text (no link, image, emphasis, HTML).
 */
export function markdownCell(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~"']/g, (char) => `\\${char}`);
}

/** The newest rows as a markdown table (newest first), bounded so a long history never bloats a summary. */
export function releaseLogMarkdown(rows: ReleaseLogRow[], limit = 20): string {
  const shown = rows.slice(-limit).reverse();
  const lines = [
    `| ${RELEASE_LOG_TITLES.join(' | ')} |`,
    `| ${RELEASE_LOG_TITLES.map(() => '---').join(' | ')} |`,
  ];
  for (const row of shown) {
    lines.push(
      `| ${RELEASE_LOG_COLUMNS.map((column) => {
        const value = row[column];
        if (column === 'run_url' && /^https?:\/\/[^\s"'<>()\\]+$/.test(value))
          return `[run](${value.replace(/[|[\]]/g, encodeURIComponent)})`;
        if (column === 'sha' && /^[0-9a-f]{40}$/.test(value)) return `\`${value.slice(0, 12)}\``;
        return markdownCell(value);
      }).join(' | ')} |`,
    );
  }
  if (rows.length > shown.length)
    lines.push('', `_${rows.length - shown.length} older rows in release-log.tsv._`);
  return `${lines.join('\n')}\n`;
}
