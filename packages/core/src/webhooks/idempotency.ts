import { createHash, randomUUID } from 'node:crypto';
import type { WebhookType } from './payload.js';

/**
 * What makes one webhook request the same request: a retry of it must carry the same key so a receiver
 * applies a deploy or rollback once, while a re-run of the job (a new attempt) is a new request.
 */
export interface IdempotencyParts {
  repository: string | null;
  runId: string | null;
  runAttempt: number | string | null;
  environment: string;
  service: string;
  type: WebhookType;
  sha: string | null;
}

/**
 * `Idempotency-Key` = `webhook-id`: a hash of repository, run id, run attempt, environment, service, event
 * type and sha. The same for every retry of one request; a new run attempt (a re-run) gives a new key.
 */
export function idempotencyKey(parts: IdempotencyParts): string {
  const material = JSON.stringify([
    parts.repository ?? '',
    parts.runId ?? '',
    String(parts.runAttempt ?? ''),
    parts.environment,
    parts.service,
    parts.type,
    parts.sha ?? '',
  ]);
  return `msg_${createHash('sha256').update(material).digest('hex').slice(0, 32)}`;
}

/** A fresh key for a one-off request (the CLI without `--run-id`). */
export function freshIdempotencyKey(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}

/** Keys travel in headers: printable ASCII without spaces, at most 255 characters. */
export function isValidIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7e]{1,255}$/.test(key);
}
