import * as core from '@actions/core';
import {
  EvidenceOutputs,
  evidenceFailedMessage,
  evidenceFailures,
  evidencePartialMessage,
  evidenceSpec,
  GateBlocked,
  produceEvidence,
  workspacePath,
} from '@release-actions/core';
import { actionsLogger, readInputs, runAction } from '@release-actions/github';

async function main(): Promise<void> {
  const inputs = readInputs(evidenceSpec);
  const outcome = await produceEvidence(inputs, { logger: actionsLogger, resolvePath: workspacePath });
  const { report, written, failed } = outcome;
  core.setOutput(EvidenceOutputs.Status, report.status);
  core.setOutput(EvidenceOutputs.ReportPath, written.jsonPath);
  core.setOutput(EvidenceOutputs.MarkdownPath, written.markdownPath);
  core.setOutput(EvidenceOutputs.Failed, JSON.stringify(failed));
  await core.summary
    .addRaw(written.markdown)
    .addRaw(`\nReport: \`${written.jsonPath}\` (schemaVersion ${report.schemaVersion})\n`)
    .write();
  for (const { title, message } of evidenceFailures(report)) core.error(message, { title });
  if (report.status === 'passed') {
    core.info(`${report.kind} passed; report ${written.jsonPath}`);
    return;
  }
  // Nothing failed: the step passes, and says what the report does not prove.
  if (report.status === 'partial') {
    core.warning(evidencePartialMessage(outcome));
    return;
  }
  const message = evidenceFailedMessage(outcome);
  if (inputs['fail-on-failed']) throw new GateBlocked(message);
  core.warning(`${message}; ${'fail-on-failed'} is false, so this step passes`);
}

/** The whole action: read the inputs, produce the evidence, write outputs and the summary; errors fail the step. */
export function run(): Promise<void> {
  return runAction('evidence', main);
}
