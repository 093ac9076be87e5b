import { CALLBACK_EVENT_TYPE, type ReceiverEvent, streamEventLog } from '../events/reader.js';
import type { Calibration } from './calibration.js';
import { formatWindow } from './format.js';
import { ALERT_NAMES, type AlertCondition, type EnvironmentEvents, type EventsSummary } from './schema.js';

/**
 * A fixed log-scale histogram (1% wide buckets): a p95 over any number of samples in constant memory,
 * within 1% of the exact nearest-rank value.
 */
export class DurationHistogram {
  private static readonly RATIO = Math.log(1.01);
  private readonly counts = new Map<number, number>();
  count = 0;
  max = 0;

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const bucket = ms < 1 ? 0 : Math.ceil(Math.log(ms) / DurationHistogram.RATIO);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.count += 1;
    if (ms > this.max) this.max = ms;
  }

  /** Nearest-rank quantile, reported as the bucket's upper edge (never above the observed max). */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket) ?? 0;
      if (seen >= rank)
        return Math.min(bucket === 0 ? 1 : Math.exp(bucket * DurationHistogram.RATIO), this.max);
    }
    return this.max;
  }
}

interface EnvironmentCounters {
  total: number;
  failed: number;
  lastMs: number;
  presenceTotal: number;
  presenceFailed: number;
  rateTotal: number;
  rateFailed: number;
  missingTotal: number;
  statsTotal: number;
  durations: DurationHistogram;
}

/** Environments beyond this many are folded into one bucket so memory stays bounded on hostile input. */
const MAX_ENVIRONMENTS = 1000;

/**
 * Accumulates rollback-callback events (type `release_gate.callback`) per environment, in one pass and
 * constant memory per environment. Windows are `(now - window, now]` on `receivedAt`, as a Prometheus
 * range selector sees them; a "failure" is `data.rollbackCallbackState == "failed"`, as the receiver's
 * metric label `state` counts it.
 */
export class CallbackEventAccumulator {
  private readonly environments = new Map<string, EnvironmentCounters>();
  callbackEvents = 0;
  futureEvents = 0;
  private readonly nowMs: number;

  constructor(
    private readonly calibration: Calibration,
    now: Date,
  ) {
    this.nowMs = now.getTime();
  }

  add(event: ReceiverEvent): void {
    if (event.type !== CALLBACK_EVENT_TYPE) return;
    const at = event.receivedAtMs;
    if (at > this.nowMs) {
      this.futureEvents += 1;
      return;
    }
    this.callbackEvents += 1;
    const data = event.data;
    let environment = typeof data.environment === 'string' && data.environment ? data.environment : 'unknown';
    if (!this.environments.has(environment) && this.environments.size >= MAX_ENVIRONMENTS)
      environment = '(other)';
    const counters = this.counters(environment);
    const failed = data.rollbackCallbackState === 'failed';
    const age = this.nowMs - at;
    const c = this.calibration;
    counters.total += 1;
    if (failed) counters.failed += 1;
    if (at > counters.lastMs) counters.lastMs = at;
    if (age < c.failuresPresent.windowMs) {
      counters.presenceTotal += 1;
      if (failed) counters.presenceFailed += 1;
    }
    if (age < c.failureRate.windowMs) {
      counters.rateTotal += 1;
      if (failed) counters.rateFailed += 1;
    }
    if (age < c.drillMissing.windowMs) counters.missingTotal += 1;
    if (age < c.statsWindowMs) {
      counters.statsTotal += 1;
      if (typeof data.durationMs === 'number') counters.durations.add(data.durationMs);
    }
  }

  private counters(environment: string): EnvironmentCounters {
    let counters = this.environments.get(environment);
    if (!counters) {
      counters = {
        total: 0,
        failed: 0,
        lastMs: Number.NEGATIVE_INFINITY,
        presenceTotal: 0,
        presenceFailed: 0,
        rateTotal: 0,
        rateFailed: 0,
        missingTotal: 0,
        statsTotal: 0,
        durations: new DurationHistogram(),
      };
      this.environments.set(environment, counters);
    }
    return counters;
  }

  /** Per-environment numbers; `expected` environments appear even when the log never mentions them. */
  environmentsSummary(expected: string[] = []): EnvironmentEvents[] {
    for (const name of expected) this.counters(name);
    return [...this.environments.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([environment, c]) => ({
        environment,
        total: c.total,
        failed: c.failed,
        lastEventAt: Number.isFinite(c.lastMs) ? new Date(c.lastMs).toISOString() : null,
        presenceWindow: { total: c.presenceTotal, failed: c.presenceFailed },
        rateWindow: { total: c.rateTotal, failed: c.rateFailed },
        drillMissingWindow: { total: c.missingTotal },
        statsWindow: {
          total: c.statsTotal,
          durationSamples: c.durations.count,
          durationP95Ms: c.durations.quantile(0.95),
          durationMaxMs: c.durations.count ? c.durations.max : null,
        },
      }));
  }
}

/** The three alert conditions of docs/alerts/release-gate-rules.yml, computed from the event counts. */
export function alertConditions(
  environment: EnvironmentEvents,
  calibration: Calibration,
  now: Date,
): AlertCondition[] {
  const c = calibration;
  const { presenceWindow, rateWindow } = environment;
  const rate = rateWindow.total ? rateWindow.failed / rateWindow.total : null;
  const lastMs = environment.lastEventAt ? Date.parse(environment.lastEventAt) : null;
  const age = lastMs === null ? null : now.getTime() - lastMs;
  const pct = (value: number) => `${Math.round(value * 1000) / 10}%`;
  return [
    {
      name: ALERT_NAMES.failuresPresent,
      severity: 'warning',
      environment: environment.environment,
      firing: presenceWindow.failed >= c.failuresPresent.minFailures,
      value: presenceWindow.failed,
      detail: `${presenceWindow.failed} failed of ${presenceWindow.total} callback events in the last ${formatWindow(c.failuresPresent.windowMs)} (fires at >= ${c.failuresPresent.minFailures})`,
    },
    {
      name: ALERT_NAMES.failureRate,
      severity: 'critical',
      environment: environment.environment,
      // `failed > threshold * total`, the same comparison the Prometheus rule makes.
      firing:
        rateWindow.total >= c.failureRate.minEvents &&
        rateWindow.failed > c.failureRate.threshold * rateWindow.total,
      value: rate,
      detail:
        rateWindow.total < c.failureRate.minEvents
          ? `${rateWindow.failed} failed of ${rateWindow.total} events in the last ${formatWindow(c.failureRate.windowMs)}: below the minimum volume of ${c.failureRate.minEvents} events, the rate alert cannot fire`
          : `${rateWindow.failed} failed of ${rateWindow.total} events in the last ${formatWindow(c.failureRate.windowMs)} = ${pct(rate ?? 0)} (fires above ${pct(c.failureRate.threshold)})`,
    },
    {
      name: ALERT_NAMES.drillMissing,
      severity: 'warning',
      environment: environment.environment,
      firing: environment.drillMissingWindow.total === 0,
      value: age,
      detail:
        age === null
          ? `no callback event in the history at all (fires after ${formatWindow(c.drillMissing.windowMs)} without one)`
          : `last callback event ${formatWindow(age, true)} ago (fires after ${formatWindow(c.drillMissing.windowMs)} without one)`,
    },
  ];
}

/** Streams the receiver's event log into per-environment counts. */
export async function summariseEventLog(
  path: string,
  calibration: Calibration,
  now: Date,
  expectedEnvironments: string[] = [],
): Promise<EventsSummary> {
  const accumulator = new CallbackEventAccumulator(calibration, now);
  const stats = await streamEventLog(path, (event) => accumulator.add(event), {
    onlyTypes: [CALLBACK_EVENT_TYPE],
  });
  return {
    path,
    lines: stats.lines,
    malformedLines: stats.malformedLines,
    callbackEvents: accumulator.callbackEvents,
    futureEvents: accumulator.futureEvents,
    environments: accumulator.environmentsSummary(expectedEnvironments),
  };
}
