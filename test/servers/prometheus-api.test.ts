// The Prometheus API stand-in answers as Prometheus' /api/v1/query does, so tests built on it judge what a
// real server would send.
import { type PrometheusApi, startPrometheusApi } from './prometheus-api.js';

let api: PrometheusApi;
beforeEach(async () => {
  api = await startPrometheusApi();
});
afterEach(async () => api.close());

const post = (form: Record<string, string>, headers: Record<string, string> = {}, path = '/api/v1/query') =>
  fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });

test('a POST form and a GET with parameters are answered and recorded (method, path, fields, headers)', async () => {
  api.answer('sum(rate(errors[2m]))', { value: 0.004 });
  const posted = await post(
    { query: ' sum(rate(errors[2m]))\n', time: '1700000000' },
    { authorization: 'Bearer t' },
  );
  expect(posted.status).toBe(200);
  expect(await posted.json()).toEqual({
    status: 'success',
    data: { resultType: 'vector', result: [{ metric: {}, value: [1700000000, '0.004'] }] },
  });
  const got = await fetch(
    `${api.url}/prometheus/api/v1/query?query=${encodeURIComponent('sum(rate(errors[2m]))')}`,
  );
  expect(((await got.json()) as { data: { result: unknown[] } }).data.result).toHaveLength(1);
  expect(api.requests.map((r) => [r.method, r.path])).toEqual([
    ['POST', '/api/v1/query'],
    ['GET', '/prometheus/api/v1/query'],
  ]);
  expect(api.requests[0]!.form).toEqual({ query: ' sum(rate(errors[2m]))\n', time: '1700000000' });
  expect(api.requests[0]!.headers.authorization).toBe('Bearer t');
  expect(api.queries('sum(rate(errors[2m]))')).toHaveLength(2);
  expect(api.unmatched).toEqual([]);
});

test('vectors of labelled series, scalars, special floats, empty results and matrices', async () => {
  api.answer(/by \(pod\)/, {
    vector: [
      { labels: { pod: 'a' }, value: 0.1 },
      { labels: { pod: 'b' }, value: 'NaN' },
    ],
  });
  api.answer('scalar(x)', { scalar: '+Inf' });
  api.answer('absent', { empty: true });
  api.answer('x[5m]', { matrix: [{ labels: { job: 'shop' } }] });
  const data = async (query: string) =>
    (
      (await (await post({ query, time: '2026-12-02T13:00:00Z' })).json()) as {
        data: Record<string, unknown>;
      }
    ).data;
  const at = Date.parse('2026-12-02T13:00:00Z') / 1000;
  expect(await data('sum by (pod) (x)')).toEqual({
    resultType: 'vector',
    result: [
      { metric: { pod: 'a' }, value: [at, '0.1'] },
      { metric: { pod: 'b' }, value: [at, 'NaN'] },
    ],
  });
  expect(await data('scalar(x)')).toEqual({ resultType: 'scalar', result: [at, '+Inf'] });
  expect(await data('absent')).toEqual({ resultType: 'vector', result: [] });
  expect((await data('x[5m]')).resultType).toBe('matrix');
});

test('errors: 400 bad_data, a 503 with Retry-After, an unmatched query named; answers in turn; a delay', async () => {
  api.answer('sum(', { badData: '1:5: parse error: unclosed left parenthesis' });
  api.answer('flaky', [{ status: 503, retryAfter: '1' }, { value: 1 }]);
  api.answer('slow', { value: 1, delayMs: 300 });
  const bad = await post({ query: 'sum(' });
  expect(bad.status).toBe(400);
  expect(await bad.json()).toEqual({
    status: 'error',
    errorType: 'bad_data',
    error: '1:5: parse error: unclosed left parenthesis',
  });
  const first = await post({ query: 'flaky' });
  expect([first.status, first.headers.get('retry-after')]).toEqual([503, '1']);
  expect((await post({ query: 'flaky' })).status).toBe(200);
  expect((await post({ query: 'flaky' })).status).toBe(200);
  const started = Date.now();
  expect((await post({ query: 'slow' })).status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  const unknown = await post({ query: 'up' });
  expect(unknown.status).toBe(400);
  expect(JSON.stringify(await unknown.json())).toContain('no answer set for query \\"up\\"');
  expect(api.unmatched.map((r) => r.form.query)).toEqual(['up']);
});

test('a responder sees the request: an answer by evaluation time (a baseline an hour back)', async () => {
  const now = Date.now() / 1000;
  api.answer('rate', (request) => ({ value: Number(request.form.time) < now - 1800 ? 0.001 : 0.003 }));
  const value = async (time: number) =>
    (
      (await (await post({ query: 'rate', time: String(time) })).json()) as {
        data: { result: Array<{ value: [number, string] }> };
      }
    ).data.result[0]!.value[1];
  expect(await value(now - 3600)).toBe('0.001');
  expect(await value(now)).toBe('0.003');
});

test('close ends a request still waiting for its delay', async () => {
  api.answer('hangs', { value: 1, delayMs: 60_000 });
  const pending = post({ query: 'hangs' }).catch((error: unknown) => error);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await api.close();
  // A TypeError from fetch (another realm than the test's Error), not a Response.
  expect(await pending).toHaveProperty('message', expect.stringMatching(/fetch failed/));
  api = await startPrometheusApi();
});
