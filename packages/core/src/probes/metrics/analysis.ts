import { ConfigurationError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { sleep } from '../../retry.js';
import type { PrometheusProbe, SmokePolicy } from '../schema.js';
import { judgeMeasurement } from './judge.js';
import { type InstantQuery, type QueryBudget, type QueryOutcome, runQuery } from './query.js';
import type { Series } from './result.js';
import { renderMetricTemplate, type TemplateSources } from './template.js';
import type { Measurement, MetricAnalysis, MetricOutcome, MetricTemplateValues } from './types.js';

/** What a metric probe needs from the engine. */
export interface MetricRunContext {
  /** timeoutMs (per query attempt unless the probe sets its own), maxAttempts, backoff, maxRedirects. */
  policy: SmokePolicy;
  /** Epoch ms after which no query starts and no wait continues. */
  deadlineAt: number;
  /** When the step's probing started (epoch ms): a baseline query is evaluated at this minus its offset. */
  stepStartedAt: number;
  signal: AbortSignal;
  now?: () => number;
  /** `{{ environment }}`, `{{ version }}`, `{{ sha }}`. */
  templates: MetricTemplateValues;
  /** For `{{ env.NAME }}`; values found there are secrets. */
  env: NodeJS.ProcessEnv;
  /** Registers a secret found at run time (an env template's value, the bearer token) with the host. */
  onSecret?: (value: string) => void;
  /** Scrubs registered secrets from any text that goes into the outcome. */
  redact: (text: string) => string;
  logger?: Logger;
}

type Phase = MetricAnalysis['phase'];

/**
 * Runs a metric probe's analysis window: `initialDelay`, then `count` measurements `interval` apart
 * (scheduled from the start, so a slow query does not stretch the window), each an instant query judged
 * per series. The probe fails at once when failed measurements exceed `failureLimit` or query errors in
 * a row exceed `consecutiveErrorLimit`, ends inconclusive (failed) when inconclusive measurements exceed
 * `inconclusiveLimit`, and passes after `count` measurements otherwise. Throws ConfigurationError for
 * what no retry can fix (a template without a value, a PromQL syntax error, a baseline of 0 without `max`).
 */
export async function runMetricProbe(
  probe: PrometheusProbe,
  context: MetricRunContext,
): Promise<MetricOutcome> {
  const now = context.now ?? Date.now;
  const { redact, signal, deadlineAt } = context;
  const sources: TemplateSources = {
    templates: context.templates,
    env: context.env,
    onSecret: context.onSecret,
  };
  // Rendered before any wait: a missing value is a mistake to report now, not after the initial delay.
  const query = renderMetricTemplate(probe.query, 'query', sources);
  const headers = requestHeaders(probe, sources);
  const startedAt = now();
  const measurements: Measurement[] = [];
  const statusCodes: number[] = [];
  const warnings = new Set<string>();
  const failedLines: string[] = [];
  const otherLines: string[] = [];
  const counts = { passed: 0, failed: 0, inconclusive: 0, errors: 0, inARow: 0 };
  let baseline: Series[] | undefined;

  const finish = (phase: Phase, reason: string): MetricOutcome => ({
    passed: phase === 'passed',
    reason: redact(reason),
    failures: [...failedLines, ...otherLines].map(redact),
    warnings: [...warnings].map(redact),
    measurements,
    analysis: {
      query: redact(query),
      ...(probe.min !== undefined ? { min: probe.min } : {}),
      ...(probe.max !== undefined ? { max: probe.max } : {}),
      ...(probe.baseline ? { baseline: { ...probe.baseline } } : {}),
      initialDelayMs: probe.initialDelayMs,
      intervalMs: probe.intervalMs,
      count: probe.count,
      failureLimit: probe.failureLimit,
      consecutiveErrorLimit: probe.consecutiveErrorLimit,
      inconclusiveLimit: probe.inconclusiveLimit,
      noData: probe.noData,
      phase,
      failed: counts.failed,
      inconclusive: counts.inconclusive,
      errors: counts.errors,
    },
    statusCodes,
  });
  const ofCount = (n: number) => `${n} of ${probe.count} measurement${probe.count === 1 ? '' : 's'}`;
  const scheduledAt = (index: number) => startedAt + probe.initialDelayMs + index * probe.intervalMs;
  const ask = (time: number, retryUntil: number): ReturnType<typeof runQuery> => {
    const request: InstantQuery = { url: probe.url, headers, query, time };
    const budget: QueryBudget = {
      policy: context.policy,
      timeoutMs: probe.timeoutMs ?? context.policy.timeoutMs,
      deadlineAt,
      retryUntil,
      signal,
      now,
    };
    return runQuery(request, budget);
  };

  for (let index = 0; index < probe.count; index++) {
    const due = scheduledAt(index);
    if (due > deadlineAt || now() >= deadlineAt) {
      return finish('failed', `deadline reached after ${ofCount(index)}${lastWord(measurements)}`);
    }
    await sleep(Math.max(0, due - now()), signal);
    if (signal.aborted) return finish('failed', `cancelled after ${ofCount(index)}${lastWord(measurements)}`);
    const retryUntil = index + 1 < probe.count ? scheduledAt(index + 1) : deadlineAt;
    const evaluatedAt = now();
    const started = performance.now();
    const record = (fields: Omit<Measurement, 'at' | 'durationMs'>): Measurement => {
      const measurement: Measurement = {
        at: new Date(evaluatedAt).toISOString(),
        ...fields,
        reason: redact(fields.reason),
        values: fields.values.map((value) => ({
          ...value,
          labels: Object.fromEntries(Object.entries(value.labels).map(([k, v]) => [k, redact(v)])),
          ...(value.reason !== undefined ? { reason: redact(value.reason) } : {}),
        })),
        durationMs: Math.round(performance.now() - started),
      };
      measurements.push(measurement);
      context.logger?.debug(
        `${probe.name}: measurement ${index + 1} of ${probe.count}: ${measurement.verdict}: ${measurement.reason}`,
      );
      return measurement;
    };

    // The baseline is evaluated once, with the first measurement that can reach the API.
    let baselineError: string | undefined;
    if (probe.baseline && baseline === undefined) {
      const answer = await ask(context.stepStartedAt - probe.baseline.offsetMs, retryUntil);
      statusCodes.push(...answer.statusCodes);
      if (answer.answer.kind === 'configuration')
        throw new ConfigurationError(redact(`baseline query: ${answer.answer.message}`));
      if (answer.answer.kind === 'error') baselineError = `baseline query: ${attemptsText(answer)}`;
      else {
        baseline = answer.answer.series;
        // No data at the offset: judgeMeasurement warns, and only min/max judge.
        for (const warning of answer.answer.warnings) warnings.add(`Prometheus (baseline): ${warning}`);
      }
    }
    if (signal.aborted) return finish('failed', `cancelled after ${ofCount(index)}${lastWord(measurements)}`);

    let measurement: Measurement;
    const answer = baselineError ? undefined : await ask(evaluatedAt, retryUntil);
    if (answer) statusCodes.push(...answer.statusCodes);
    if (signal.aborted) return finish('failed', `cancelled after ${ofCount(index)}${lastWord(measurements)}`);
    if (answer?.answer.kind === 'configuration') throw new ConfigurationError(redact(answer.answer.message));
    if (!answer || answer.answer.kind === 'error') {
      const reason = baselineError ?? (answer ? attemptsText(answer) : 'no answer');
      measurement = record({ verdict: 'error', values: [], reason, ...baselineField(probe, baseline) });
    } else {
      for (const warning of answer.answer.warnings) warnings.add(`Prometheus: ${warning}`);
      const judgement = judgeMeasurement(answer.answer.series, probe, baseline);
      for (const warning of judgement.warnings) warnings.add(warning);
      measurement = record({
        verdict: judgement.verdict,
        values: judgement.values,
        reason: judgement.reason,
        ...(judgement.baseline !== undefined ? { baseline: judgement.baseline } : {}),
      });
    }

    const line = `measurement ${index + 1} (${measurement.at}): ${measurement.reason}`;
    switch (measurement.verdict) {
      case 'passed':
        counts.passed += 1;
        counts.inARow = 0;
        break;
      case 'failed':
        counts.failed += 1;
        counts.inARow = 0;
        failedLines.push(line);
        if (counts.failed > probe.failureLimit) {
          return finish(
            'failed',
            `${measurement.reason} (${counts.failed} of ${probe.count} measurements failed, ${probe.failureLimit} allowed)`,
          );
        }
        break;
      case 'inconclusive':
        counts.inconclusive += 1;
        counts.inARow = 0;
        otherLines.push(line);
        if (counts.inconclusive > probe.inconclusiveLimit) {
          return finish(
            'inconclusive',
            `inconclusive: ${measurement.reason} (${counts.inconclusive} of ${probe.count} measurements inconclusive, ${probe.inconclusiveLimit} allowed); a gate never promotes on don't know`,
          );
        }
        break;
      case 'error':
        counts.errors += 1;
        counts.inARow += 1;
        otherLines.push(line);
        if (counts.inARow > probe.consecutiveErrorLimit) {
          return finish(
            'error',
            `the query failed ${counts.inARow} time${counts.inARow === 1 ? '' : 's'} in a row (consecutiveErrorLimit ${probe.consecutiveErrorLimit}): ${measurement.reason}`,
          );
        }
        break;
    }
  }

  // Argo Rollouts would pass a window of nothing but query errors; a gate must not promote on no data at all.
  if (counts.errors === probe.count) {
    return finish(
      'error',
      `no measurement could be taken: ${ofCount(counts.errors)} failed to query; last: ${measurements.at(-1)?.reason ?? 'no answer'}`,
    );
  }
  if (counts.errors) warnings.add(`${ofCount(counts.errors)} could not be taken (query errors)`);
  const allowed = [
    ...(counts.failed ? [`${counts.failed} failed, ${probe.failureLimit} allowed`] : []),
    ...(counts.inconclusive
      ? [`${counts.inconclusive} inconclusive, ${probe.inconclusiveLimit} allowed`]
      : []),
    ...(counts.errors ? [`${counts.errors} query errors`] : []),
  ];
  return finish(
    'passed',
    `${counts.passed} of ${probe.count} measurements passed${allowed.length ? ` (${allowed.join('; ')})` : ''}${lastWord(measurements)}`,
  );
}

/**
 * The probe's own headers, templates rendered, and `Authorization: Bearer` from `bearerToken`: nothing
 * of the smoke's headers or bearer token (those are for the service). Secret values are registered.
 */
function requestHeaders(probe: PrometheusProbe, sources: TemplateSources): Record<string, string> {
  const secret = new Set(probe.secretHeaders.map((name) => name.toLowerCase()));
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(probe.headers)) {
    const value = renderMetricTemplate(raw, `header '${name}'`, sources);
    if (secret.has(name.toLowerCase()) && value) sources.onSecret?.(value);
    headers[name] = value;
  }
  if (probe.bearerToken !== undefined) {
    const token = renderMetricTemplate(probe.bearerToken, 'bearerToken', sources);
    if (token) sources.onSecret?.(token);
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
    headers.authorization = `Bearer ${token}`;
  }
  return headers;
}

function attemptsText(outcome: QueryOutcome): string {
  const message = outcome.answer.kind === 'data' ? 'no answer' : outcome.answer.message;
  return outcome.attempts > 1 ? `${message} after ${outcome.attempts} attempts` : message;
}

function baselineField(probe: PrometheusProbe, baseline: Series[] | undefined): { baseline?: number | null } {
  if (!probe.baseline) return {};
  const only = baseline?.length === 1 ? baseline[0]!.value : undefined;
  return { baseline: typeof only === 'number' ? only : null };
}

/** `; last: 0.002 within max 0.01`, the last measurement's reason. */
function lastWord(measurements: Measurement[]): string {
  const last = measurements.at(-1);
  return last ? `; last: ${last.reason}` : '';
}
