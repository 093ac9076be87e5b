import { randomBytes } from 'node:crypto';
import { HttpFailure } from '../http/exchange.js';
import { httpRequest } from '../http/request.js';
import type { Redactor } from '../redact.js';
import { buildEvent } from '../webhooks/payload.js';
import { sign } from '../webhooks/signing.js';

/**
 * A `release_gate.callback` event in the Standard Webhooks payload shape, marked as a drill
 * (`data.drill: true`) so receivers rehearse without acting.
 */
export function callbackEvent(environment: string, service: string, now: Date): string {
  return JSON.stringify(
    buildEvent(
      'release_gate.callback',
      {
        environment,
        service,
        ref: null,
        sha: null,
        version: null,
        runUrl: null,
        drill: true,
        rollbackCallbackState: 'verified',
        rollbackState: 'succeeded',
        durationMs: 0,
      },
      now,
    ),
  );
}

/** A fresh message id in the Standard Webhooks style (`msg_...`). */
export function newMessageId(prefix = 'msg'): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

export interface SendOptions {
  url: string;
  body: string;
  id: string;
  /** Unix seconds put in `webhook-timestamp`. */
  timestampSeconds: number;
  /** Sign with this secret; undefined sends no `webhook-signature`. */
  signWith?: string;
  bearerToken?: string;
  timeoutMs: number;
}

export interface SendResult {
  status: number | null;
  latencyMs: number;
  /** The first line of the answer (redacted), or why there was none. */
  note: string;
}

/** One POST of a webhook event; never retried (the evidence is about this exact call) and never throws. */
export async function sendEvent(options: SendOptions, redactor: Redactor): Promise<SendResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'webhook-id': options.id,
    'idempotency-key': options.id,
    'webhook-timestamp': String(options.timestampSeconds),
  };
  if (options.signWith)
    headers['webhook-signature'] = sign(options.signWith, options.id, options.timestampSeconds, options.body);
  if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
  try {
    const response = await httpRequest({
      url: options.url,
      method: 'POST',
      headers,
      body: options.body,
      timeoutMs: options.timeoutMs,
      bodyLimit: 4096,
    });
    const firstLine = response.body.toString('utf8').split('\n')[0]?.slice(0, 200) ?? '';
    return {
      status: response.status,
      latencyMs: round(response.durationMs),
      note: redactor.redact(firstLine),
    };
  } catch (error) {
    if (error instanceof HttpFailure)
      return { status: null, latencyMs: round(error.durationMs), note: redactor.redact(error.message) };
    throw error;
  }
}

export function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
