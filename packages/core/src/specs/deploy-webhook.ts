import { booleanInput, deploymentIdInput, optionalString } from '../inputs/schemas.js';
import type { ActionSpec, InputSpecs, ParsedInputs } from '../inputs/spec.js';
import { githubTokenSpec, waitInputSpecs, webhookInputSpecs } from './webhook.js';

export const deployWebhookInputs = {
  ...webhookInputSpecs,
  ...githubTokenSpec,
  ...waitInputSpecs,
  'github-deployment': { schema: booleanInput(false), example: 'true', flag: 'boolean' },
  'finish-deployment': { schema: booleanInput(true), example: 'false' },
  'deployment-id': { schema: deploymentIdInput, example: '${{ steps.deployment.outputs.id }}' },
  'environment-url': { schema: optionalString, example: 'https://shop.example.com' },
} satisfies InputSpecs;

export type DeployWebhookInputs = ParsedInputs<typeof deployWebhookInputs>;

/** deploy-webhook's inputs and cross-field rules, read by the action from `INPUT_*` and by the CLI from flags. */
export const deployWebhookSpec = {
  inputs: deployWebhookInputs,
  check(values, source) {
    const problems: string[] = [];
    if (!values['webhook-url']) {
      problems.push(
        `${source.describe('webhook-url')} is required: the URL that starts a deploy. Example: ${source.example('webhook-url', deployWebhookInputs['webhook-url'].example)}`,
      );
    }
    // A dry run touches no deployment, so it needs no token.
    if (values['github-deployment'] && !values['dry-run'] && !values['github-token']) {
      problems.push(
        `${source.describe('github-token')} is empty but ${source.describe('github-deployment')} is true. Example: ${source.example('github-token', deployWebhookInputs['github-token'].example)} (with permissions: deployments: write)`,
      );
    }
    return problems;
  },
} satisfies ActionSpec<typeof deployWebhookInputs>;

export const DeployWebhookOutputs = {
  DeployState: 'deploy-state',
  DeliveryId: 'delivery-id',
  DeploymentId: 'deployment-id',
  DurationMs: 'duration-ms',
} as const;

/** State passed from deploy-webhook's main step to its post step. */
export const DeployWebhookState = {
  DeploymentId: 'deployment-id',
  Finished: 'deployment-finished',
  /** `true` when a later step (report) is to finish the deployment: post checks its latest status. */
  HandedOver: 'deployment-handed-over',
} as const;
