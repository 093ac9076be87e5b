import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// packages/core/src/retry.ts
function backoffDelay(attempt, baseMs = 500, capMs = 3e4, random = Math.random) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
function parseRetryAfter(value, now = Date.now()) {
  if (!value) return void 0;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1e3;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - now);
}
function nextDelay(options) {
  const now = options.now ?? Date.now();
  const wanted = options.retryAfterMs ?? backoffDelay(options.attempt, options.baseMs, options.capMs);
  const remaining = options.deadlineAt - now;
  if (remaining <= 0) return void 0;
  if (wanted >= remaining) return void 0;
  return wanted;
}
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

export {
  parseRetryAfter,
  nextDelay,
  sleep
};
