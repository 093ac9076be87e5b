import { createHash } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promotedReport, rolledBackReport, writeReport } from '../../../test/report/fixtures.js';
import { finalizeGate } from '../src/bundle/bundle.js';
import { expandEvidencePatterns, globToRegExp } from '../src/bundle/glob.js';
import { verifyEvidence } from '../src/bundle/manifest.js';
import { evidenceSummarySchema } from '../src/bundle/summary.js';
import { readReport } from '../src/report/file.js';
import { parseReleaseLog } from '../src/report/release-log.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const clock = () => new Date('2026-11-22T12:01:00.000Z');

async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-'));
  await mkdir(join(dir, 'db'), { recursive: true });
  await mkdir(join(dir, 'logs/nested'), { recursive: true });
  await writeFile(join(dir, 'db/backup-manifest.json'), '{"backup":"ok"}\n');
  await writeFile(join(dir, 'logs/migrate-1.log'), 'migrated 3 tables\n');
  await writeFile(join(dir, 'logs/nested/migrate-2.log'), 'migrated 1 table\n');
  await writeFile(join(dir, 'logs/other.txt'), 'not evidence\n');
  return dir;
}

test.each([
  ['logs/*.log', ['logs/migrate-1.log'], ['logs/nested/migrate-2.log', 'logs/other.txt']],
  ['logs/**/*.log', ['logs/migrate-1.log', 'logs/nested/migrate-2.log'], ['logs/other.txt', 'db/x.log']],
  ['**/*.{json,txt}', ['db/backup-manifest.json', 'logs/other.txt', 'a.json'], ['logs/migrate-1.log']],
  ['db/backup-?.json', ['db/backup-1.json'], ['db/backup-10.json']],
])('glob %s', (pattern, matching, other) => {
  const regex = globToRegExp(pattern);
  for (const path of matching) expect(regex.test(path)).toBe(true);
  for (const path of other) expect(regex.test(path)).toBe(false);
});

test('evidence patterns resolve paths, globs and folders; unknown or outside patterns are named errors', async () => {
  const dir = await workspace();
  expect(await expandEvidencePatterns(['db/backup-manifest.json', 'logs/**/*.log'], dir)).toEqual([
    'db/backup-manifest.json',
    'logs/migrate-1.log',
    'logs/nested/migrate-2.log',
  ]);
  expect(await expandEvidencePatterns(['logs/nested'], dir)).toEqual(['logs/nested/migrate-2.log']);
  expect(await expandEvidencePatterns([join(dir, 'logs/other.txt')], dir)).toEqual(['logs/other.txt']);
  await expect(expandEvidencePatterns(['db/missing.json'], dir)).rejects.toThrow(
    "input 'evidence': 'db/missing.json' matched no file",
  );
  await expect(expandEvidencePatterns(['../etc/passwd'], dir)).rejects.toThrow('is outside the workspace');
  await symlink('/etc/hostname', join(dir, 'db/link.txt'));
  await expect(expandEvidencePatterns(['db/link.txt'], dir)).rejects.toThrow(
    "'db/link.txt' resolves outside the workspace",
  );
  // Globs never follow symlinks either: only regular files match.
  expect(await expandEvidencePatterns(['db/*'], dir)).toEqual(['db/backup-manifest.json']);
});

test('finalizeGate writes the bundle: verdict, evidence copies, release log, summary, manifest over all', async () => {
  const dir = await workspace();
  const reportPath = await writeReport(dir, rolledBackReport());
  await mkdir(join(dir, 'release-gate/logs'), { recursive: true });
  await writeFile(join(dir, 'release-gate/logs/smoke.log'), 'GET /checkout 503\n');
  const previous = join(dir, 'previous.tsv');
  await writeFile(
    previous,
    'date_utc\tenvironment\tservice\tsha\tversion\tsmoke\tverdict\towner\trun_url\n2026-11-01T00:00:00Z\tproduction\tshop\tabc\t1.3.0\tpassed\tpromote\talice\t-\n',
  );
  const result = await finalizeGate({
    reportPath,
    workspace: dir,
    evidence: ['db/backup-manifest.json', 'logs/**/*.log'],
    previousLog: previous,
    owner: 'bob',
    generatedBy: 'release-actions/test',
    now: clock,
  });
  expect(result.verdict.value).toBe('blocked');
  expect(result.evidenceFiles).toEqual([
    'evidence/db/backup-manifest.json',
    'evidence/logs/migrate-1.log',
    'evidence/logs/nested/migrate-2.log',
  ]);
  expect(result.stepLogs).toEqual(['logs/smoke.log']);
  expect(result.manifest.files.map((f) => f.path)).toEqual([
    'evidence/db/backup-manifest.json',
    'evidence/logs/migrate-1.log',
    'evidence/logs/nested/migrate-2.log',
    'logs/smoke.log',
    'release-log.md',
    'release-log.tsv',
    'report.json',
    'summary.json',
  ]);
  // The manifest digests match the bytes on disk, the report included.
  for (const entry of result.manifest.files) {
    const text = await readFile(join(dir, 'release-gate', entry.path), 'utf8');
    expect(entry.sha256).toBe(sha(text));
    expect(entry.bytes).toBe(Buffer.byteLength(text));
  }
  // The report lists every other file (not itself, not the manifest) and carries the verdict.
  const report = await readReport(reportPath);
  expect(report.verdict?.value).toBe('blocked');
  expect(report.evidence?.files.map((f) => f.path)).toEqual(
    result.manifest.files.map((f) => f.path).filter((p) => p !== 'report.json'),
  );
  const log = parseReleaseLog(await readFile(join(dir, 'release-gate/release-log.tsv'), 'utf8'), 'log');
  expect(log.map((row) => [row.version, row.verdict, row.owner])).toEqual([
    ['1.3.0', 'promote', 'alice'],
    ['1.4.0', 'blocked', 'bob'],
  ]);
  const summary = evidenceSummarySchema.parse(
    JSON.parse(await readFile(join(dir, 'release-gate/summary.json'), 'utf8')),
  );
  expect(summary).toMatchObject({
    ok: false,
    verdict: 'blocked',
    sha: 'b'.repeat(40),
    version: '1.4.0',
    rollbackRef: 'c'.repeat(40),
    smokeResult: 'failed',
    durationMs: 60_000,
    generatedBy: 'release-actions/test',
  });
  expect(Object.keys(summary.steps)).toEqual(['deploy', 'smoke', 'rollback', 'verify', 'metricsCallback']);
  expect(result.files).toHaveLength(9);
  expect((await verifyEvidence(join(dir, 'release-gate'))).ok).toBe(true);
});

test('verifyEvidence names a changed, a missing and an added file', async () => {
  const dir = await workspace();
  const reportPath = await writeReport(dir, promotedReport());
  const result = await finalizeGate({
    reportPath,
    workspace: dir,
    evidence: ['db/*.json'],
    generatedBy: 'test',
    now: clock,
  });
  expect(result.verdict.value).toBe('promote');
  const bundle = join(dir, 'release-gate');
  await appendFile(join(bundle, 'summary.json'), ' ');
  await rm(join(bundle, 'release-log.md'));
  await writeFile(join(bundle, 'evidence/db/backup-manifest.json'), '{"backup":"no"}\n');
  await writeFile(join(bundle, 'extra.txt'), 'slipped in');
  const check = await verifyEvidence(bundle);
  expect(check.ok).toBe(false);
  expect(check.checked).toBe(5);
  expect(check.problems.map((p) => [p.path, p.problem])).toEqual([
    ['evidence/db/backup-manifest.json', 'digest mismatch'],
    ['release-log.md', 'missing'],
    ['summary.json', 'size mismatch'],
    ['extra.txt', 'not in manifest'],
  ]);
});

test('a report at the workspace root is refused (the bundle would be the whole workspace)', async () => {
  const dir = await workspace();
  const reportPath = await writeReport(dir, promotedReport(), 'report.json');
  await expect(finalizeGate({ reportPath, workspace: dir, generatedBy: 'test' })).rejects.toThrow(
    'must sit in its own folder',
  );
});

test('a wrong report names the file and the first wrong field; a missing manifest names its path', async () => {
  const dir = await workspace();
  const reportPath = await writeReport(dir, { ...promotedReport(), smoke: { result: 'maybe' } } as never);
  await expect(finalizeGate({ reportPath, workspace: dir, generatedBy: 'test' })).rejects.toThrow(
    `release-gate report '${reportPath}' does not match its schema: field 'smoke.result'`,
  );
  await expect(verifyEvidence(join(dir, 'db'))).rejects.toThrow(
    `evidence manifest '${join(dir, 'db/manifest.json')}' cannot be read`,
  );
});
