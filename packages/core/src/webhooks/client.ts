import { formatDuration } from '../duration.js';
import { errorMessage } from '../errors.js';
import { HttpFailure, type HttpResponse } from '../http/exchange.js';
import { httpRequest } from '../http/request.js';
import { type Logger, silentLogger } from '../logger.js';
import { REDACTED, Redactor, runSecrets } from '../redact.js';
import type { Delivery } from '../report/webhook-sections.js';
import { nextDelay, parseRetryAfter, sleep } from '../retry.js';
import type { SecretKind } from '../secret-parts.js';
import { USER_AGENT } from '../version.js';
import type { WebhookEvent } from './payload.js';
import { signatureHeaders } from './signing.js';

export type WebhookState = 'accepted' | 'succeeded' | 'failed';

export interface WebhookRequestOptions {
  url: string;
  event: WebhookEvent;
  /** Sent as both `Idempotency-Key` and `webhook-id`; the same for every attempt. */
  idempotencyKey: string;
  bearerToken?: string;
  /** Standard Webhooks signing secret (`whsec_<base64>` or raw). */
  signingSecret?: string;
  /** Per attempt (connect, headers and body). */
  timeoutMs: number;
  /** The whole delivery, retries and polling included. */
  deadlineMs: number;
  /** Upper bound on delivery attempts (default 5). */
  maxAttempts?: number;
  /** Poll the status URL the webhook answers with until its state is terminal. */
  wait?: boolean;
  pollIntervalMs?: number;
  /** Print the request instead of sending it. */
  dryRun?: boolean;
  /** Base of the jittered exponential backoff between attempts (default 500ms). */
  retryBaseMs?: number;
  logger?: Logger;
  signal?: AbortSignal;
  /**
   * Extra secrets to scrub from messages (the URL, token and signing secret and each of their parts are
   * added automatically, and so is a status URL the webhook answers with).
   */
  extraSecrets?: string[];
  /** A label for messages, e.g. `deploy webhook`. */
  label?: string;
}

export interface WebhookOutcome {
  state: WebhookState;
  /** The Idempotency-Key / webhook-id. */
  deliveryId: string;
  /** The delivery as the report keeps it (target masked). */
  delivery: Delivery;
  /** The last HTTP status from the webhook itself, if any. */
  status?: number;
  /** The status URL, masked, when the webhook gave one. */
  statusUrl?: string;
  /** The last `state` a status URL reported. */
  polledState?: string;
  /** One line for logs and summaries, free of secrets. */
  message: string;
  /** In dry-run: the request as it would have been sent (secrets masked). */
  dryRunText?: string;
}

export interface PreparedRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
  signed: boolean;
}

const TERMINAL = new Set(['succeeded', 'failed']);

/**
 * A URL to show: the origin only, the path masked, because webhook URLs often carry a token in their path
 * (`https://hooks.example.com/***`), and a credential-looking host label masked too
 * (`https://***.hooks.example.com/***`).
 */
export function maskedTarget(raw: string): string {
  try {
    const url = new URL(raw);
    const shown = url.pathname === '/' && !url.search ? url.origin : `${url.origin}/${REDACTED}`;
    const parts = new Redactor();
    parts.add(raw, 'public-url');
    return parts.redact(shown);
  } catch {
    return REDACTED;
  }
}

/** A `Location` resolved against the URL that answered with it; the text as given when it is no URL. */
function locationUrl(location: string, base: string): string {
  try {
    return new URL(location, base).toString();
  } catch {
    return location;
  }
}

/** The exact request one attempt sends; signing happens per attempt (fresh `webhook-timestamp`). */
export function prepareRequest(options: WebhookRequestOptions, now = Date.now()): PreparedRequest {
  const body = JSON.stringify(options.event);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'idempotency-key': options.idempotencyKey,
    'webhook-id': options.idempotencyKey,
  };
  if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
  if (options.signingSecret) {
    Object.assign(headers, signatureHeaders(options.signingSecret, options.idempotencyKey, body, now));
  }
  return { method: 'POST', url: options.url, headers, body, signed: Boolean(options.signingSecret) };
}

/** The request as text with secrets masked: what `dry-run` prints. */
export function describeRequest(request: PreparedRequest): string {
  const lines = [`${request.method} ${maskedTarget(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) {
    lines.push(`${name}: ${name === 'authorization' ? `Bearer ${REDACTED}` : value}`);
  }
  lines.push('', request.body);
  return lines.join('\n');
}

/** The first lines of a response body, for a message (secrets scrubbed, long lines cut). */
export function bodyExcerpt(body: Buffer, redactor: Redactor, maxLines = 5, maxChars = 400): string {
  const text = redactor.redact(body.toString('utf8')).trim();
  if (!text) return '(empty body)';
  const lines = text.split(/\r?\n/).slice(0, maxLines);
  const joined = lines.join(' | ');
  return joined.length > maxChars ? `${joined.slice(0, maxChars)}…` : joined;
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(body.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Delivers one webhook event: retries network errors, timeouts, 5xx, 408 and 429 (honouring Retry-After)
 * with the same Idempotency-Key until `maxAttempts` or the deadline; never retries other 4xx and never
 * follows redirects. With `wait`, polls the status URL (`Location` header or `statusUrl` in the JSON
 * answer) until `state` is `succeeded` or `failed`, or the deadline. Never throws for delivery problems:
 * the outcome says `failed` with a message.
 */
export async function sendWebhook(options: WebhookRequestOptions): Promise<WebhookOutcome> {
  const logger = options.logger ?? silentLogger;
  const label = options.label ?? `${options.event.type} webhook`;
  // Every part of every secret, for this delivery's messages and for the run's outputs (a server may
  // echo one part alone: a path token in a 404 body, a host label in a DNS failure). Our own delivery id
  // never counts as one, even where a status URL carries it.
  const redactor = new Redactor();
  const own = [options.idempotencyKey];
  const secret = (value: string | undefined, kind: SecretKind) => {
    redactor.add(value, kind, own);
    runSecrets.add(value, kind, own);
  };
  secret(options.url, 'url');
  secret(options.bearerToken, 'token');
  secret(options.signingSecret, 'signing-secret');
  for (const extra of options.extraSecrets ?? []) secret(extra, 'auto');
  const shown = (url: string) => redactor.redact(maskedTarget(url));
  const started = performance.now();
  const deadlineAt = Date.now() + options.deadlineMs;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const statusCodes: number[] = [];
  const target = shown(options.url);
  const delivery = (attempts: number, error?: string): Delivery => ({
    type: options.event.type,
    target,
    deliveryId: options.idempotencyKey,
    attempts,
    statusCodes: [...statusCodes],
    durationMs: Math.round(performance.now() - started),
    dryRun: Boolean(options.dryRun),
    signed: Boolean(options.signingSecret),
    ...(error ? { error } : {}),
  });

  if (options.dryRun) {
    const text = describeRequest(prepareRequest(options));
    logger.info(`dry-run: ${label} not sent; the request would be:\n${text}`);
    return {
      state: 'accepted',
      deliveryId: options.idempotencyKey,
      delivery: delivery(0),
      message: `dry-run: ${label} not sent`,
      dryRunText: text,
    };
  }

  const fail = (attempts: number, message: string, status?: number): WebhookOutcome => {
    const clean = redactor.redact(message);
    return {
      state: 'failed',
      deliveryId: options.idempotencyKey,
      delivery: delivery(attempts, clean),
      status,
      message: `${label} failed: ${clean}`,
    };
  };

  let response: HttpResponse | undefined;
  let attempt = 0;
  let lastProblem = '';
  for (attempt = 1; attempt <= maxAttempts; attempt++) {
    const remaining = deadlineAt - Date.now();
    if (remaining <= 0) break;
    const request = prepareRequest(options);
    const timeoutMs = Math.min(options.timeoutMs, remaining);
    let retryAfterMs: number | undefined;
    try {
      const answer = await httpRequest({
        url: request.url,
        method: request.method,
        headers: request.headers,
        body: request.body,
        timeoutMs,
        signal: options.signal,
        bodyLimit: 64 * 1024,
      });
      statusCodes.push(answer.status);
      if (answer.status >= 200 && answer.status < 300) {
        response = answer;
        break;
      }
      if (answer.status >= 300 && answer.status < 400) {
        return fail(
          attempt,
          `HTTP ${answer.status}: the webhook answered with a redirect, which webhooks never follow; use the final URL${answer.headers.location ? ` (Location: ${shown(locationUrl(answer.headers.location, options.url))})` : ''}`,
          answer.status,
        );
      }
      if (answer.status === 409) {
        // The receiver holds another event under this key: a retry would get the same answer.
        return fail(
          attempt,
          `HTTP 409: the receiver already holds a different event under Idempotency-Key ${options.idempotencyKey} (a key reused for another type or body; not retried): ${bodyExcerpt(answer.body, redactor)}`,
          answer.status,
        );
      }
      const retryable = answer.status >= 500 || answer.status === 429 || answer.status === 408;
      if (!retryable) {
        return fail(
          attempt,
          `HTTP ${answer.status} (not retried: a 4xx means the request itself is wrong): ${bodyExcerpt(answer.body, redactor)}`,
          answer.status,
        );
      }
      retryAfterMs = parseRetryAfter(answer.headers['retry-after']);
      lastProblem = `HTTP ${answer.status}${retryAfterMs !== undefined ? ` (Retry-After ${formatDuration(retryAfterMs)})` : ''}: ${bodyExcerpt(answer.body, redactor, 1, 160)}`;
    } catch (error) {
      if (error instanceof HttpFailure && error.kind === 'aborted') {
        return fail(attempt, 'cancelled');
      }
      lastProblem = error instanceof HttpFailure ? error.message : errorMessage(error);
      if (error instanceof HttpFailure && error.kind === 'timeout' && timeoutMs < options.timeoutMs) {
        lastProblem += ' (the last attempt was cut short by the deadline)';
      }
    }
    if (attempt >= maxAttempts) break;
    const delay = nextDelay({ attempt, retryAfterMs, deadlineAt, baseMs: options.retryBaseMs ?? 500 });
    if (delay === undefined) {
      logger.warning(
        `${label}: attempt ${attempt} failed (${redactor.redact(lastProblem)}); no time left before the deadline for another attempt`,
      );
      break;
    }
    logger.info(
      `${label}: attempt ${attempt} failed (${redactor.redact(lastProblem)}); retrying in ${formatDuration(delay)}`,
    );
    await sleep(delay, options.signal);
    if (options.signal?.aborted) return fail(attempt, 'cancelled');
  }

  if (!response) {
    const attempts = Math.min(attempt, maxAttempts);
    return fail(
      attempts,
      `${lastProblem || 'no attempt could be made before the deadline'} (${attempts} attempt${attempts === 1 ? '' : 's'} in ${formatDuration(performance.now() - started)}; timeout ${formatDuration(options.timeoutMs)} per attempt, deadline ${formatDuration(options.deadlineMs)})`,
      statusCodes.at(-1),
    );
  }

  const json = parseJson(response.body);
  const location = response.headers.location ?? (typeof json?.statusUrl === 'string' ? json.statusUrl : '');
  const immediateState = typeof json?.state === 'string' ? json.state : undefined;
  const attempts = attempt;
  const base = {
    deliveryId: options.idempotencyKey,
    status: response.status,
  };
  if (immediateState && TERMINAL.has(immediateState)) {
    const state = immediateState as WebhookState;
    return {
      ...base,
      state,
      delivery: delivery(attempts, state === 'failed' ? 'the webhook reported state failed' : undefined),
      polledState: redactor.redact(immediateState),
      message: redactor.redact(`${label} answered HTTP ${response.status} with state ${immediateState}`),
    };
  }
  if (!options.wait) {
    return {
      ...base,
      state: 'accepted',
      delivery: delivery(attempts),
      statusUrl: location ? shown(locationUrl(location, options.url)) : undefined,
      message: `${label} accepted (HTTP ${response.status}, ${attempts} attempt${attempts === 1 ? '' : 's'})`,
    };
  }
  if (!location) {
    logger.warning(
      `${label}: wait is set but the webhook gave no status URL (Location header or statusUrl in its JSON answer); treating HTTP ${response.status} as accepted`,
    );
    return {
      ...base,
      state: 'accepted',
      delivery: delivery(attempts),
      message: `${label} accepted (HTTP ${response.status}); no status URL to wait on`,
    };
  }
  let statusUrl: string;
  try {
    statusUrl = new URL(location, options.url).toString();
  } catch {
    return fail(attempts, `the status URL the webhook answered with is not a URL`, response.status);
  }
  secret(statusUrl, 'url');
  const polled = await pollStatus({
    statusUrl,
    sameOrigin: new URL(statusUrl).origin === new URL(options.url).origin,
    bearerToken: options.bearerToken,
    timeoutMs: options.timeoutMs,
    deadlineAt,
    intervalMs: options.pollIntervalMs ?? 2000,
    logger,
    label,
    redactor,
    signal: options.signal,
  });
  const shownStatusUrl = shown(statusUrl);
  if (polled.state === 'succeeded' || polled.state === 'failed') {
    return {
      ...base,
      state: polled.state,
      delivery: delivery(attempts, polled.state === 'failed' ? polled.message : undefined),
      statusUrl: shownStatusUrl,
      polledState: polled.state,
      message: `${label}: ${polled.message}`,
    };
  }
  return {
    ...base,
    state: 'failed',
    delivery: delivery(attempts, polled.message),
    statusUrl: shownStatusUrl,
    polledState: polled.lastState === undefined ? undefined : redactor.redact(polled.lastState),
    message: `${label} failed: ${polled.message}`,
  };
}

interface PollResult {
  state: 'succeeded' | 'failed' | 'unfinished';
  lastState?: string;
  message: string;
}

async function pollStatus(options: {
  statusUrl: string;
  sameOrigin: boolean;
  bearerToken?: string;
  timeoutMs: number;
  deadlineAt: number;
  intervalMs: number;
  logger: Logger;
  label: string;
  redactor: Redactor;
  signal?: AbortSignal;
}): Promise<PollResult> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
  // The token goes only where the webhook itself lives.
  if (options.bearerToken && options.sameOrigin) headers.authorization = `Bearer ${options.bearerToken}`;
  let lastState: string | undefined;
  let lastProblem = '';
  let polls = 0;
  while (true) {
    const remaining = options.deadlineAt - Date.now();
    if (remaining <= 0) break;
    polls += 1;
    try {
      const answer = await httpRequest({
        url: options.statusUrl,
        headers,
        timeoutMs: Math.min(options.timeoutMs, remaining),
        signal: options.signal,
        bodyLimit: 64 * 1024,
      });
      if (answer.status >= 200 && answer.status < 300) {
        const state = parseJson(answer.body)?.state;
        if (typeof state === 'string') {
          if (state !== lastState)
            options.logger.info(options.redactor.redact(`${options.label}: status is ${state}`));
          lastState = state;
          if (state === 'succeeded') return { state, message: `succeeded (after ${polls} status polls)` };
          if (state === 'failed') return { state, message: `the status URL reported state failed` };
        } else {
          lastProblem = 'the status answer has no string "state" field';
        }
      } else if (
        answer.status >= 400 &&
        answer.status < 500 &&
        answer.status !== 429 &&
        answer.status !== 408
      ) {
        return {
          state: 'failed',
          lastState,
          message: `the status URL answered HTTP ${answer.status}: ${bodyExcerpt(answer.body, options.redactor)}`,
        };
      } else {
        lastProblem = `status URL answered HTTP ${answer.status}`;
      }
    } catch (error) {
      if (error instanceof HttpFailure && error.kind === 'aborted') {
        return { state: 'unfinished', lastState, message: 'cancelled while waiting for completion' };
      }
      lastProblem = `status URL: ${errorMessage(error)}`;
    }
    const wait = Math.min(options.intervalMs, options.deadlineAt - Date.now());
    if (wait <= 0) break;
    await sleep(wait, options.signal);
    if (options.signal?.aborted)
      return { state: 'unfinished', lastState, message: 'cancelled while waiting for completion' };
  }
  return {
    state: 'unfinished',
    lastState,
    message: options.redactor.redact(
      `not finished by the deadline (last state: ${lastState ?? 'unknown'}${lastProblem ? `; ${lastProblem}` : ''})`,
    ),
  };
}
