import type { Logger } from '../../logger.js';
import type { PrometheusProbe, SmokePolicy } from '../schema.js';
import type { MetricOutcome, MetricTemplateValues } from './types.js';

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

/**
 * Runs a metric probe's analysis window: `initialDelay`, then `count` measurements `interval` apart, each
 * an instant query judged per series. Throws ConfigurationError for what no retry can fix (a PromQL syntax
 * error, a baseline of 0 without `max`).
 */
export async function runMetricProbe(
  probe: PrometheusProbe,
  context: MetricRunContext,
): Promise<MetricOutcome> {
  void probe;
  void context;
  throw new Error('metric probes are not implemented yet');
}
