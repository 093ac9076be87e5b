import { formatDuration } from '../duration.js';
import type { ProbeResult } from '../report/smoke-section.js';
import { sleep } from '../retry.js';
import { type ProbeOutcome, type ProbeRunContext, runProbe } from './policy.js';
import type { AttemptProbe } from './schema.js';

/** The bake window's record in the report (see `watch` in smoke-section.ts). */
export type WatchRecord = NonNullable<ProbeResult['watch']>;

/**
 * Bake time: a probe that passed is re-run every `watchIntervalMs` for `windowMs` (one attempt each, under
 * the same timeout and deadline), and fails as soon as more than `watchFailureLimit` re-runs fail. A
 * release that answers between crashes passes a one-off check; it does not pass a window.
 */
export async function watchProbe(
  probe: AttemptProbe,
  first: ProbeOutcome,
  windowMs: number,
  context: ProbeRunContext,
): Promise<ProbeOutcome> {
  const now = context.now ?? Date.now;
  const { watchIntervalMs: intervalMs, watchFailureLimit: failureLimit } = context.policy;
  const once: ProbeRunContext = {
    ...context,
    policy: { ...context.policy, maxAttempts: 1, consecutiveSuccesses: 1 },
    onAttempt: undefined,
  };
  // Re-runs are scheduled from the window's start (a slow answer does not push the rest later), so the
  // window holds floor(window / interval) of them and ends when it says.
  const windowStart = now();
  const endsAt = windowStart + windowMs;
  const planned = Math.floor(windowMs / intervalMs);
  const latencies: number[] = [];
  let runs = 0;
  let failures = 0;
  let lastFailure: string | undefined;
  let endedEarly: string | undefined;
  const window = formatDuration(windowMs);

  for (let next = 1; next <= planned; next++) {
    const at = windowStart + next * intervalMs;
    if (at >= context.deadlineAt) {
      endedEarly = `the smoke deadline came ${formatDuration(endsAt - now())} before the ${window} bake window ended`;
      break;
    }
    await sleep(Math.max(0, at - now()), context.signal);
    if (context.signal.aborted) {
      endedEarly = 'cancelled';
      break;
    }
    const rerun = await runProbe(probe, once);
    runs += 1;
    const attempt = rerun.attempts.at(-1);
    if (attempt) latencies.push(attempt.durationMs);
    if (rerun.passed) continue;
    failures += 1;
    lastFailure = rerun.reason;
    if (attempt) context.onAttempt?.(probe, first.attempts.length + runs, attempt, undefined);
    if (failures > failureLimit) {
      endedEarly = `re-run ${runs} failed, over the limit of ${failureLimit}`;
      break;
    }
  }

  const watch: WatchRecord = {
    windowMs,
    intervalMs,
    failureLimit,
    runs,
    failures,
    passRate: runs ? (runs - failures) / runs : 1,
    worstLatencyMs: latencies.length ? Math.max(...latencies) : null,
    ...(endedEarly ? { endedEarly } : {}),
  };
  const tally = `${runs - failures}/${runs} re-runs passed`;
  if (failures > failureLimit) {
    return {
      ...first,
      passed: false,
      reason: `failed in the ${window} bake window: ${lastFailure} (${tally}; ${failureLimit} failure(s) allowed)`,
      failures: [lastFailure ?? 'failed in the bake window'],
      watch,
    };
  }
  if (endedEarly) {
    return {
      ...first,
      passed: false,
      reason: `${first.reason}; bake window not completed: ${endedEarly} (${tally})`,
      failures: [`bake window not completed: ${endedEarly}`],
      watch,
    };
  }
  return { ...first, reason: `${first.reason}; held for ${window}: ${tally}`, watch };
}
