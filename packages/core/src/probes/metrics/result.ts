/*
 * Reads a Prometheus HTTP API answer to an instant query (`/api/v1/query`): the JSON envelope
 * `{ status, data: { resultType, result }, errorType, error, warnings }`. Pure: no I/O, no clock.
 */

/** A sample value as Prometheus writes it: a number, or one of the three non-finite spellings. */
export type SampleValue = number | 'NaN' | '+Inf' | '-Inf';

export interface Series {
  labels: Record<string, string>;
  value: SampleValue;
}

export type QueryAnswer =
  /** Data: one entry per series (a scalar is one series without labels); empty means no data. */
  | { kind: 'data'; series: Series[]; resultType: 'vector' | 'scalar'; warnings: string[] }
  /** A mistake in the query that no retry fixes: a PromQL syntax error, a range or string result. */
  | { kind: 'configuration'; message: string }
  /** Anything else: retried within the policy, then the measurement is an error. */
  | { kind: 'error'; message: string; retryable: boolean };

const RANGE_HINT = 'use an instant vector or scalar query, e.g. wrap a range in rate()';

/** Reads one answer: its HTTP status and body (`truncated` when the body limit cut it). */
export function parseQueryAnswer(status: number, body: string, truncated = false): QueryAnswer {
  if (truncated) {
    return {
      kind: 'error',
      message: `the answer is larger than the body limit; narrow the query (e.g. sum by (code) (...))`,
      retryable: false,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {
      kind: 'error',
      message: `HTTP ${status} with a body that is not JSON (${snippet(body)})${statusHint(status) || "; is url the Prometheus API's base URL?"}`,
      retryable: status >= 500 || status === 429 || status === 408 || (status >= 200 && status < 300),
    };
  }
  const envelope = (json ?? {}) as {
    status?: unknown;
    data?: { resultType?: unknown; result?: unknown };
    errorType?: unknown;
    error?: unknown;
    warnings?: unknown;
  };
  if (envelope.status === 'error') {
    const text = typeof envelope.error === 'string' ? envelope.error : 'no error text';
    if (envelope.errorType === 'bad_data') {
      return {
        kind: 'configuration',
        message: `the query is not valid PromQL (Prometheus answered HTTP ${status} bad_data): ${text}`,
      };
    }
    return {
      kind: 'error',
      message: `Prometheus answered HTTP ${status} ${String(envelope.errorType ?? 'error')}: ${text}`,
      retryable: status >= 500 || status === 429 || status === 408,
    };
  }
  if (envelope.status !== 'success' || status < 200 || status >= 300 || !envelope.data) {
    return {
      kind: 'error',
      message: `HTTP ${status} without a Prometheus answer (${snippet(body)})${statusHint(status)}`,
      retryable: status >= 500 || status === 429 || status === 408,
    };
  }
  const warnings = Array.isArray(envelope.warnings) ? envelope.warnings.map(String) : [];
  const { resultType, result } = envelope.data;
  if (resultType === 'matrix') {
    return { kind: 'configuration', message: `the query returns a range (matrix); ${RANGE_HINT}` };
  }
  if (resultType === 'string') {
    return { kind: 'configuration', message: `the query returns a string; ${RANGE_HINT}` };
  }
  if (resultType === 'scalar') {
    const value = sampleValue((result as unknown[] | undefined)?.[1]);
    if (value === undefined) return malformed('a scalar without a value');
    return { kind: 'data', resultType: 'scalar', series: [{ labels: {}, value }], warnings };
  }
  if (resultType !== 'vector' || !Array.isArray(result)) {
    return malformed(`resultType '${String(resultType)}'`);
  }
  const series: Series[] = [];
  for (const item of result as Array<{ metric?: unknown; value?: unknown[]; histogram?: unknown }>) {
    if (item?.histogram !== undefined && item.value === undefined) {
      return {
        kind: 'configuration',
        message:
          'the query returns native histogram samples, which have no single value; wrap it, e.g. histogram_quantile(0.99, ...) or histogram_count(...)',
      };
    }
    const value = sampleValue(item?.value?.[1]);
    if (value === undefined) return malformed('a series without a value');
    series.push({ labels: labelsOf(item.metric), value });
  }
  return { kind: 'data', resultType: 'vector', series, warnings };
}

/** What to check for an answer that says the request itself was wrong. */
function statusHint(status: number): string {
  if (status === 401 || status === 403) return "; check the probe's bearerToken and headers";
  if (status >= 300 && status < 400)
    return '; redirects are not followed (the token must not travel): give the final URL';
  if (status === 404) return '; url is the API base, without /api/v1 (e.g. https://prometheus.example.com)';
  return '';
}

function malformed(what: string): QueryAnswer {
  return { kind: 'error', message: `not an instant query answer: ${what}`, retryable: false };
}

/** `"0.25"` -> 0.25; the non-finite spellings are kept as text. */
function sampleValue(raw: unknown): SampleValue | undefined {
  if (raw === 'NaN' || raw === '+Inf' || raw === '-Inf') return raw;
  if (raw === 'Inf') return '+Inf';
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

function labelsOf(metric: unknown): Record<string, string> {
  if (!metric || typeof metric !== 'object') return {};
  return Object.fromEntries(Object.entries(metric).map(([name, value]) => [name, String(value)]));
}

function snippet(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (!text) return 'empty';
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}

/** `{code="500",job="shop"}` (sorted), with the metric name in front when the series has one. */
export function formatLabels(labels: Record<string, string>): string {
  const { __name__: name, ...rest } = labels;
  const pairs = Object.keys(rest)
    .sort()
    .map((key) => `${key}=${JSON.stringify(rest[key])}`);
  return `${name ?? ''}{${pairs.join(',')}}`;
}

/** The key two series match by: identical labels (order does not matter). */
export function seriesKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((key) => [key, labels[key]]),
  );
}

/** A value for a reason: up to 6 significant digits, non-finite values as Prometheus writes them. */
export function formatValue(value: SampleValue): string {
  if (typeof value === 'string') return value;
  return String(Number(value.toPrecision(6)));
}
