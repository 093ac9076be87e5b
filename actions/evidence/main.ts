import * as core from '@actions/core';
import { booleanInput, workspacePath } from '@release-actions/core';
import { ConfigurationError } from '@release-actions/core/errors';
import {
  drillOptions,
  type EvidenceReport,
  evidenceInputSpecs,
  EvidenceInputs as I,
  loadOptions,
  requireForKind,
  runLoadCalibration,
  runReceiverDrill,
  runReceiverValidation,
  validationOptions,
  writeEvidenceReport,
} from '@release-actions/core/receiver-evidence/index';
import { actionsLogger, readInputs, runAction } from '@release-actions/github';

export const Outputs = {
  Status: 'status',
  ReportPath: 'report-path',
  MarkdownPath: 'markdown-path',
  Failed: 'failed',
} as const;

/** What failed, by name: checks, environments or targets. */
function failedNames(report: EvidenceReport): string[] {
  switch (report.kind) {
    case 'receiver-validation':
      return report.summary.failedChecks;
    case 'receiver-drill':
      return report.summary.failedEnvironments;
    case 'load-calibration':
      return report.targets.filter((t) => t.status === 'failed').map((t) => t.url);
  }
}

function annotate(report: EvidenceReport): void {
  if (report.kind === 'receiver-validation') {
    for (const check of report.checks.filter((c) => c.status === 'failed'))
      core.error(
        `${check.name}: expected ${check.expected}, observed ${check.observed}${check.detail ? ` (${check.detail})` : ''}`,
        {
          title: 'Receiver validation',
        },
      );
  } else if (report.kind === 'receiver-drill') {
    for (const env of report.environments.filter((e) => e.outcome !== 'delivered'))
      core.error(`${env.environment}: ${env.outcome}${env.detail ? `: ${env.detail}` : ''}`, {
        title: 'Receiver drill',
      });
  } else {
    for (const target of report.targets.filter((t) => t.status === 'failed'))
      core.error(`${target.method} ${target.url}: ${target.breaches.join('; ')}`, {
        title: 'Load calibration',
      });
  }
}

export const FailOnFailed = 'fail-on-failed';

export const inputSpecs = {
  ...evidenceInputSpecs,
  [FailOnFailed]: { schema: booleanInput(true), example: 'false' },
};

async function main(): Promise<void> {
  const inputs = readInputs(inputSpecs);
  const kind = inputs[I.Kind];
  requireForKind(kind, inputs);
  let report: EvidenceReport;
  if (kind === 'receiver-validation') {
    report = await runReceiverValidation({ ...validationOptions(inputs), logger: actionsLogger });
  } else if (kind === 'receiver-drill') {
    report = await runReceiverDrill({
      ...drillOptions(inputs, (path) => workspacePath(path)),
      logger: actionsLogger,
    });
  } else {
    report = await runLoadCalibration({ ...loadOptions(inputs), logger: actionsLogger });
  }

  const written = await writeEvidenceReport(workspacePath(inputs[I.OutDir]), report);
  core.setOutput(Outputs.Status, report.status);
  core.setOutput(Outputs.ReportPath, written.jsonPath);
  core.setOutput(Outputs.MarkdownPath, written.markdownPath);
  core.setOutput(Outputs.Failed, JSON.stringify(failedNames(report)));
  await core.summary
    .addRaw(written.markdown)
    .addRaw(`\nReport: \`${written.jsonPath}\` (schemaVersion ${report.schemaVersion})\n`)
    .write();
  annotate(report);
  if (report.status === 'passed') {
    core.info(`${kind} passed; report ${written.jsonPath}`);
    return;
  }
  const message = `${kind} failed: ${failedNames(report).join(', ')} (see ${written.markdownPath})`;
  if (inputs[FailOnFailed]) throw new ConfigurationError(message);
  core.warning(`${message}; fail-on-failed is false, so this step passes`);
}

/** The whole action: read the inputs, evaluate, write outputs and the summary; errors fail the step. */
export function run(): Promise<void> {
  return runAction('evidence', main);
}
