/** Exponential backoff with full jitter: a random delay in [0, min(cap, base * 2^attempt)). */
export function backoffDelay(attempt: number, baseMs = 500, capMs = 30_000, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Parses a Retry-After header (delta seconds or an HTTP date) into milliseconds from `now`.
 * Returns undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before the next attempt: the server's Retry-After when it gave one, otherwise jittered backoff;
 * never past the deadline (returns undefined when no time is left for another attempt).
 */
export function nextDelay(options: {
  attempt: number;
  retryAfterMs?: number;
  deadlineAt: number;
  now?: number;
  baseMs?: number;
  capMs?: number;
}): number | undefined {
  const now = options.now ?? Date.now();
  const wanted = options.retryAfterMs ?? backoffDelay(options.attempt, options.baseMs, options.capMs);
  const remaining = options.deadlineAt - now;
  if (remaining <= 0) return undefined;
  if (wanted >= remaining) return undefined;
  return wanted;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
