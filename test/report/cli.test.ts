import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cliBundle } from '../harness/cli.js';
import { promotedReport, rolledBackReport, writeReport } from './fixtures.js';

const exec = promisify(execFile);

async function releaseGate(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [cliBundle, ...args], {
      cwd,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

test('release-gate report: blocked exits 1 and writes the bundle; verify-evidence then catches a tampered file', async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'rg-cli-'));
  await writeReport(workspace, rolledBackReport());
  const report = await releaseGate(['report', '--owner', 'carol'], workspace);
  expect(report.code).toBe(1);
  expect(report.stdout).toContain('verdict: blocked (shop 1.4.0 -> production');
  expect(report.stdout).toContain('  - smoke failed: 1 of 2 probes failed (checkout)');
  const bundle = join(workspace, 'release-gate');
  expect(report.stdout).toContain(`evidence bundle: ${bundle} (6 files`);
  expect(await readFile(join(bundle, 'summary.md'), 'utf8')).toContain('```mermaid');
  expect(await readFile(join(bundle, 'release-log.tsv'), 'utf8')).toContain('\tblocked\tcarol\t');

  const intact = await releaseGate(['verify-evidence', bundle], workspace);
  expect(intact).toMatchObject({ code: 0 });
  expect(intact.stdout).toBe(`evidence intact: 5 files match manifest.json in ${bundle}\n`);

  await appendFile(join(bundle, 'report.json'), '\n');
  const tampered = await releaseGate(['verify-evidence', bundle], workspace);
  expect(tampered.code).toBe(1);
  expect(tampered.stderr).toContain('report.json: size mismatch');
  expect(tampered.stderr).toContain('evidence NOT intact: 1 problem(s)');
});

test('release-gate report: promote exits 0; --json prints summary.json; blocked with --allow-blocked exits 0', async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'rg-cli-'));
  await writeReport(workspace, promotedReport(), 'gate/report.json');
  const promoted = await releaseGate(['report', '--report-path', 'gate/report.json', '--json'], workspace);
  expect(promoted.code).toBe(0);
  expect(JSON.parse(promoted.stdout)).toMatchObject({ ok: true, verdict: 'promote', smokeResult: 'passed' });

  const other = await mkdtemp(join(tmpdir(), 'rg-cli-'));
  await writeReport(other, rolledBackReport());
  expect((await releaseGate(['report', '--allow-blocked'], other)).code).toBe(0);
});

test('bad usage and unreadable inputs exit 2 with a message naming the problem', async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'rg-cli-'));
  const noReport = await releaseGate(['report'], workspace);
  expect(noReport.code).toBe(2);
  expect(noReport.stderr).toContain(
    "release-gate report 'release-gate/report.json'".replace('release-gate/', `${workspace}/release-gate/`),
  );
  expect((await releaseGate(['report', '--nope'], workspace)).code).toBe(2);
  const noManifest = await releaseGate(['verify-evidence', workspace], workspace);
  expect(noManifest.code).toBe(2);
  expect(noManifest.stderr).toContain(
    `evidence manifest '${join(workspace, 'manifest.json')}' cannot be read`,
  );
  expect((await releaseGate(['verify-evidence'], workspace)).code).toBe(2);
});
