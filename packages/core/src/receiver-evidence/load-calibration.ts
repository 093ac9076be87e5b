import { formatDuration } from '../duration.js';
import { ConfigurationError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { redactUrl } from '../redact.js';
import { round } from './delivery.js';
import { evidenceReportHeader } from './report-header.js';
import type { BudgetProposal, LoadBudgets, LoadCalibrationReport, LoadTargetResult } from './schemas.js';

export interface LoadCalibrationOptions {
  /** Explicit targets only; there is no default target and an empty list is refused. */
  targets: string[];
  /** A fixed number of requests per target (default 200)... */
  requests?: number;
  /** ...or a fixed duration per target (wins over `requests`). */
  durationMs?: number;
  /** Requests per second over all connections; undefined sends as fast as the target answers. */
  rate?: number;
  concurrency?: number;
  method?: string;
  headers?: Record<string, string>;
  /** Per request. */
  timeoutMs?: number;
  /** Per target: the load is stopped here whatever is left. */
  hardStopMs?: number;
  budgets?: Partial<LoadBudgets>;
  /** Proposed budgets are the observed figures times (1 + headroom). */
  headroom?: number;
  logger?: Logger;
  now?: () => Date;
}

export const DEFAULT_LOAD_BUDGETS: LoadBudgets = { p95Ms: 500, p99Ms: 1000, errorRate: 0.01 };
/** Latency samples kept per target; beyond this a uniform reservoir sample is kept (bounded memory). */
const MAX_SAMPLES = 200_000;

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** A latency or budget: `0.5ms`, `12ms`, `1.5s`; sub-second values keep up to two decimals. */
export function formatLatency(ms: number): string {
  return ms < 1000 ? `${round(ms)}ms` : formatDuration(ms);
}

export function formatRate(rate: number): string {
  const percent = rate * 100;
  return `${percent < 1 && percent > 0 ? percent.toPrecision(2) : round(percent)}%`;
}

/**
 * Bounded load against each target in turn with autocannon, then budgets compared and calibrated ones
 * proposed. Targets run one after the other so they never compete for the same CPU.
 */
export async function runLoadCalibration(options: LoadCalibrationOptions): Promise<LoadCalibrationReport> {
  if (!options.targets.length)
    throw new ConfigurationError(
      'load calibration needs at least one explicit target URL; there is no default target',
    );
  for (const target of options.targets) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new ConfigurationError(`load target '${redactUrl(target)}' is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ConfigurationError(`load target '${redactUrl(target)}' must be http:// or https://`);
  }
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? 4;
  const durationMs = options.durationMs ?? null;
  const requests = durationMs === null ? (options.requests ?? 200) : null;
  if (requests !== null && requests < concurrency)
    throw new ConfigurationError(
      `requests (${requests}) must be at least the concurrency (${concurrency}): each connection sends at least one`,
    );
  const rate = options.rate ?? null;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const hardStopMs = options.hardStopMs ?? 60_000;
  const headroom = options.headroom ?? 0.5;
  const budgets: LoadBudgets = { ...DEFAULT_LOAD_BUDGETS, ...options.budgets };
  const method = (options.method ?? 'GET').toUpperCase();
  const started = performance.now();
  const { default: autocannon } = await import('autocannon');

  const results: LoadTargetResult[] = [];
  for (const target of options.targets) {
    const shownUrl = redactUrl(target);
    logger.info(
      `load: ${method} ${shownUrl}: ${requests !== null ? `${requests} requests` : formatDuration(durationMs!)}` +
        `${rate ? ` at ${rate}/s` : ''}, concurrency ${concurrency}, hard stop ${formatDuration(hardStopMs)}`,
    );
    const samples: number[] = [];
    let responses = 0;
    const instance = autocannon({
      url: target,
      method,
      headers: options.headers,
      connections: concurrency,
      ...(requests !== null ? { amount: requests } : { duration: durationMs! / 1000 }),
      ...(rate ? { overallRate: rate } : {}),
      timeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
      // autocannon notices the end of a run at its next sample tick: tick often so it stops promptly.
      sampleInt: 50,
    });
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      responses += 1;
      if (samples.length < MAX_SAMPLES) samples.push(responseTime);
      else {
        const slot = Math.floor(Math.random() * responses);
        if (slot < MAX_SAMPLES) samples[slot] = responseTime;
      }
    });
    const runStarted = performance.now();
    let hardStopped = false;
    const stopTimer = setTimeout(() => {
      hardStopped = true;
      instance.stop();
    }, hardStopMs);
    let result: Awaited<typeof instance>;
    try {
      result = await instance;
    } finally {
      clearTimeout(stopTimer);
    }
    // Over the whole run: with a rate, autocannon sends in one-second buckets, so the run (not the time
    // to the last answer) is what the rate shapes.
    const elapsedMs = performance.now() - runStarted;
    const sorted = Float64Array.from(samples).sort();
    const errors = result.errors;
    const attempts = responses + errors;
    const errorRate = attempts ? (result.non2xx + errors) / attempts : 1;
    const latency = sorted.length
      ? {
          p50Ms: round(percentile(sorted, 50)),
          p95Ms: round(percentile(sorted, 95)),
          p99Ms: round(percentile(sorted, 99)),
          maxMs: round(sorted[sorted.length - 1]!),
          meanMs: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
        }
      : null;
    const breaches: string[] = [];
    if (!latency) breaches.push('no request was answered');
    if (latency && latency.p95Ms > budgets.p95Ms)
      breaches.push(`p95 ${latency.p95Ms}ms is over the ${formatLatency(budgets.p95Ms)} budget`);
    if (latency && latency.p99Ms > budgets.p99Ms)
      breaches.push(`p99 ${latency.p99Ms}ms is over the ${formatLatency(budgets.p99Ms)} budget`);
    if (errorRate > budgets.errorRate)
      breaches.push(
        `error rate ${formatRate(errorRate)} is over the ${formatRate(budgets.errorRate)} budget`,
      );
    if (hardStopped)
      breaches.push(`hard stop after ${formatDuration(hardStopMs)}: the load did not finish in time`);
    const entry: LoadTargetResult = {
      url: shownUrl,
      method,
      status: breaches.length ? 'failed' : 'passed',
      requests: attempts,
      responses,
      non2xx: result.non2xx,
      errors,
      timeouts: result.timeouts,
      errorRate: round(errorRate * 10_000) / 10_000,
      elapsedMs: round(elapsedMs),
      throughput: round(responses / (elapsedMs / 1000)),
      latency,
      hardStopped,
      breaches,
    };
    results.push(entry);
    const figures = latency
      ? `p50 ${latency.p50Ms}ms, p95 ${latency.p95Ms}ms, p99 ${latency.p99Ms}ms, max ${latency.maxMs}ms`
      : 'no answers';
    const line = `load: ${shownUrl}: ${entry.throughput} req/s, ${figures}, errors ${formatRate(errorRate)}`;
    if (breaches.length) logger.error(`${line}: ${breaches.join('; ')}`);
    else logger.info(line);
  }

  const measured = results.filter((r) => r.latency);
  const observed = measured.length
    ? {
        p95Ms: Math.max(...measured.map((r) => r.latency!.p95Ms)),
        p99Ms: Math.max(...measured.map((r) => r.latency!.p99Ms)),
        errorRate: Math.max(...results.map((r) => r.errorRate)),
      }
    : null;
  return {
    ...evidenceReportHeader(
      'load-calibration',
      results.some((r) => r.status === 'failed') ? 'failed' : 'passed',
      started,
      now(),
    ),
    settings: { requests, durationMs, rate, concurrency, timeoutMs, hardStopMs, headroom },
    budgets,
    targets: results,
    observed,
    proposals: observed
      ? proposeBudgets(
          observed,
          budgets,
          headroom,
          Math.min(...results.map((r) => r.requests).filter((n) => n > 0)),
        )
      : [],
  };
}

/**
 * Calibrated budgets: the observed worst case across targets plus headroom. Each proposal says whether the
 * current budget is breached (raise it, or fix the service), loose (more than 4x the need: tighten it so
 * a regression shows), or fits.
 */
export function proposeBudgets(
  observed: { p95Ms: number; p99Ms: number; errorRate: number },
  budgets: LoadBudgets,
  headroom: number,
  /** The smallest sample behind the figures: an error budget below one error in it cannot be measured. */
  sampleSize = 1000,
): BudgetProposal[] {
  const factor = 1 + headroom;
  const extra = `${Math.round(headroom * 100)}% headroom`;
  const latency = (setting: BudgetProposal['setting'], label: string, seen: number, current: number) => {
    const proposed = Math.max(1, Math.ceil(seen * factor));
    let reason: string;
    if (seen > current)
      reason = `observed ${label} ${seen}ms breaches the ${formatLatency(current)} budget; ${formatLatency(proposed)} is the observed value plus ${extra} (or make the service faster)`;
    else if (current > proposed * 4)
      reason = `observed ${label} ${seen}ms uses ${Math.round((seen / current) * 100)}% of the ${formatLatency(current)} budget; tighten to ${formatLatency(proposed)} (observed plus ${extra}) so a regression shows`;
    else
      reason = `observed ${label} ${seen}ms fits the ${formatLatency(current)} budget (${Math.round((seen / current) * 100)}% used); calibrated value with ${extra}: ${formatLatency(proposed)}`;
    return { setting, current: formatLatency(current), proposed: formatLatency(proposed), reason };
  };
  const floor = Math.max(0.001, Math.ceil(10_000 / Math.max(1, sampleSize)) / 10_000);
  const proposedRate = Math.max(floor, Math.ceil(observed.errorRate * factor * 10_000) / 10_000);
  let errorReason: string;
  if (observed.errorRate > budgets.errorRate)
    errorReason = `observed error rate ${formatRate(observed.errorRate)} breaches the ${formatRate(budgets.errorRate)} budget; fix the errors before raising it to ${formatRate(proposedRate)}`;
  else if (budgets.errorRate > proposedRate * 4)
    errorReason = `observed error rate ${formatRate(observed.errorRate)} is far below the ${formatRate(budgets.errorRate)} budget; tighten to ${formatRate(proposedRate)} (observed plus ${extra}, at least ${formatRate(floor)}: one error in ${sampleSize} requests)`;
  else
    errorReason = `observed error rate ${formatRate(observed.errorRate)} fits the ${formatRate(budgets.errorRate)} budget; calibrated value: ${formatRate(proposedRate)}`;
  return [
    latency('latency-budget-p95', 'p95', observed.p95Ms, budgets.p95Ms),
    latency('latency-budget-p99', 'p99', observed.p99Ms, budgets.p99Ms),
    {
      setting: 'error-budget',
      current: formatRate(budgets.errorRate),
      proposed: formatRate(proposedRate),
      reason: errorReason,
    },
  ];
}
