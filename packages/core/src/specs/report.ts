import {
  artifactNameInput,
  booleanInput,
  deploymentIdInput,
  listInput,
  optionalString,
  retentionDaysInput,
  trustedWorkflowsInput,
} from '../inputs/index.js';
import type { ActionSpec } from '../inputs/spec.js';
import { reportPathInput } from './report-path.js';

/** The report action's inputs, which are also the flags of its CLI command. */
export const reportSpec = {
  inputs: {
    'report-path': { schema: reportPathInput, example: 'release-gate/report.json' },
    evidence: {
      schema: listInput(),
      example: "'db/backup-manifest.json, logs/migrate-*.log'",
      flag: 'multiple',
    },
    'previous-log': { schema: optionalString, example: 'previous-release-log/release-log.tsv' },
    'previous-log-artifact': {
      schema: artifactNameInput.transform((raw) => raw || undefined),
      example: 'production-release-gate-report',
    },
    'trusted-workflows': { schema: trustedWorkflowsInput, example: "'release-gate.yml, deploy.yml'" },
    owner: { schema: optionalString, example: 'octocat' },
    'artifact-name': { schema: artifactNameInput, example: 'shop-production-release-gate-report' },
    'retention-days': { schema: retentionDaysInput, example: '30' },
    upload: { schema: booleanInput(true), example: 'true' },
    'fail-on-blocked': { schema: booleanInput(false), example: 'true' },
    'require-smoke': { schema: booleanInput(true), example: 'true' },
    'deployment-id': { schema: deploymentIdInput, example: '${{ steps.deploy.outputs.deployment-id }}' },
    'github-token': { schema: optionalString, example: '${{ github.token }}', secret: true },
  },
} satisfies ActionSpec;

export type ReportInput = keyof typeof reportSpec.inputs;

/** Inputs that act on GitHub (artifacts, the Deployments API): the action's only; the CLI refuses them by name. */
export const REPORT_GITHUB_ONLY = [
  'previous-log-artifact',
  'trusted-workflows',
  'artifact-name',
  'retention-days',
  'upload',
  'deployment-id',
  'github-token',
] as const satisfies readonly ReportInput[];

export const ReportOutputs = {
  Verdict: 'verdict',
  Reasons: 'reasons',
  ArtifactId: 'artifact-id',
  ArtifactUrl: 'artifact-url',
  BundlePath: 'bundle-path',
  ReleaseLogPath: 'release-log-path',
} as const;
