import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promotedReport } from '../../../test/report/fixtures.js';
import {
  formatReleaseLog,
  parseReleaseLog,
  readReleaseLog,
  releaseLogMarkdown,
  releaseLogRow,
} from '../src/report/release-log.js';

const now = new Date('2026-11-22T12:34:56.789Z');

test('a row carries every column; tabs and line breaks in values cannot break the TSV', () => {
  const report = { ...promotedReport(), service: 'shop\tfront\nend' };
  report.verdict = { value: 'promote', reasons: [], decidedAt: now.toISOString() };
  const row = releaseLogRow(report, undefined, now);
  expect(row).toEqual({
    date_utc: '2026-11-22T12:34:56Z',
    environment: 'staging',
    service: 'shop front end',
    sha: 'b'.repeat(40),
    version: '1.4.0',
    smoke: 'passed',
    verdict: 'promote',
    owner: 'octocat',
    run_url: 'https://github.com/acme/shop/actions/runs/1001/attempts/1',
  });
  const text = formatReleaseLog([row, { ...row, owner: 'alice', verdict: 'blocked' }]);
  expect(text.split('\n')[0]).toBe(
    'date_utc\tenvironment\tservice\tsha\tversion\tsmoke\tverdict\towner\trun_url',
  );
  expect(text.trimEnd().split('\n')).toHaveLength(3);
  expect(parseReleaseLog(text, 'log.tsv')).toEqual([row, { ...row, owner: 'alice', verdict: 'blocked' }]);
});

test('a report without smoke or sha is logged with placeholders, owner input wins over the actor', () => {
  const report = { ...promotedReport(), sha: null, smoke: undefined };
  const row = releaseLogRow(report, 'release-owner', now);
  expect(row.sha).toBe('-');
  expect(row.smoke).toBe('not run');
  expect(row.verdict).toBe('-');
  expect(row.owner).toBe('release-owner');
});

test('a wrong header or a short row names the file and the line', () => {
  expect(() => parseReleaseLog('date\tenv\n', 'prev.tsv')).toThrow(
    "release log 'prev.tsv' line 1: expected the header",
  );
  const good = formatReleaseLog([releaseLogRow(promotedReport(), 'x', now)]);
  expect(() => parseReleaseLog(`${good}only\ttwo\n`, 'prev.tsv')).toThrow(
    "release log 'prev.tsv' line 3: expected 9 tab-separated values, got 2",
  );
});

test('a missing previous log is a first run; an existing one is read', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'log-'));
  expect(await readReleaseLog(join(dir, 'none.tsv'))).toEqual({ rows: [], found: false });
  expect(await readReleaseLog(undefined)).toEqual({ rows: [], found: false });
  const rows = [releaseLogRow(promotedReport(), 'x', now)];
  await writeFile(join(dir, 'log.tsv'), formatReleaseLog(rows));
  expect(await readReleaseLog(join(dir, 'log.tsv'))).toEqual({ rows, found: true });
});

test('the markdown table shows the newest rows first and counts the rest', () => {
  const rows = Array.from({ length: 25 }, (_, i) => ({
    ...releaseLogRow(promotedReport(), `owner${i}`, now),
    version: `1.0.${i}`,
  }));
  const md = releaseLogMarkdown(rows, 10);
  const body = md.split('\n').filter((line) => line.startsWith('| 2026'));
  expect(body).toHaveLength(10);
  expect(body[0]).toContain('1.0.24');
  expect(body[9]).toContain('1.0.15');
  expect(md).toContain('_15 older rows in release-log.tsv._');
  expect(body[0]).toContain('`bbbbbbbbbbbb`');
  expect(body[0]).toContain('[run](https://github.com/acme/shop/actions/runs/1001/attempts/1)');
});
