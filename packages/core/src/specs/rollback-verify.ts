import { durationInput, optionalString, requiredString } from '../inputs/schemas.js';
import type { ActionSpec, InputSpecs, ParsedInputs } from '../inputs/spec.js';
import { checkSmokeInputs, type SmokeInputValues, smokeInputSpecs } from './smoke.js';
import { maxAttemptsInput, webhookInputSpecs, webhookUrlInput } from './webhook.js';

/**
 * The smoke inputs under their smoke names (the probes are re-run as smoke runs them), plus the webhook
 * inputs; where both would use one name, the webhook's carries a `webhook-` prefix. A failed
 * verification always fails the step, so smoke's `fail-on-error` is not offered.
 */
const { 'fail-on-error': _failOnError, ...smokeSpecs } = smokeInputSpecs;

export const rollbackVerifyInputs = {
  ...smokeSpecs,
  environment: { schema: requiredString, example: 'production' },
  'webhook-url': webhookInputSpecs['webhook-url'],
  'metrics-url': {
    schema: webhookUrlInput,
    example: 'https://receiver.example.com/internal/release-gate/callbacks',
    secret: true,
  },
  'signing-secret': webhookInputSpecs['signing-secret'],
  'webhook-bearer-token': { ...webhookInputSpecs['bearer-token'], env: 'RELEASE_GATE_WEBHOOK_BEARER_TOKEN' },
  'webhook-timeout': { schema: durationInput('10s'), example: '10s' },
  'webhook-deadline': { schema: durationInput('2m'), example: '2m' },
  'webhook-max-attempts': { schema: maxAttemptsInput, example: '5' },
  'idempotency-key': webhookInputSpecs['idempotency-key'],
  service: webhookInputSpecs.service,
  ref: webhookInputSpecs.ref,
  sha: webhookInputSpecs.sha,
  version: webhookInputSpecs.version,
  drill: webhookInputSpecs.drill,
  'dry-run': webhookInputSpecs['dry-run'],
  'rollback-ref': { schema: optionalString, example: '${{ steps.rollback.outputs.rollback-ref }}' },
  'rollback-state': { schema: optionalString, example: '${{ steps.rollback.outputs.rollback-state }}' },
} satisfies InputSpecs;

export type RollbackVerifyInputs = ParsedInputs<typeof rollbackVerifyInputs>;

/** The re-smoke sees the smoke inputs; a failed re-smoke always fails this step. */
export function resmokeInputs(inputs: RollbackVerifyInputs): SmokeInputValues {
  return { ...inputs, 'fail-on-error': true };
}

/** rollback-verify's inputs and the smoke cross-field rules, read by the action and by the CLI. */
export const rollbackVerifySpec = {
  inputs: rollbackVerifyInputs,
  check: (values, source) => checkSmokeInputs(resmokeInputs(values), source),
} satisfies ActionSpec<typeof rollbackVerifyInputs>;

export const RollbackVerifyOutputs = {
  RollbackCallbackState: 'rollback-callback-state',
  SmokeResult: 'smoke-result',
  DeliveryId: 'delivery-id',
  MetricsDeliveryId: 'metrics-delivery-id',
  DurationMs: 'duration-ms',
} as const;
