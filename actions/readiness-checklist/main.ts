import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as core from '@actions/core';
import {
  booleanInput,
  durationInput,
  fitSummary,
  nowInput,
  optionalString,
  stringInput,
  workspacePath,
} from '@release-actions/core';
import { ConfigurationError } from '@release-actions/core/errors';
import {
  type Checklist,
  DEFAULT_EVIDENCE,
  decisionMarkdown,
  evaluateReadiness,
  loadChecklist,
  type ReadinessDecision,
  writeDecisionRecord,
} from '@release-actions/core/readiness/index';
import { readInputs, runAction } from '@release-actions/github';
import {
  artifactNameInput,
  artifactUploadAvailable,
  retentionDaysInput,
  type UploadedArtifact,
  uploadArtifact,
} from '@release-actions/github/artifacts';
import { artifactNamesInput, trustedWorkflowsInput } from '@release-actions/github/trusted-artifacts';
import { downloadTrustedArtifact } from '@release-actions/github/trusted-download';
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
  EvidenceArtifacts: 'evidence-artifacts',
  TrustedWorkflows: 'trusted-workflows',
  GithubToken: 'github-token',
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
  [Inputs.EvidenceArtifacts]: {
    schema: artifactNamesInput,
    example: "'release-gate-drill-delta-report, receiver-validation-report'",
  },
  [Inputs.TrustedWorkflows]: {
    schema: trustedWorkflowsInput,
    example: "'readiness-checklist.yml, drill.yml'",
  },
  [Inputs.GithubToken]: { schema: optionalString, example: '${{ github.token }}', secret: true },
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

/**
 * Downloads each evidence artifact from the newest trusted run into `<artifactsDir>/<name>/` (where
 * checklist `artifact:` entries look). A name with no trusted artifact is a notice (a failed lookup a
 * warning); its evidence is then reported missing by the rules as usual. A built-in report the checklist
 * does not place itself (`release-gate-drill-delta-report.json`, ...) is taken from a downloaded artifact
 * that holds a file of its name: the returned path overrides, keyed by rule id.
 */
async function downloadEvidence(
  names: string[],
  artifactsDir: string,
  trustedWorkflows: string[],
  token: string | undefined,
  checklist: Checklist | undefined,
): Promise<Record<string, string>> {
  const downloaded: string[] = [];
  for (const name of names) {
    const result = await downloadTrustedArtifact({
      name,
      path: join(artifactsDir, name),
      token,
      tokenInput: Inputs.GithubToken,
      trustedWorkflows,
      what: `evidence artifact '${name}'`,
    });
    if (result.downloaded) downloaded.push(result.path);
  }
  const placed = new Set((checklist?.evidence ?? []).map((entry) => entry.id).filter(Boolean));
  const paths: Record<string, string> = {};
  for (const entry of DEFAULT_EVIDENCE) {
    if (placed.has(entry.id)) continue;
    for (const dir of downloaded) {
      const file = join(dir, basename(entry.path));
      try {
        await access(file);
        paths[entry.id] = file;
        break;
      } catch {
        // not in this artifact
      }
    }
  }
  return paths;
}

async function main(): Promise<void> {
  let record: ReadinessDecision | undefined;
  try {
    const inputs = readInputs(inputSpecs);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const checklistPath = inputs[Inputs.Checklist];
    const checklist = checklistPath ? await loadChecklist(workspacePath(checklistPath)) : undefined;
    const artifactsInput = inputs[Inputs.ArtifactsDir];
    const artifactsDir = artifactsInput ? workspacePath(artifactsInput) : workspace;
    const fromArtifacts = await downloadEvidence(
      inputs[Inputs.EvidenceArtifacts],
      artifactsDir,
      inputs[Inputs.TrustedWorkflows],
      inputs[Inputs.GithubToken],
      checklist,
    );
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
      evidencePaths: {
        ...fromArtifacts,
        ...(inputs[Inputs.DrillReport] ? { drillDeltaReport: inputs[Inputs.DrillReport] } : {}),
      },
      workspace,
      artifactsDir,
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

/** The whole action: read the inputs, evaluate, write outputs and the summary; errors fail the step. */
export function run(): Promise<void> {
  return runAction('readiness-checklist', main);
}
