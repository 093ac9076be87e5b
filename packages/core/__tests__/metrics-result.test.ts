import { queryEndpoint } from '../src/probes/metrics/query.js';
import {
  formatLabels,
  formatValue,
  parseQueryAnswer,
  type QueryAnswer,
  seriesKey,
} from '../src/probes/metrics/result.js';

const success = (data: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ status: 'success', data, ...extra });

describe('parseQueryAnswer', () => {
  const cases: Array<[string, number, string, Partial<QueryAnswer> & Record<string, unknown>]> = [
    [
      'a vector: one series per element, labels kept',
      200,
      success({
        resultType: 'vector',
        result: [
          { metric: { job: 'shop', code: '500' }, value: [1700000000.5, '0.034'] },
          { metric: { job: 'shop', code: '502' }, value: [1700000000.5, '1e-3'] },
        ],
      }),
      {
        kind: 'data',
        resultType: 'vector',
        series: [
          { labels: { job: 'shop', code: '500' }, value: 0.034 },
          { labels: { job: 'shop', code: '502' }, value: 0.001 },
        ],
      },
    ],
    [
      'a scalar: one value without labels',
      200,
      success({ resultType: 'scalar', result: [1700000000, '42'] }),
      { kind: 'data', resultType: 'scalar', series: [{ labels: {}, value: 42 }] },
    ],
    [
      'a one-element vector (a sum)',
      200,
      success({ resultType: 'vector', result: [{ metric: {}, value: [1, '0.5'] }] }),
      { kind: 'data', series: [{ labels: {}, value: 0.5 }] },
    ],
    [
      'NaN, +Inf and -Inf stay as Prometheus writes them',
      200,
      success({
        resultType: 'vector',
        result: [
          { metric: { a: '1' }, value: [1, 'NaN'] },
          { metric: { a: '2' }, value: [1, '+Inf'] },
          { metric: { a: '3' }, value: [1, '-Inf'] },
        ],
      }),
      {
        kind: 'data',
        series: [
          { labels: { a: '1' }, value: 'NaN' },
          { labels: { a: '2' }, value: '+Inf' },
          { labels: { a: '3' }, value: '-Inf' },
        ],
      },
    ],
    [
      'an empty vector is no data',
      200,
      success({ resultType: 'vector', result: [] }),
      { kind: 'data', series: [] },
    ],
    [
      'Prometheus warnings are kept',
      200,
      success({ resultType: 'vector', result: [] }, { warnings: ['partial response'] }),
      { kind: 'data', warnings: ['partial response'] },
    ],
  ];
  test.each(cases)('%s', (_name, status, body, expected) => {
    expect(parseQueryAnswer(status, body)).toMatchObject(expected);
  });

  test('a matrix is refused as a configuration error with the fix', () => {
    const answer = parseQueryAnswer(
      200,
      success({ resultType: 'matrix', result: [{ metric: {}, values: [[1, '1']] }] }),
    );
    expect(answer).toEqual({
      kind: 'configuration',
      message:
        'the query returns a range (matrix); use an instant vector or scalar query, e.g. wrap a range in rate()',
    });
  });

  test('a string result is refused', () => {
    const answer = parseQueryAnswer(200, success({ resultType: 'string', result: [1, 'hello'] }));
    expect(answer).toMatchObject({ kind: 'configuration' });
    expect((answer as { message: string }).message).toContain('returns a string; use an instant vector');
  });

  test('bad_data (HTTP 400) is a PromQL syntax error quoting Prometheus', () => {
    const body = JSON.stringify({
      status: 'error',
      errorType: 'bad_data',
      error: 'invalid parameter "query": 1:5: parse error: unexpected <by>',
    });
    expect(parseQueryAnswer(400, body)).toEqual({
      kind: 'configuration',
      message:
        'the query is not valid PromQL (Prometheus answered HTTP 400 bad_data): invalid parameter "query": 1:5: parse error: unexpected <by>',
    });
  });

  test('other error bodies are query errors; 503 is retryable, 422 execution is not', () => {
    const unavailable = parseQueryAnswer(
      503,
      JSON.stringify({ status: 'error', errorType: 'unavailable', error: 'not ready' }),
    );
    expect(unavailable).toEqual({
      kind: 'error',
      message: 'Prometheus answered HTTP 503 unavailable: not ready',
      retryable: true,
    });
    const execution = parseQueryAnswer(
      422,
      JSON.stringify({ status: 'error', errorType: 'execution', error: 'many-to-many matching not allowed' }),
    );
    expect(execution).toMatchObject({ kind: 'error', retryable: false });
  });

  test('a body that is not JSON is a query error naming the status and a snippet', () => {
    const answer = parseQueryAnswer(502, '<html><body>Bad Gateway</body></html>');
    expect(answer).toMatchObject({ kind: 'error', retryable: true });
    expect((answer as { message: string }).message).toBe(
      "HTTP 502 with a body that is not JSON (<html><body>Bad Gateway</body></html>); is url the Prometheus API's base URL?",
    );
    expect(parseQueryAnswer(401, 'denied')).toMatchObject({
      kind: 'error',
      retryable: false,
      message: "HTTP 401 with a body that is not JSON (denied); check the probe's bearerToken and headers",
    });
  });

  test('a truncated body is an error that says to narrow the query', () => {
    expect(parseQueryAnswer(200, '{"status":"succ', true)).toMatchObject({
      kind: 'error',
      retryable: false,
      message: expect.stringContaining('larger than the body limit'),
    });
  });

  test('native histogram samples are refused with the fix', () => {
    const answer = parseQueryAnswer(
      200,
      success({ resultType: 'vector', result: [{ metric: {}, histogram: [1, { count: '3' }] }] }),
    );
    expect(answer).toMatchObject({ kind: 'configuration' });
    expect((answer as { message: string }).message).toContain('histogram_quantile');
  });
});

describe('labels, values and the endpoint', () => {
  test('labels print sorted, Prometheus style, with the metric name in front', () => {
    expect(formatLabels({ job: 'shop', code: '500' })).toBe('{code="500",job="shop"}');
    expect(formatLabels({ __name__: 'up', job: 'shop' })).toBe('up{job="shop"}');
    expect(formatLabels({})).toBe('{}');
  });

  test('series match by identical labels in any order', () => {
    expect(seriesKey({ a: '1', b: '2' })).toBe(seriesKey({ b: '2', a: '1' }));
    expect(seriesKey({ a: '1' })).not.toBe(seriesKey({ a: '2' }));
  });

  test('values print with up to 6 significant digits', () => {
    expect(formatValue(0.0341234567)).toBe('0.0341235');
    expect(formatValue(12)).toBe('12');
    expect(formatValue('NaN')).toBe('NaN');
  });

  test('the query endpoint keeps a path prefix and does not double /api/v1', () => {
    expect(queryEndpoint('https://prom.example.com')).toBe('https://prom.example.com/api/v1/query');
    expect(queryEndpoint('https://mimir.example.com/prometheus/')).toBe(
      'https://mimir.example.com/prometheus/api/v1/query',
    );
    expect(queryEndpoint('https://prom.example.com/api/v1')).toBe('https://prom.example.com/api/v1/query');
    expect(queryEndpoint('https://prom.example.com/api/v1/query')).toBe(
      'https://prom.example.com/api/v1/query',
    );
  });
});
