import { readFile } from 'node:fs/promises';
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
});
