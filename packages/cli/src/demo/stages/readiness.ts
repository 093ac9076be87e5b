import { rename } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EMPTY_CHECKLIST } from '@release-actions/core/readiness/checklist';
import { evaluateReadiness } from '@release-actions/core/readiness/evaluate';
import { writeDecisionRecord } from '@release-actions/core/readiness/output';
import type { ReadinessDecision } from '@release-actions/core/readiness/record';
import type { DemoContext, DemoStage } from '../types.js';

const GOOD_RELEASE_REPORT = join('release-gate-2.5.0', 'report.json');
const LOAD_REPORT = 'release-gate-load-calibration-report.json';

function decide(context: DemoContext): Promise<ReadinessDecision> {
  return evaluateReadiness({
    checklist: EMPTY_CHECKLIST,
    facts: {
      targetRef: 'refs/heads/main',
      releaseOwner: 'alice',
      rollbackOwner: 'bob',
      rollbackRef: 'refs/tags/v2.3.1',
    },
    reportPath: join(context.outDir, GOOD_RELEASE_REPORT),
    // The default evidence paths are `build-artifacts/...` relative to the workspace.
    workspace: join(context.outDir, '..'),
    now: new Date(),
  });
}

function show(context: DemoContext, label: string, decision: ReadinessDecision, path: string) {
  context.log(
    `${label}: ${decision.decision} (${decision.rules.length} rules) -> ${relative(process.cwd(), path)}`,
  );
  for (const failed of decision.failedRules) context.log(`  ✘ ${failed.id}: ${failed.reason}`);
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
    const go = await decide(context);
    const goRecord = await writeDecisionRecord(go, join(context.outDir, 'readiness'));
    show(context, 'with every report', go, goRecord.markdown);

    const report = join(context.outDir, LOAD_REPORT);
    const aside = `${report}.aside`;
    await rename(report, aside);
    let noGo: ReadinessDecision;
    try {
      noGo = await decide(context);
    } finally {
      await rename(aside, report);
    }
    const noGoRecord = await writeDecisionRecord(noGo, join(context.outDir, 'readiness-without-load-report'));
    show(context, 'without the load calibration report', noGo, noGoRecord.markdown);

    const namesMissing = noGo.failedRules.some((rule) => rule.id === 'loadCalibrationReport');
    return {
      asIntended: go.decision === 'GO' && noGo.decision === 'NO-GO' && namesMissing,
      summary: `${go.decision} with all evidence; ${noGo.decision} without the load calibration report${namesMissing ? ' (named)' : ''}`,
    };
  },
};
