import { formatDuration } from '../duration.js';
import { nextDelay, sleep } from '../retry.js';
import { type AttemptVerdict, evaluateAttempt } from './evaluate.js';
import { executorFor } from './executors/index.js';
import type { Observation, RunCommand } from './executors/types.js';
import type { MetricOutcome } from './metrics/types.js';
import type { AttemptProbe, Probe, SmokePolicy } from './schema.js';
import type { WatchRecord } from './watch.js';

export interface ProbeRunContext {
  policy: SmokePolicy;
  /** Epoch ms after which no attempt starts and no wait continues. */
  deadlineAt: number;
  signal: AbortSignal;
  runCommand?: RunCommand;
  now?: () => number;
  /** Called after each attempt (progress, debug logs). */
  onAttempt?: (
    probe: Probe,
    attempt: number,
    verdict: AttemptVerdict,
    nextDelayMs: number | undefined,
  ) => void;
}

/** What the policy loop concluded for one probe, before reporting. */
export interface ProbeOutcome {
  passed: boolean;
  reason: string;
  attempts: AttemptVerdict[];
  failures: string[];
  warnings: string[];
  healthFormat?: string;
  /** A metric probe's window: measurements, analysis and the API's status codes (`attempts` is empty). */
  metric?: Pick<MetricOutcome, 'measurements' | 'analysis' | 'statusCodes'>;
  /** The bake window after the probe first passed (`watch`). */
  watch?: WatchRecord;
}

/**
 * Runs one probe under the policy: attempts until `consecutiveSuccesses` successes in a row (pass), or
 * `maxAttempts` failed attempts, or the deadline, or cancellation (fail). Waits between failed attempts
 * with full-jitter backoff or the server's Retry-After, never past the deadline; every loop is bounded by
 * maxAttempts failures (so at most maxAttempts x consecutiveSuccesses attempts).
 */
export async function runProbe(probe: AttemptProbe, context: ProbeRunContext): Promise<ProbeOutcome> {
  const { policy } = context;
  const now = context.now ?? Date.now;
  const execute = executorFor(probe) as (
    p: AttemptProbe,
    c: Parameters<ReturnType<typeof executorFor>>[1],
  ) => Promise<Observation>;
  const attempts: AttemptVerdict[] = [];
  let streak = 0;
  let failed = 0;
  const finish = (passed: boolean, reason: string): ProbeOutcome => {
    const last = attempts.at(-1);
    const lastFailed = [...attempts].reverse().find((a) => !a.ok);
    const warnings = [...new Set(attempts.flatMap((a) => a.warnings))];
    return {
      passed,
      reason,
      attempts,
      failures: passed ? [] : (lastFailed?.failures ?? [reason]),
      warnings,
      healthFormat: [...attempts].reverse().find((a) => a.healthFormat)?.healthFormat ?? last?.healthFormat,
    };
  };
  const tries = () => (attempts.length > 1 ? ` after ${attempts.length} attempts` : '');
  for (;;) {
    if (context.signal.aborted) {
      const last = attempts.at(-1);
      return finish(
        false,
        attempts.length ? `cancelled${tries()} (last: ${last?.reason})` : 'not run: cancelled',
      );
    }
    const remaining = context.deadlineAt - now();
    if (remaining <= 0) {
      const last = attempts.at(-1);
      return finish(
        false,
        attempts.length
          ? `${last?.ok ? 'not yet stable' : deadlineReached(last!.reason)}${tries()}`
          : 'not run: the deadline passed before it started',
      );
    }
    const attemptTimeoutMs = probe.timeoutMs ?? policy.timeoutMs;
    const timeoutMs = Math.max(1, Math.min(attemptTimeoutMs, remaining));
    const observed = await execute(probe, {
      timeoutMs,
      signal: context.signal,
      policy,
      runCommand: context.runCommand,
    }).catch(
      // An executor that throws (a header value the HTTP stack refuses, say) fails this probe, not the run.
      (error: unknown): Observation => ({
        durationMs: 0,
        error: {
          kind: 'setup',
          message: `cannot send: ${error instanceof Error ? error.message : String(error)}`,
        },
      }),
    );
    const observation = timeoutMs < attemptTimeoutMs ? labelDeadline(observed, timeoutMs) : observed;
    if (observation.error?.kind === 'aborted' && context.signal.aborted) continue;
    const verdict = evaluateAttempt(probe, observation, now());
    attempts.push(verdict);
    if (verdict.ok) {
      streak += 1;
      if (streak >= policy.consecutiveSuccesses) {
        const stable = policy.consecutiveSuccesses > 1 ? `, ${streak} in a row` : '';
        context.onAttempt?.(probe, attempts.length, verdict, undefined);
        return finish(true, `${verdict.reason}${stable}${tries()}`);
      }
    } else {
      streak = 0;
      failed += 1;
      if (failed >= policy.maxAttempts) {
        context.onAttempt?.(probe, attempts.length, verdict, undefined);
        return finish(false, `${verdict.reason}${tries()}`);
      }
    }
    const delay = verdict.ok
      ? fitsDeadline(policy.stabilisationIntervalMs, context.deadlineAt, now())
      : nextDelay({
          attempt: failed,
          retryAfterMs: verdict.retryAfterMs,
          deadlineAt: context.deadlineAt,
          now: now(),
          baseMs: policy.backoffBaseMs,
          capMs: policy.backoffCapMs,
        });
    context.onAttempt?.(probe, attempts.length, verdict, delay);
    if (delay === undefined) {
      if (!verdict.ok && verdict.retryAfterMs !== undefined) {
        return finish(
          false,
          `${verdict.reason}${tries()}; the server asked to retry after ${formatDuration(verdict.retryAfterMs)}, past the deadline`,
        );
      }
      return finish(
        false,
        verdict.ok
          ? `not stable: ${streak} of ${policy.consecutiveSuccesses} successes in a row before the deadline`
          : `${deadlineReached(verdict.reason)}${tries()}`,
      );
    }
    await sleep(delay, context.signal);
  }
}

const DEADLINE_LABEL = '(deadline reached)';

/**
 * An attempt the run's deadline cut short (it had less time left than its timeout) says so: the time it
 * got was what remained, not a timeout anyone set. `no complete answer within 1200ms (timeout)` becomes
 * `no complete answer within the 1.2s left (deadline reached)`.
 */
function labelDeadline(observation: Observation, leftMs: number): Observation {
  if (observation.error?.kind !== 'timeout') return observation;
  const { message } = observation.error;
  const waited = / within \d+ms \(timeout\)$/;
  const labelled = waited.test(message)
    ? `${message.replace(waited, '')} within the ${formatDuration(leftMs)} left ${DEADLINE_LABEL}`
    : `${message.replace(/ \(timeout\)$/, '')} ${DEADLINE_LABEL}`;
  return { ...observation, error: { ...observation.error, message: labelled } };
}

/** `<reason>; deadline reached`, unless the reason already says so (an attempt the deadline cut short). */
function deadlineReached(reason: string): string {
  return reason.endsWith(DEADLINE_LABEL) ? reason : `${reason}; deadline reached`;
}

function fitsDeadline(wanted: number, deadlineAt: number, now: number): number | undefined {
  return wanted < deadlineAt - now ? wanted : undefined;
}
