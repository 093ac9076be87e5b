import {
  artifactNameInput,
  booleanInput,
  nowInput,
  optionalString,
  stringInput,
  trustedWorkflowsInput,
} from '../inputs/index.js';
import type { ActionSpec } from '../inputs/spec.js';

/** The drill-evaluate action's inputs, which are also the flags of its CLI command. */
export const drillEvaluateSpec = {
  inputs: {
    staging: { schema: optionalString, example: 'drill/staging/report.json' },
    production: { schema: optionalString, example: 'drill/production/report.json' },
    events: { schema: optionalString, example: 'receiver/events.jsonl' },
    calibration: {
      schema: optionalString,
      example: "'failureRate: { threshold: 20% }' or .github/drill-calibration.yml",
    },
    owner: { schema: optionalString, example: '${{ github.actor }}' },
    'delta-applied': { schema: stringInput('no'), example: "'yes: budgets.rollback 15m'" },
    'previous-log': { schema: optionalString, example: 'previous/release-gate-drill-log.md' },
    'previous-log-artifact': {
      schema: artifactNameInput.transform((raw) => raw || undefined),
      example: 'release-gate-drill-delta-report',
    },
    'trusted-workflows': { schema: trustedWorkflowsInput, example: "'release-gate-drill.yml, drill.yml'" },
    'github-token': { schema: optionalString, example: '${{ github.token }}', secret: true },
    'out-dir': { schema: stringInput('build-artifacts'), example: 'build-artifacts' },
    now: { schema: nowInput, example: '2026-01-15T11:00:00Z' },
    'fail-on-attention': { schema: booleanInput(false), example: 'true', flag: 'boolean' },
  },
} satisfies ActionSpec;

export type DrillEvaluateInput = keyof typeof drillEvaluateSpec.inputs;

/** Inputs that act on GitHub (the previous drill log from a trusted run's artifact): the action's only; the CLI refuses them by name. */
export const DRILL_EVALUATE_GITHUB_ONLY = [
  'previous-log-artifact',
  'trusted-workflows',
  'github-token',
] as const satisfies readonly DrillEvaluateInput[];

export const DrillEvaluateOutputs = {
  StagingStatus: 'staging-status',
  ProductionStatus: 'production-status',
  Alerts: 'alerts',
  ReportPath: 'report-path',
  MarkdownPath: 'markdown-path',
  LogPath: 'log-path',
} as const;
