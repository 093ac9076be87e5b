import { dirname } from 'node:path';
import * as core from '@actions/core';
import { ConfigurationError } from '@release-actions/core/errors';
import {
  decisionMarkdown,
  evaluateReadiness,
  loadChecklist,
  type ReadinessDecision,
  writeDecisionRecord,
} from '@release-actions/core/readiness/index';
import {
  booleanInput,
  durationInput,
  fitSummary,
  nowInput,
  optionalString,
  readInputs,
  runAction,
  stringInput,
  workspacePath,
} from '@release-actions/github';
import {
  artifactNameInput,
  artifactUploadAvailable,
  retentionDaysInput,
  type UploadedArtifact,
  uploadArtifact,
} from '@release-actions/github/artifacts';
import * as z from 'zod';

/** Input and output names, never repeated as literals elsewhere. */
export const Inputs = {
  Checklist: 'checklist',
  TargetRef: 'target-ref',
  ReleaseOwner: 'release-owner',
  RollbackOwner: 'rollback-owner',
  RollbackRef: 'rollback-ref',
  MainBranch: 'main-branch',
  ReleaseTagPattern: 'release-tag-pattern',
  Report: 'report',
  ReportMaxAge: 'report-max-age',
  DrillReport: 'drill-report',
  ArtifactsDir: 'artifacts-dir',
  OutDir: 'out-dir',
  Now: 'now',
  ArtifactName: 'artifact-name',
  RetentionDays: 'retention-days',
  Upload: 'upload',
} as const;

export const Outputs = {
  Decision: 'decision',
  FailedRules: 'failed-rules',
  RecordPath: 'record-path',
  RecordMarkdownPath: 'record-markdown-path',
  ArtifactId: 'artifact-id',
} as const;

const branchName = z.string().transform((raw, ctx) => {
  const value = (raw || 'main').replace(/^refs\/heads\//, '');
  if (/\s/.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be a branch name without spaces' });
    return z.NEVER;
  }
  return value;
});

export const inputSpecs = {
  [Inputs.Checklist]: { schema: optionalString, example: '.github/release-readiness.yml' },
  [Inputs.TargetRef]: { schema: optionalString, example: '${{ github.ref }}' },
  [Inputs.ReleaseOwner]: { schema: optionalString, example: 'alice' },
  [Inputs.RollbackOwner]: { schema: optionalString, example: 'bob' },
  [Inputs.RollbackRef]: { schema: optionalString, example: 'v1.4.2' },
  [Inputs.MainBranch]: { schema: branchName, example: 'main' },
  [Inputs.ReleaseTagPattern]: { schema: optionalString, example: "'v*'" },
  [Inputs.Report]: { schema: stringInput('release-gate/report.json'), example: 'release-gate/report.json' },
  [Inputs.ReportMaxAge]: { schema: durationInput('7d'), example: '7d' },
  [Inputs.DrillReport]: {
    schema: optionalString,
    example: 'build-artifacts/release-gate-drill-delta-report.json',
  },
  [Inputs.ArtifactsDir]: { schema: optionalString, example: '${{ runner.temp }}/artifacts' },
  [Inputs.OutDir]: { schema: stringInput('build-artifacts'), example: 'build-artifacts' },
  [Inputs.Now]: { schema: nowInput, example: '2026-01-15T11:00:00Z' },
  [Inputs.ArtifactName]: { schema: artifactNameInput, example: 'readiness-decision-record' },
  [Inputs.RetentionDays]: { schema: retentionDaysInput, example: '90' },
  [Inputs.Upload]: { schema: booleanInput(true), example: 'true' },
};

/**
 * Uploads the decision record (JSON + markdown) as one artifact. Outside a job (no runtime token) it
 * warns and leaves the files on disk.
 */
export async function uploadDecisionRecord(
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

export async function run(): Promise<void> {
  let record: ReadinessDecision | undefined;
  try {
    const inputs = readInputs(inputSpecs);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const checklistPath = inputs[Inputs.Checklist];
    const checklist = checklistPath ? await loadChecklist(workspacePath(checklistPath)) : undefined;
    const artifactsDir = inputs[Inputs.ArtifactsDir];
    record = await evaluateReadiness({
      checklist,
      checklistPath,
      facts: {
        targetRef: inputs[Inputs.TargetRef] ?? process.env.GITHUB_REF,
        releaseOwner: inputs[Inputs.ReleaseOwner],
        rollbackOwner: inputs[Inputs.RollbackOwner],
        rollbackRef: inputs[Inputs.RollbackRef],
        mainBranch: inputs[Inputs.MainBranch],
        releaseTagPattern: inputs[Inputs.ReleaseTagPattern],
      },
      reportPath: inputs[Inputs.Report],
      reportMaxAgeMs: inputs[Inputs.ReportMaxAge],
      evidencePaths: { drillDeltaReport: inputs[Inputs.DrillReport] },
      workspace,
      artifactsDir: artifactsDir ? workspacePath(artifactsDir) : workspace,
      now: inputs[Inputs.Now],
    });
    const paths = await writeDecisionRecord(record, workspacePath(inputs[Inputs.OutDir]));
    core.setOutput(Outputs.Decision, record.decision);
    core.setOutput(Outputs.FailedRules, JSON.stringify(record.failedRules));
    core.setOutput(Outputs.RecordPath, paths.json);
    core.setOutput(Outputs.RecordMarkdownPath, paths.markdown);
    for (const rule of record.rules) {
      core.info(`${rule.status.padEnd(6)} ${rule.id}: ${rule.reason}`);
      if (rule.status === 'failed') core.error(rule.reason, { title: `readiness rule ${rule.id} failed` });
    }
    let artifact: UploadedArtifact | null = null;
    if (inputs[Inputs.Upload]) {
      artifact = await uploadDecisionRecord(
        inputs[Inputs.ArtifactName] || 'readiness-decision-record',
        [paths.json, paths.markdown],
        inputs[Inputs.RetentionDays],
      );
    } else core.info('upload: false, decision record not uploaded');
    core.setOutput(Outputs.ArtifactId, artifact ? String(artifact.id) : '');
    if (record.decision === 'NO-GO') {
      throw new ConfigurationError(
        `NO-GO: ${record.failedRules.length} rule(s) failed: ${record.failedRules.map((rule) => rule.id).join(', ')}`,
      );
    }
    core.info(
      `GO: all ${record.rules.filter((rule) => rule.status === 'passed').length} enabled rules passed`,
    );
  } finally {
    if (record && process.env.GITHUB_STEP_SUMMARY)
      await core.summary.addRaw(fitSummary(decisionMarkdown(record))).write();
  }
}

await runAction('readiness-checklist', run);
