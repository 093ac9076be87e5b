import { formatDuration } from '../../duration.js';
import { HttpFailure } from '../../http/exchange.js';
import { httpRequest } from '../../http/request.js';
import { nextDelay, parseRetryAfter, sleep } from '../../retry.js';
import { withDefaultUserAgent } from '../executors/user-agent.js';
import type { SmokePolicy } from '../schema.js';
import { parseQueryAnswer, type QueryAnswer } from './result.js';

/** A retry is sent only with at least this long left (or the whole timeout, when that is shorter). */
const MIN_RETRY_MS = 50;

/** One instant query: where it goes, what it sends, and the evaluation time. */
export interface InstantQuery {
  /** The API's base URL (a path prefix such as `/prometheus` is kept). */
  url: string;
  /** The probe's own headers, templates rendered (Authorization included when it has a bearer token). */
  headers: Record<string, string>;
  query: string;
  /** Evaluation time, epoch ms (sent as fractional unix seconds). */
  time: number;
}

/** How long one query may take, over its retries. */
export interface QueryBudget {
  policy: Pick<SmokePolicy, 'maxAttempts' | 'backoffBaseMs' | 'backoffCapMs'>;
  /** Per attempt. */
  timeoutMs: number;
  /** Epoch ms: no attempt goes past it. */
  deadlineAt: number;
  /** Epoch ms: no retry and no wait before one goes past it (the next measurement's time, or the deadline). */
  retryUntil: number;
  signal: AbortSignal;
  now: () => number;
}

export interface QueryOutcome {
  answer: QueryAnswer;
  statusCodes: number[];
  attempts: number;
  /** From the first attempt to the last answer, waits between attempts included. */
  durationMs: number;
}

/** `<url>/api/v1/query`, keeping any path prefix and query string; a URL that already ends so is kept. */
export function queryEndpoint(base: string): string {
  const url = new URL(base);
  const path = url.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/api/v1/query')) url.pathname = `${path.replace(/\/api\/v1$/, '')}/api/v1/query`;
  return url.toString();
}

/**
 * Sends one instant query (POST form, as Prometheus recommends for long queries) and retries what a
 * retry may fix: 5xx, 429 (after its Retry-After), 408, timeouts, refused connections, a 2xx body that
 * is not JSON. No attempt outlives the deadline, no retry starts after `retryUntil`; a cancelled signal
 * ends it at once.
 */
export async function runQuery(request: InstantQuery, budget: QueryBudget): Promise<QueryOutcome> {
  const { policy, signal, now } = budget;
  const started = performance.now();
  const statusCodes: number[] = [];
  const endpoint = queryEndpoint(request.url);
  const body = new URLSearchParams({ query: request.query, time: String(request.time / 1000) }).toString();
  const headers = withDefaultUserAgent({
    ...request.headers,
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  });
  let answer: QueryAnswer = { kind: 'error', message: 'no time left to query', retryable: false };
  let attempts = 0;
  while (attempts < policy.maxAttempts && !signal.aborted) {
    // The first attempt may use all the time to the deadline; a retry must not delay the next measurement.
    const remaining =
      (attempts === 0 ? budget.deadlineAt : Math.min(budget.retryUntil, budget.deadlineAt)) - now();
    // A retry with next to no time left could not get an answer; the next measurement tries again.
    if (remaining <= 0 || (attempts > 0 && remaining < Math.min(budget.timeoutMs, MIN_RETRY_MS))) break;
    attempts += 1;
    const timeoutMs = Math.max(1, Math.min(budget.timeoutMs, remaining));
    let retryAfterMs: number | undefined;
    try {
      const response = await httpRequest({
        url: endpoint,
        method: 'POST',
        headers,
        body,
        timeoutMs,
        signal,
      });
      statusCodes.push(response.status);
      answer = parseQueryAnswer(response.status, response.body.toString('utf8'), response.bodyTruncated);
      retryAfterMs = parseRetryAfter(response.headers['retry-after'], now());
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      answer = {
        kind: 'error',
        message:
          error.kind === 'timeout'
            ? `no answer within ${formatDuration(timeoutMs)}${timeoutMs < budget.timeoutMs ? ' (the time left before the next measurement or the deadline)' : ''}`
            : error.message,
        retryable: error.kind !== 'aborted',
      };
    }
    if (answer.kind !== 'error' || !answer.retryable || attempts >= policy.maxAttempts) break;
    const delay = nextDelay({
      attempt: attempts,
      retryAfterMs,
      deadlineAt: Math.min(budget.retryUntil, budget.deadlineAt),
      now: now(),
      baseMs: policy.backoffBaseMs,
      capMs: policy.backoffCapMs,
    });
    if (delay === undefined) {
      if (retryAfterMs !== undefined) {
        answer = {
          ...answer,
          message: `${answer.message} (Retry-After ${formatDuration(retryAfterMs)} is past the next measurement or the deadline)`,
        };
      }
      break;
    }
    await sleep(delay, signal);
  }
  return { answer, statusCodes, attempts, durationMs: Math.round(performance.now() - started) };
}
