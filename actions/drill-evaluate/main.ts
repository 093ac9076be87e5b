import * as core from '@actions/core';
import {
  DRILL_FILES,
  type DrillDeltaReport,
  type DrillEvaluateInput,
  drillEvaluate,
  drillEvaluateSpec,
  drillReportMarkdown,
  enforceDrillAttention,
  fitSummary,
  DrillEvaluateOutputs as Outputs,
  type ParsedInputs,
} from '@release-actions/core';
import { actionsLogger, readInputs, runAction, trustedArtifactFile } from '@release-actions/github';

type DrillEvaluateInputs = ParsedInputs<typeof drillEvaluateSpec.inputs>;
const TOKEN_INPUT: DrillEvaluateInput = 'github-token';

async function main(): Promise<void> {
  let report: DrillDeltaReport | undefined;
  try {
    const inputs = readInputs(drillEvaluateSpec);
    const evaluation = await drillEvaluate({
      workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      staging: inputs.staging,
      production: inputs.production,
      events: inputs.events,
      calibration: inputs.calibration,
      owner: inputs.owner ?? process.env.GITHUB_ACTOR,
      deltaApplied: inputs['delta-applied'],
      now: inputs.now,
      outDir: inputs['out-dir'],
      previousLog: await previousLogPath(inputs),
      logger: actionsLogger,
    });
    report = evaluation.report;
    const { paths } = evaluation;
    core.setOutput(Outputs.StagingStatus, report.staging.status);
    core.setOutput(Outputs.ProductionStatus, report.production.status);
    core.setOutput(Outputs.Alerts, JSON.stringify(report.firingAlerts));
    core.setOutput(Outputs.ReportPath, paths.json);
    core.setOutput(Outputs.MarkdownPath, paths.markdown);
    core.setOutput(Outputs.LogPath, paths.log);

    for (const env of [report.staging, report.production]) {
      core.info(`${env.slot}: ${env.status}${env.reasons.length ? ` (${env.reasons.join('; ')})` : ''}`);
      for (const reason of env.reasons)
        core.warning(`${env.slot}: ${reason}`, { title: `drill ${env.status}` });
    }
    for (const delta of report.deltas)
      core.notice(`${delta.setting}: ${delta.current} -> ${delta.proposed}: ${delta.reason}`);
    for (const note of report.notes) core.info(`note: ${note}`);
    core.info(`wrote ${paths.json}, ${paths.markdown} and a row in ${paths.log}`);

    enforceDrillAttention(report, inputs['fail-on-attention']);
  } finally {
    if (report && process.env.GITHUB_STEP_SUMMARY)
      await core.summary.addRaw(fitSummary(drillReportMarkdown(report))).write();
  }
}

/**
 * The previous drill log: with `previous-log-artifact`, release-gate-drill-log.md from the newest artifact
 * of that name a trusted run uploaded (into RUNNER_TEMP; none found or a failed lookup means a new log);
 * otherwise the `previous-log` path.
 */
async function previousLogPath(inputs: DrillEvaluateInputs): Promise<string | undefined> {
  const name = inputs['previous-log-artifact'];
  if (!name) return inputs['previous-log'];
  return trustedArtifactFile({
    name,
    folder: 'release-gate-previous-drill-log',
    file: DRILL_FILES.log,
    token: inputs['github-token'],
    tokenInput: TOKEN_INPUT,
    trustedWorkflows: inputs['trusted-workflows'],
    what: 'previous drill log',
  });
}

/** The whole action: read the inputs, evaluate, write outputs and the summary; errors fail the step. */
export function run(): Promise<void> {
  return runAction('drill-evaluate', main);
}
