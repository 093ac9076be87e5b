import { setMaxListeners } from 'node:events';
import { formatDuration } from '../duration.js';
import { ConfigurationError } from '../errors.js';
import type { Logger } from '../logger.js';
import { type Redactor, runSecrets } from '../redact.js';
import type { ProbeResult, SmokeSection } from '../report/smoke-section.js';
import { sleep } from '../retry.js';
import { secretParts } from '../secret-parts.js';
import type { CapturedValue } from './evaluate.js';
import type { RunCommand } from './executors/types.js';
import type { MetricTemplateValues } from './metrics/types.js';
import { type ProbeOutcome, type ProbeRunContext, runProbe } from './policy.js';
import { ScenarioRunner } from './scenario/run.js';
import {
  type AttemptProbe,
  type Probe,
  type PrometheusProbe,
  type SmokePolicy,
  type SmokePolicyInput,
  smokePolicySchema,
} from './schema.js';
import { latencySummary } from './stats.js';
import { watchProbe } from './watch.js';

export interface SmokeProgress {
  done: number;
  total: number;
  passed: number;
  failed: number;
}

/** What the engine needs from its host; everything is optional. */
export interface SmokeDeps {
  /** Runs command probes (`commandRunner` from process/, or a fake in tests). */
  runCommand?: RunCommand;
  /** Cancels the run: attempts stop, waits end, every unfinished probe is reported as cancelled. */
  signal?: AbortSignal;
  /** Scrubs registered secrets from every reason, failure, warning and captured value. */
  redactor?: Redactor;
  logger?: Logger;
  onProbeDone?: (result: ProbeResult, progress: SmokeProgress) => void;
  now?: () => number;
  /** Masks a secret found at run time (captured value, env template) in the host: core.setSecret. */
  onSecret?: (value: string) => void;
  /** For `{{ env.NAME }}` templates; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** What `{{ environment }}`, `{{ version }}` and `{{ sha }}` stand for in metric queries. */
  templates?: MetricTemplateValues;
}

/**
 * Runs every probe under the policy, at most `concurrency` at a time, and returns the report's smoke
 * section. Never throws for a failing target; the section's `result` is `failed` when any probe that is
 * not `dryRun` failed, and `error` when a probe met a mistake no retry fixes (a PromQL syntax error).
 * Throws ConfigurationError before running when a probe's window does not fit the deadline.
 */
export async function runSmoke(
  probes: readonly Probe[],
  policyInput: SmokePolicyInput = {},
  deps: SmokeDeps = {},
): Promise<SmokeSection> {
  const policy: SmokePolicy = smokePolicySchema.parse(policyInput);
  checkProbeWindows(probes, policy);
  const now = deps.now ?? Date.now;
  const signal = deps.signal ?? new AbortController().signal;
  // Every in-flight attempt listens on the one signal; hundreds at a time is expected, not a leak.
  setMaxListeners(0, signal);
  if (policy.warmupMs > 0) {
    deps.logger?.info(`warming up: waiting ${policy.warmupMs}ms before the first probe`);
    await sleep(policy.warmupMs, signal);
  }
  const startedAt = now();
  const started = performance.now();
  const deadlineAt = startedAt + policy.deadlineMs;
  const results: ProbeResult[] = new Array(probes.length);
  const progress: SmokeProgress = { done: 0, total: probes.length, passed: 0, failed: 0 };
  const scenarios = new ScenarioRunner(probes, deps);
  const scrub = (text: string) => scenarios.redactor.redact(text);
  // A probes file's URLs carry credentials as the `urls` input's do: their distinctive parts (a token in
  // the path, the query or a host label) join the run's secrets; the rest of a URL is the probe's name.
  for (const probe of probes) {
    if (probe.type !== 'http' && probe.type !== 'ws' && probe.type !== 'prometheus') continue;
    for (const part of secretParts(probe.url, 'public-url')) {
      scenarios.redactor.add(part, 'token');
      runSecrets.add(part, 'token');
    }
  }
  const captured: Record<string, CapturedValue> = {};
  const capturedBy: Record<string, string> = {};

  const attemptContext: ProbeRunContext = {
    policy,
    deadlineAt,
    signal,
    runCommand: deps.runCommand,
    now,
    onAttempt: (p, attempt, verdict, delay) => {
      if (verdict.ok) return;
      const wait = delay === undefined ? 'giving up' : `retrying in ${Math.round(delay)}ms`;
      deps.logger?.debug(`${p.name}: attempt ${attempt} failed: ${scrub(verdict.reason)}; ${wait}`);
    },
  };
  const runAttempts = async (probe: AttemptProbe): Promise<ProbeOutcome> => {
    const first = await runProbe(probe, attemptContext);
    const windowMs = bakeWindowMs(probe, policy);
    if (!first.passed || windowMs <= 0 || signal.aborted) return first;
    deps.logger?.info(`${probe.name}: passed; watching it for ${formatDuration(windowMs)}`);
    return watchProbe(probe, first, windowMs, attemptContext);
  };
  // A mistake in a metric probe that no retry fixes (a PromQL syntax error): the step cannot judge.
  let configurationError: string | undefined;
  const runMetric = async (probe: PrometheusProbe): Promise<ProbeOutcome> => {
    const { runMetricProbe } = await import('./metrics/analysis.js');
    try {
      const { measurements, analysis, statusCodes, ...verdict } = await runMetricProbe(probe, {
        policy,
        deadlineAt,
        stepStartedAt: startedAt,
        signal,
        now,
        templates: deps.templates ?? {},
        env: deps.env ?? process.env,
        onSecret: (value) => {
          scenarios.redactor.add(value, 'token');
          runSecrets.add(value, 'token');
          deps.onSecret?.(value);
        },
        redact: scrub,
        logger: deps.logger,
      });
      return { ...verdict, attempts: [], metric: { measurements, analysis, statusCodes } };
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      configurationError ??= scrub(`${probe.name}: ${error.message}`);
      return { passed: false, reason: scrub(error.message), attempts: [], failures: [], warnings: [] };
    }
  };

  const worker = async () => {
    // A scenario holds one worker: after a step, the same worker runs the next step of its scenario.
    for (let index = scenarios.next(); index !== undefined; index = scenarios.next(index)) {
      const probe = probes[index]!;
      const outcome = await scenarios.run(probe, (ready) =>
        ready.type === 'prometheus' ? runMetric(ready) : runAttempts(ready),
      );
      const result = toResult(probe, outcome, scrub);
      results[index] = result;
      // Captures are evidence only from a probe that passed (each attempt keeps only what a passing answer carried).
      for (const attempt of outcome.passed ? outcome.attempts : []) {
        for (const [key, value] of Object.entries(attempt.captured)) {
          if (capturedBy[key] && capturedBy[key] !== probe.name) {
            deps.logger?.warning(
              `captured '${key}' from ${probe.name} replaces the value from ${capturedBy[key]}`,
            );
          }
          captured[key] = typeof value === 'string' ? scrub(value) : value;
          capturedBy[key] = probe.name;
        }
      }
      progress.done += 1;
      if (result.verdict === 'passed') progress.passed += 1;
      else progress.failed += 1;
      deps.onProbeDone?.(result, { ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.min(policy.concurrency, probes.length) }, worker));
  Object.assign(captured, scenarios.resultCaptures());

  const blocking = results.filter((r) => r.verdict === 'failed' && !r.dryRun);
  const finishedAt = now();
  return {
    result: configurationError ? 'error' : blocking.length ? 'failed' : 'passed',
    ...(configurationError ? { error: configurationError } : {}),
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: Math.round(performance.now() - started),
    passedCount: results.filter((r) => r.verdict === 'passed').length,
    failedCount: blocking.length,
    probes: results,
    captured,
    ...scenarios.versionEvidence(),
    ...(signal.aborted ? { cancelled: true } : {}),
    policy: {
      timeoutMs: policy.timeoutMs,
      deadlineMs: policy.deadlineMs,
      maxAttempts: policy.maxAttempts,
      consecutiveSuccesses: policy.consecutiveSuccesses,
      concurrency: policy.concurrency,
      ...(policy.warmupMs ? { warmupMs: policy.warmupMs } : {}),
      ...(probes.some((probe) => bakeWindowMs(probe, policy) > 0)
        ? {
            watch: {
              windowMs: policy.watchMs,
              intervalMs: policy.watchIntervalMs,
              failureLimit: policy.watchFailureLimit,
            },
          }
        : {}),
    },
  };
}

/**
 * A window that cannot end before the deadline is a mistake in the configuration, not a failure to find
 * out at the deadline: a metric probe's `initialDelay + interval x (count - 1)`, a bake `watch`.
 */
export function checkProbeWindows(probes: readonly Probe[], policyInput: SmokePolicyInput): void {
  const policy = smokePolicySchema.parse(policyInput);
  const deadline = formatDuration(policy.deadlineMs);
  for (const probe of probes) {
    if (probe.type === 'prometheus') {
      const windowMs = probe.initialDelayMs + probe.intervalMs * (probe.count - 1);
      if (windowMs > policy.deadlineMs) {
        throw new ConfigurationError(
          `probe '${probe.name}': its analysis window (initialDelay ${formatDuration(probe.initialDelayMs)} + interval ${formatDuration(probe.intervalMs)} x (count ${probe.count} - 1) = ${formatDuration(windowMs)}) does not fit the smoke deadline ${deadline}; raise deadline or shorten the window`,
        );
      }
      continue;
    }
    const watchMs = bakeWindowMs(probe, policy);
    if (watchMs > policy.deadlineMs) {
      throw new ConfigurationError(
        `probe '${probe.name}': its bake window (watch ${formatDuration(watchMs)}) does not fit the smoke deadline ${deadline}; raise deadline or shorten watch`,
      );
    }
  }
}

function toResult(probe: Probe, outcome: ProbeOutcome, scrub: (text: string) => string): ProbeResult {
  const warnings = outcome.warnings.map(scrub);
  if (probe.dryRun && !outcome.passed) warnings.push('dryRun: this failure does not fail the run');
  return {
    name: probe.name,
    type: probe.type,
    target: probe.target,
    verdict: outcome.passed ? 'passed' : 'failed',
    dryRun: probe.dryRun,
    attempts: outcome.metric ? outcome.metric.measurements.length : outcome.attempts.length,
    statusCodes: outcome.metric
      ? outcome.metric.statusCodes
      : outcome.attempts.flatMap((a) => (a.status === undefined ? [] : [a.status])),
    latency: latencySummary(
      outcome.metric
        ? outcome.metric.measurements.map((m) => m.durationMs)
        : outcome.attempts.map((a) => a.durationMs),
    ),
    ...(probe.scenario?.script
      ? { roundTrip: latencySummary(outcome.attempts.flatMap((a) => a.roundTripMs ?? [])) }
      : {}),
    // A failed command's last output lines end the reason, after "after N attempts": what an on-call reads first.
    reason: scrub(outcome.reason + (outcome.passed ? '' : (outcome.attempts.at(-1)?.outputTail ?? ''))),
    failures: outcome.failures.map(scrub),
    ...(outcome.healthFormat ? { healthFormat: outcome.healthFormat } : {}),
    warnings,
    ...(outcome.metric
      ? { measurements: outcome.metric.measurements, analysis: outcome.metric.analysis }
      : {}),
    ...(outcome.watch ? { watch: outcome.watch } : {}),
  };
}

/** A probe's bake window: its own `watch`, else the smoke's; metric probes have their analysis window instead. */
function bakeWindowMs(probe: Probe, policy: SmokePolicy): number {
  return probe.type === 'prometheus' ? 0 : (probe.watchMs ?? policy.watchMs);
}
