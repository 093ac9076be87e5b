import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { drillDeltaReportSchema } from '../../packages/core/src/drill/schema.js';
import { readinessDecisionSchema } from '../../packages/core/src/readiness/record.js';
import { releaseGateReportSchema } from '../../packages/core/src/report/schema.js';
import { runCli } from '../harness/cli.js';

async function json(cwd: string, path: string): Promise<unknown> {
  return JSON.parse(await readFile(join(cwd, 'build-artifacts', path), 'utf8'));
}

/** `npm start` as a user runs it: the whole gate, the drill and the readiness decision, from a clean folder. */
describe('npm start (release-gate demo)', () => {
  let cwd: string;
  let stdout: string;

  beforeAll(async () => {
    const demo = await runCli(['demo'], { timeoutMs: 60_000 });
    if (demo.code !== 0)
      throw new Error(`release-gate demo exited ${demo.code}\n${demo.stdout}\n${demo.stderr}`);
    ({ cwd, stdout } = demo);
  }, 70_000);

  test('every stage ran as intended', () => {
    const recap = stdout.slice(stdout.lastIndexOf('Recap'));
    for (const stage of [
      'deploy',
      'smoke',
      'rollback',
      'good release',
      'evidence',
      'report',
      'drill',
      'readiness',
    ]) {
      expect(recap).toContain(`✔ ${stage}:`);
    }
    expect(recap).not.toContain('✘');
  });

  test('the gate rolled back and verified as the actions do: rollbackCallback spans the verify step up to the metrics callback', async () => {
    const report = releaseGateReportSchema.parse(await json(cwd, 'release-gate/report.json'));
    expect(report.rollback?.state).toBe('succeeded');
    expect(report.rollbackCallback?.state).toBe('verified');
    // The section starts when the verify step starts (after the rollback) and ends after the callback event.
    expect(Date.parse(report.rollbackCallback!.startedAt)).toBeGreaterThanOrEqual(
      Date.parse(report.rollback!.finishedAt),
    );
    expect(report.rollbackCallback!.finishedAt).toBe(report.metricsCallback!.finishedAt);
    expect(report.metricsCallback?.state).toBe('accepted');
  });

  test('the drill rolled back staging and production as drill events and both passed', async () => {
    const delta = drillDeltaReportSchema.parse(await json(cwd, 'release-gate-drill-delta-report.json'));
    expect(delta.staging.status).toBe('drill_passed');
    expect(delta.production.status).toBe('drill_passed');
    for (const environment of ['staging', 'production']) {
      const report = releaseGateReportSchema.parse(
        await json(cwd, `drill/${environment}-release-gate-report/report.json`),
      );
      expect(report.rollback).toMatchObject({ drill: true, state: 'succeeded' });
      expect(report.rollbackCallback?.state).toBe('verified');
    }
    const log = await readFile(join(cwd, 'build-artifacts', 'release-gate-drill-log.md'), 'utf8');
    expect(log).toMatch(/\| drill_passed \| drill_passed \| no \| demo \|/);
  });

  test('readiness is GO with all four reports and NO-GO naming the missing one', async () => {
    const go = readinessDecisionSchema.parse(
      await json(cwd, 'readiness/release-gate-readiness-decision.json'),
    );
    expect(go.decision).toBe('GO');
    expect(go.failedRules).toEqual([]);
    const ids = go.rules.map((rule) => rule.id);
    for (const id of [
      'drillDeltaReport',
      'receiverValidationReport',
      'receiverDrillReport',
      'loadCalibrationReport',
    ]) {
      expect(ids).toContain(id);
    }
    const noGo = readinessDecisionSchema.parse(
      await json(cwd, 'readiness-without-load-report/release-gate-readiness-decision.json'),
    );
    expect(noGo.decision).toBe('NO-GO');
    expect(noGo.failedRules.map((rule) => rule.id)).toEqual(['loadCalibrationReport']);
    // The report is back in place after the NO-GO run.
    await expect(json(cwd, 'release-gate-load-calibration-report.json')).resolves.toBeTruthy();
  });

  test('the output ends with a map of what it wrote, and every path in it exists', async () => {
    const lines = stdout.trimEnd().split('\n');
    const heading = lines.findIndex((line) => line.startsWith('What the demo wrote, under build-artifacts/'));
    expect(heading).toBeGreaterThan(-1);
    const rows = lines.slice(heading + 1).map((line) => line.trim().split(/\s{2,}/));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const [path, what] of rows) {
      expect(what).toBeTruthy();
      const info = await stat(join(cwd, 'build-artifacts', path!));
      expect(info.isDirectory()).toBe(path!.endsWith('/'));
    }
    const paths = rows.map(([path]) => path);
    for (const path of ['release-gate/', 'release-gate-2.5.0/', 'release-log.tsv', 'readiness/'])
      expect(paths).toContain(path);
  });

  test("each bundle's file count is the one verify-evidence reports", async () => {
    const bundles = [...stdout.matchAll(/evidence bundle: (\S+)\/ \((\d+) files match manifest\.json\)/g)];
    expect(bundles.map(([, dir]) => dir)).toEqual([
      'build-artifacts/release-gate',
      'build-artifacts/release-gate-2.5.0',
    ]);
    for (const [, dir, count] of bundles) {
      const verify = await runCli(['verify-evidence', dir!], { cwd });
      expect(verify.code).toBe(0);
      expect(verify.stdout).toContain(`evidence intact: ${count} files match manifest.json`);
    }
  });

  test('the drill lines say a drill does not act; the deltas and the two load targets are explained', () => {
    for (const environment of ['staging', 'production'])
      expect(stdout).toContain(
        `${environment} drill: rollback to 2.3.1: succeeded (scheduled rollback drill); a drill rehearses: the receiver answered as for a real rollback but did not act, so the service still runs 2.5.0`,
      );
    expect(stdout).toMatch(
      /calibration deltas: alert settings the drill history says to change \(proposed, not applied/,
    );
    expect(stdout).toMatch(/delta: failureRate\.window 24h -> \S+: .+/);
    expect(stdout).toContain("two targets, the receiver's and the sample service's /healthz");
  });
});
