import * as core from '@actions/core';
import {
  booleanInput,
  fitSummary,
  nowInput,
  optionalString,
  stringInput,
  workspacePath,
} from '@release-actions/core';
import {
  type DrillDeltaReport,
  drillReportMarkdown,
  loadCalibration,
  runDrillEvaluation,
  writeDrillOutputs,
} from '@release-actions/core/drill/index';
import { DRILL_FILES } from '@release-actions/core/drill/output';
import { ConfigurationError } from '@release-actions/core/errors';
import { readInputs, runAction } from '@release-actions/github';
import { artifactNameInput } from '@release-actions/github/artifacts';
import { trustedWorkflowsInput } from '@release-actions/github/trusted-artifacts';
import { trustedArtifactFile } from '@release-actions/github/trusted-download';

/** Input and output names, never repeated as literals elsewhere. */
export const Inputs = {
  Staging: 'staging',
  Production: 'production',
  Events: 'events',
  Calibration: 'calibration',
  Owner: 'owner',
  DeltaApplied: 'delta-applied',
  PreviousLog: 'previous-log',
  PreviousLogArtifact: 'previous-log-artifact',
  TrustedWorkflows: 'trusted-workflows',
  GithubToken: 'github-token',
  OutDir: 'out-dir',
  Now: 'now',
  FailOnAttention: 'fail-on-attention',
} as const;

export const Outputs = {
  StagingStatus: 'staging-status',
  ProductionStatus: 'production-status',
  Alerts: 'alerts',
  ReportPath: 'report-path',
  MarkdownPath: 'markdown-path',
  LogPath: 'log-path',
} as const;

export const inputSpecs = {
  [Inputs.Staging]: { schema: optionalString, example: 'drill/staging/report.json' },
  [Inputs.Production]: { schema: optionalString, example: 'drill/production/report.json' },
  [Inputs.Events]: { schema: optionalString, example: 'receiver/events.jsonl' },
  [Inputs.Calibration]: {
    schema: optionalString,
    example: "'failureRate: { threshold: 20% }' or .github/drill-calibration.yml",
  },
  [Inputs.Owner]: { schema: optionalString, example: '${{ github.actor }}' },
  [Inputs.DeltaApplied]: {
    schema: stringInput('no'),
    example: "'yes: budgets.rollback 15m'",
  },
  [Inputs.PreviousLog]: { schema: optionalString, example: 'previous/release-gate-drill-log.md' },
  [Inputs.PreviousLogArtifact]: {
    schema: artifactNameInput.transform((raw) => raw || undefined),
    example: 'release-gate-drill-delta-report',
  },
  [Inputs.TrustedWorkflows]: {
    schema: trustedWorkflowsInput,
    example: "'release-gate-drill.yml, drill.yml'",
  },
  [Inputs.GithubToken]: { schema: optionalString, example: '${{ github.token }}', secret: true },
  [Inputs.OutDir]: { schema: stringInput('build-artifacts'), example: 'build-artifacts' },
  [Inputs.Now]: { schema: nowInput, example: '2026-01-15T11:00:00Z' },
  [Inputs.FailOnAttention]: { schema: booleanInput(false), example: 'true' },
};

async function main(): Promise<void> {
  let report: DrillDeltaReport | undefined;
  try {
    const inputs = readInputs(inputSpecs);
    const path = (value: string | undefined) => (value ? workspacePath(value) : undefined);
    const calibration = await loadCalibration(inputs[Inputs.Calibration], (file) => workspacePath(file));
    report = await runDrillEvaluation({
      stagingPath: path(inputs[Inputs.Staging]),
      productionPath: path(inputs[Inputs.Production]),
      eventsPath: path(inputs[Inputs.Events]),
      calibration,
      owner: inputs[Inputs.Owner] ?? process.env.GITHUB_ACTOR,
      deltaApplied: inputs[Inputs.DeltaApplied],
      now: inputs[Inputs.Now],
    });
    const paths = await writeDrillOutputs(
      report,
      workspacePath(inputs[Inputs.OutDir]),
      await previousLogPath(inputs, path),
    );
    if (paths.previousLogMalformed)
      core.warning(`previous drill log is malformed (${paths.previousLogMalformed}): starting a new log`);
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

    const unhealthy = [report.staging, report.production].filter((env) => env.status !== 'drill_passed');
    if (unhealthy.length && inputs[Inputs.FailOnAttention]) {
      throw new ConfigurationError(
        `drill needs attention: ${unhealthy.map((env) => `${env.slot} ${env.status}`).join(', ')} (fail-on-attention is true)`,
      );
    }
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
async function previousLogPath(
  inputs: {
    [Inputs.PreviousLog]: string | undefined;
    [Inputs.PreviousLogArtifact]: string | undefined;
    [Inputs.TrustedWorkflows]: string[];
    [Inputs.GithubToken]: string | undefined;
  },
  path: (value: string | undefined) => string | undefined,
): Promise<string | undefined> {
  const name = inputs[Inputs.PreviousLogArtifact];
  if (!name) return path(inputs[Inputs.PreviousLog]);
  return trustedArtifactFile({
    name,
    folder: 'release-gate-previous-drill-log',
    file: DRILL_FILES.log,
    token: inputs[Inputs.GithubToken],
    tokenInput: Inputs.GithubToken,
    trustedWorkflows: inputs[Inputs.TrustedWorkflows],
    what: 'previous drill log',
  });
}

/** The whole action: read the inputs, evaluate, write outputs and the summary; errors fail the step. */
export function run(): Promise<void> {
  return runAction('drill-evaluate', main);
}
