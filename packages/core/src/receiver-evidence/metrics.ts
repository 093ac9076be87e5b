import { httpRequest } from '../http/request.js';

/**
 * The reference receiver's callback counter, labelled `environment` and `state` (the event's
 * rollbackCallbackState): the alert rules count `state="failed"` as a callback failure.
 */
export const CALLBACK_COUNTER = 'release_gate_rollback_callback_events_total';

export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?\s*$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g;

/** Parses the Prometheus text exposition format (comments and malformed lines are skipped). */
export function parsePrometheusText(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(LABEL)) {
      labels[label[1]!] = label[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    }
    const value = Number(match[3]);
    if (!Number.isNaN(value)) samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}

/** Sum of every series of `name` whose labels include all of `match`. */
export function sumCounter(samples: MetricSample[], name: string, match: Record<string, string>): number {
  let total = 0;
  for (const sample of samples) {
    if (sample.name !== name) continue;
    if (Object.entries(match).every(([key, value]) => sample.labels[key] === value)) total += sample.value;
  }
  return total;
}

/** Reads the callback counter for one environment (all states) from a metrics endpoint. */
export async function readCallbackCounter(
  metricsUrl: string,
  environment: string,
  options: { timeoutMs: number; headers?: Record<string, string> },
): Promise<number> {
  const response = await httpRequest({
    url: metricsUrl,
    headers: { accept: 'text/plain', ...options.headers },
    timeoutMs: options.timeoutMs,
  });
  if (response.status < 200 || response.status > 299)
    throw new Error(`metrics endpoint answered ${response.status}`);
  return sumCounter(parsePrometheusText(response.body.toString('utf8')), CALLBACK_COUNTER, { environment });
}
