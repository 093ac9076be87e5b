import { runSecrets } from '../redact.js';
import type { WebhookRequestOptions } from '../webhooks/client.js';
import type { GateHost } from './host.js';

/** The inputs that say how deploy-webhook and trigger-rollback deliver their event. */
export interface DeliveryInputs {
  'bearer-token'?: string;
  'signing-secret'?: string;
  timeout: number;
  deadline: number;
  'max-attempts': number;
  wait: boolean;
  'poll-interval': number;
  'dry-run': boolean;
  /** Never sent, but kept out of every message. */
  'github-token'?: string;
}

/** How the event is delivered: credentials, bounds, polling, dry-run, the host's logger and signal. */
export function deliveryOptions(
  inputs: DeliveryInputs,
  host: GateHost,
  extraSecrets: string[] = [],
): Omit<WebhookRequestOptions, 'url' | 'event' | 'idempotencyKey' | 'label'> {
  return {
    bearerToken: inputs['bearer-token'],
    signingSecret: inputs['signing-secret'],
    timeoutMs: inputs.timeout,
    deadlineMs: inputs.deadline,
    maxAttempts: inputs['max-attempts'],
    wait: inputs.wait,
    pollIntervalMs: inputs['poll-interval'],
    dryRun: inputs['dry-run'],
    logger: host.logger,
    signal: host.signal,
    extraSecrets: [...(inputs['github-token'] ? [inputs['github-token']] : []), ...extraSecrets],
  };
}

/**
 * Masks the parts of secrets that parsing could not know (a URL's normalised text, its userinfo, query
 * values, credential-looking path segments and host labels) with the host's mask, registers them for the
 * run's redaction, and returns them for the webhook client's messages.
 */
export function maskExtra(host: GateHost, secrets: string[]): string[] {
  for (const secret of secrets) {
    host.mask?.(secret);
    runSecrets.add(secret, 'token');
  }
  return secrets;
}
