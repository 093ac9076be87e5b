import { rename } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { type ReadinessChecklistResult, readinessChecklist } from '@release-actions/core';
import type { DemoContext, DemoStage } from '../types.js';

const GOOD_RELEASE_REPORT = join('release-gate-2.5.0', 'report.json');
const LOAD_REPORT = 'release-gate-load-calibration-report.json';

/** The readiness checklist as the action runs it, with the built-in rules only; the record goes to `outDir`. */
function decide(context: DemoContext, outDir: string): Promise<ReadinessChecklistResult> {
  return readinessChecklist({
    facts: {
      targetRef: 'refs/heads/main',
      releaseOwner: 'alice',
      rollbackOwner: 'bob',
      rollbackRef: 'refs/tags/v2.3.1',
    },
    report: join(context.outDir, GOOD_RELEASE_REPORT),
    // The default evidence paths are `build-artifacts/...` relative to the workspace.
    workspace: join(context.outDir, '..'),
    outDir,
    now: new Date(),
  });
}

function show(context: DemoContext, label: string, { record, paths }: ReadinessChecklistResult) {
  context.log(
    `${label}: ${record.decision} (${record.rules.length} rules) -> ${relative(process.cwd(), paths.markdown)}`,
  );
  for (const failed of record.failedRules) context.log(`  ✘ ${failed.id}: ${failed.reason}`);
  context.wrote(dirname(paths.markdown), `readiness decision ${label}: ${record.decision} (.md and .json)`);
}

/**
 * The go/no-go gate before production: every built-in rule and the four required reports (drill delta,
 * receiver validation, receiver drill, load calibration) give GO. Then the same checklist with the load
 * calibration report taken away gives NO-GO, naming it.
 */
export const readinessStage: DemoStage = {
  name: 'readiness',
  title: 'Readiness checklist: GO with all evidence, then NO-GO with one report missing',
  async run(context) {
    const go = await decide(context, join(context.outDir, 'readiness'));
    show(context, 'with every report', go);

    const report = join(context.outDir, LOAD_REPORT);
    const aside = `${report}.aside`;
    await rename(report, aside);
    let noGo: ReadinessChecklistResult;
    try {
      noGo = await decide(context, join(context.outDir, 'readiness-without-load-report'));
    } finally {
      await rename(aside, report);
    }
    show(context, 'without the load calibration report', noGo);

    const namesMissing = noGo.record.failedRules.some((rule) => rule.id === 'loadCalibrationReport');
    return {
      asIntended: go.record.decision === 'GO' && noGo.record.decision === 'NO-GO' && namesMissing,
      summary: `${go.record.decision} with all evidence; ${noGo.record.decision} without the load calibration report${namesMissing ? ' (named)' : ''}`,
    };
  },
};
