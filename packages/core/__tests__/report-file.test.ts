import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeReportSection, readReport } from '../src/report/file.js';
import type { ReportIdentity } from '../src/report/schema.js';

const identity: ReportIdentity = {
  environment: 'staging',
  service: 'shop',
  ref: 'refs/heads/main',
  sha: null,
  version: '1.2.3',
  run: { repository: 'acme/shop', id: '1', attempt: 1, url: null, actor: 'octocat', workflow: 'release' },
};

test('sections from several steps merge into one report', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'report-'));
  const path = join(dir, 'release-gate', 'report.json');
  const verdict = { value: 'promote' as const, reasons: [], decidedAt: '2026-01-01T00:00:00.000Z' };
  await mergeReportSection(path, identity, 'verdict', verdict);
  await mergeReportSection(path, { ...identity, sha: 'abc' }, 'evidence', { files: [] });
  const report = await readReport(path);
  expect(report.verdict).toEqual(verdict);
  expect(report.evidence).toEqual({ files: [] });
  expect(report.sha).toBe('abc');
  expect(report.schemaVersion).toBe(1);
  expect(JSON.parse(await readFile(path, 'utf8')).environment).toBe('staging');
});

test('a malformed report names the file and the first wrong field', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'report-'));
  const path = join(dir, 'report.json');
  await writeFile(path, JSON.stringify({ schemaVersion: 1, environment: 7 }));
  await expect(readReport(path)).rejects.toThrow(`'${path}' does not match its schema: field 'environment'`);
  await writeFile(path, '{ nope');
  await expect(readReport(path)).rejects.toThrow('is not valid JSON');
});

test('concurrent merges into one report (a step and its cancel handler) keep every section and valid JSON', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'report-'));
  const path = join(dir, 'report.json');
  const verdict = {
    value: 'blocked' as const,
    reasons: ['cancelled'],
    decidedAt: '2026-01-01T00:00:00.000Z',
  };
  await Promise.all([
    mergeReportSection(path, identity, 'verdict', verdict),
    mergeReportSection(path, identity, 'evidence', { files: [] }),
    mergeReportSection(path, identity, 'verdict', verdict),
  ]);
  const report = await readReport(path);
  expect(report.verdict).toEqual(verdict);
  expect(report.evidence).toEqual({ files: [] });
});
