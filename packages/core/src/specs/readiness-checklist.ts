import * as z from 'zod';
import {
  artifactNameInput,
  artifactNamesInput,
  booleanInput,
  durationInput,
  nowInput,
  optionalString,
  retentionDaysInput,
  stringInput,
  trustedWorkflowsInput,
} from '../inputs/index.js';
import type { ActionSpec } from '../inputs/spec.js';
import { DEFAULT_REPORT_PATH } from './report-path.js';

const branchName = z.string().transform((raw, ctx) => {
  const value = (raw || 'main').replace(/^refs\/heads\//, '');
  if (/\s/.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be a branch name without spaces' });
    return z.NEVER;
  }
  return value;
});

/** The readiness-checklist action's inputs, which are also the flags of its CLI command. */
export const readinessChecklistSpec = {
  inputs: {
    checklist: { schema: optionalString, example: '.github/release-readiness.yml' },
    'target-ref': { schema: optionalString, example: '${{ github.ref }}' },
    'release-owner': { schema: optionalString, example: 'alice' },
    'rollback-owner': { schema: optionalString, example: 'bob' },
    'rollback-ref': { schema: optionalString, example: 'v1.4.2' },
    'main-branch': { schema: branchName, example: 'main' },
    'release-tag-pattern': { schema: optionalString, example: "'v*'" },
    report: { schema: stringInput(DEFAULT_REPORT_PATH), example: DEFAULT_REPORT_PATH },
    'report-max-age': { schema: durationInput('7d'), example: '7d' },
    'drill-report': {
      schema: optionalString,
      example: 'build-artifacts/release-gate-drill-delta-report.json',
    },
    'artifacts-dir': { schema: optionalString, example: '${{ runner.temp }}/artifacts' },
    'evidence-artifacts': {
      schema: artifactNamesInput,
      example: "'release-gate-drill-delta-report, receiver-validation-report'",
    },
    'trusted-workflows': { schema: trustedWorkflowsInput, example: "'readiness-checklist.yml, drill.yml'" },
    'github-token': { schema: optionalString, example: '${{ github.token }}', secret: true },
    'out-dir': { schema: stringInput('build-artifacts'), example: 'build-artifacts' },
    now: { schema: nowInput, example: '2026-01-15T11:00:00Z' },
    'artifact-name': { schema: artifactNameInput, example: 'readiness-decision-record' },
    'retention-days': { schema: retentionDaysInput, example: '90' },
    upload: { schema: booleanInput(true), example: 'true' },
  },
} satisfies ActionSpec;

export type ReadinessChecklistInput = keyof typeof readinessChecklistSpec.inputs;

/** Inputs that act on GitHub (evidence from trusted runs' artifacts, the decision record's upload): the action's only; the CLI refuses them by name. */
export const READINESS_CHECKLIST_GITHUB_ONLY = [
  'evidence-artifacts',
  'trusted-workflows',
  'github-token',
  'artifact-name',
  'retention-days',
  'upload',
] as const satisfies readonly ReadinessChecklistInput[];

export const ReadinessChecklistOutputs = {
  Decision: 'decision',
  FailedRules: 'failed-rules',
  RecordPath: 'record-path',
  RecordMarkdownPath: 'record-markdown-path',
  ArtifactId: 'artifact-id',
} as const;
