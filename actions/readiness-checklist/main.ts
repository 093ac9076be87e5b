import { dirname, join } from 'node:path';
import * as core from '@actions/core';
import {
  decisionMarkdown,
  enforceReadiness,
  fitSummary,
  ReadinessChecklistOutputs as Outputs,
  type ReadinessChecklistInput,
  type ReadinessDecision,
  readinessChecklist,
  readinessChecklistSpec,
} from '@release-actions/core';
import {
  artifactUploadAvailable,
  downloadTrustedArtifact,
  readInputs,
  runAction,
  type UploadedArtifact,
  uploadArtifact,
} from '@release-actions/github';

const TOKEN_INPUT: ReadinessChecklistInput = 'github-token';

/**
 * Uploads the decision record (JSON + markdown) as one artifact. Outside a job (no runtime token) it
 * warns and leaves the files on disk.
 */
async function uploadDecisionRecord(
  name: string,
  files: string[],
  retentionDays: number | undefined,
): Promise<UploadedArtifact | null> {
  if (!artifactUploadAvailable()) {
    core.warning(
      `decision record not uploaded as '${name}': ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set (not a GitHub Actions job); the files stay in ${dirname(files[0] ?? '.')}`,
    );
    return null;
  }
  const artifact = await uploadArtifact(name, files, dirname(files[0]!), { retentionDays });
  core.info(
    `decision record uploaded as artifact '${artifact.name}' (id ${artifact.id}, ${artifact.size} bytes)`,
  );
  return artifact;
}

/**
 * Downloads each evidence artifact from the newest trusted run into `<artifactsDir>/<name>/` (where
 * checklist `artifact:` entries look) and returns the folders written. A name with no trusted artifact is
 * a notice (a failed lookup a warning); its evidence is then reported missing by the rules as usual.
 */
async function downloadEvidence(
  names: string[],
  artifactsDir: string,
  trustedWorkflows: string[],
  token: string | undefined,
): Promise<string[]> {
  const downloaded: string[] = [];
  for (const name of names) {
    const result = await downloadTrustedArtifact({
      name,
      path: join(artifactsDir, name),
      token,
      tokenInput: TOKEN_INPUT,
      trustedWorkflows,
      what: `evidence artifact '${name}'`,
    });
    if (result.downloaded) downloaded.push(result.path);
  }
  return downloaded;
}

async function main(): Promise<void> {
  let record: ReadinessDecision | undefined;
  try {
    const inputs = readInputs(readinessChecklistSpec);
    const result = await readinessChecklist({
      workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      checklist: inputs.checklist,
      facts: {
        targetRef: inputs['target-ref'] ?? process.env.GITHUB_REF,
        releaseOwner: inputs['release-owner'],
        rollbackOwner: inputs['rollback-owner'],
        rollbackRef: inputs['rollback-ref'],
        mainBranch: inputs['main-branch'],
        releaseTagPattern: inputs['release-tag-pattern'],
      },
      report: inputs.report,
      reportMaxAgeMs: inputs['report-max-age'],
      drillReport: inputs['drill-report'],
      artifactsDir: inputs['artifacts-dir'],
      outDir: inputs['out-dir'],
      now: inputs.now,
      downloadEvidence: (artifactsDir) =>
        downloadEvidence(
          inputs['evidence-artifacts'],
          artifactsDir,
          inputs['trusted-workflows'],
          inputs['github-token'],
        ),
    });
    record = result.record;
    const { paths } = result;
    core.setOutput(Outputs.Decision, record.decision);
    core.setOutput(Outputs.FailedRules, JSON.stringify(record.failedRules));
    core.setOutput(Outputs.RecordPath, paths.json);
    core.setOutput(Outputs.RecordMarkdownPath, paths.markdown);
    for (const rule of record.rules) {
      core.info(`${rule.status.padEnd(6)} ${rule.id}: ${rule.reason}`);
      if (rule.status === 'failed') core.error(rule.reason, { title: `readiness rule ${rule.id} failed` });
    }
    let artifact: UploadedArtifact | null = null;
    if (inputs.upload) {
      artifact = await uploadDecisionRecord(
        inputs['artifact-name'] || 'readiness-decision-record',
        [paths.json, paths.markdown],
        inputs['retention-days'],
      );
    } else core.info('upload: false, decision record not uploaded');
    core.setOutput(Outputs.ArtifactId, artifact ? String(artifact.id) : '');
    enforceReadiness(record);
    core.info(
      `GO: all ${record.rules.filter((rule) => rule.status === 'passed').length} enabled rules passed`,
    );
  } finally {
    if (record && process.env.GITHUB_STEP_SUMMARY)
      await core.summary.addRaw(fitSummary(decisionMarkdown(record))).write();
  }
}

/** The whole action: read the inputs, evaluate, write outputs and the summary; errors fail the step. */
export function run(): Promise<void> {
  return runAction('readiness-checklist', main);
}
