import { ROLLBACK_OF } from '../gate/deployments.js';
import { deploymentIdInput, enumInput, optionalString } from '../inputs/schemas.js';
import type { ActionSpec, InputSpecs, ParsedInputs } from '../inputs/spec.js';
import { githubTokenSpec, waitInputSpecs, webhookInputSpecs } from './webhook.js';

export const triggerRollbackInputs = {
  ...webhookInputSpecs,
  ...githubTokenSpec,
  'rollback-ref': {
    schema: optionalString,
    example: 'v1.4.1 (or a sha); empty resolves the last good deployment',
  },
  reason: { schema: optionalString, example: 'smoke failed: checkout, healthz' },
  'deployment-id': { schema: deploymentIdInput, example: '${{ steps.deploy.outputs.deployment-id }}' },
  'rollback-of': { schema: enumInput(ROLLBACK_OF, 'this-release'), example: 'running-release' },
  ...waitInputSpecs,
} satisfies InputSpecs;

export type TriggerRollbackInputs = ParsedInputs<typeof triggerRollbackInputs>;

/**
 * trigger-rollback's inputs, read by the action from `INPUT_*` and by the CLI from flags. An empty
 * webhook-url is no error: the step records skipped_missing_webhook and warns.
 */
export const triggerRollbackSpec = { inputs: triggerRollbackInputs } satisfies ActionSpec<
  typeof triggerRollbackInputs
>;

export const TriggerRollbackOutputs = {
  RollbackState: 'rollback-state',
  RollbackRef: 'rollback-ref',
  RollbackVersion: 'rollback-version',
  DeliveryId: 'delivery-id',
} as const;
