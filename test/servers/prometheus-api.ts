import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A stand-in for a Prometheus HTTP API's instant queries (`<any prefix>/api/v1/query`, GET with query
 * parameters or POST with a form body), on 127.0.0.1 port 0, for `npm test` tests that do not need a real
 * Prometheus. The test says what each query answers; every request is recorded.
 */

/** A sample's value as Prometheus writes it: a number, or one of its special floats. */
export type SampleValue = number | 'NaN' | '+Inf' | '-Inf';

export type PrometheusAnswer = (
  | { /** A vector of one series without labels (what `sum(...)` answers). */ value: SampleValue }
  | { vector: Array<{ labels: Record<string, string>; value: SampleValue }> }
  | { scalar: SampleValue }
  | {
      /** Refused by a metric probe: instant queries only. */ matrix: Array<{
        labels: Record<string, string>;
      }>;
    }
  | { /** An empty vector: no series matched. */ empty: true }
  | { /** 400 `bad_data`, as Prometheus answers a PromQL syntax error. */ badData: string }
  | {
      /** An error status (e.g. 503), with Prometheus' error body. */ status: number;
      retryAfter?: string;
      error?: string;
    }
) & {
  /** Wait this long before answering (a slow backend; longer than the client's timeout to time it out). */
  delayMs?: number;
};

/** One request as the stand-in received it. */
export interface RecordedQuery {
  method: string;
  /** The path without the query string (e.g. `/prometheus/api/v1/query`). */
  path: string;
  /** The query parameters (GET) or the form fields (POST), e.g. `{ query, time }`. */
  form: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** When it arrived (epoch ms). */
  at: number;
}

/** Decides the answer to a request: the test's rule for one query. */
export type Responder = PrometheusAnswer | ((request: RecordedQuery) => PrometheusAnswer);

export interface PrometheusApi {
  /** Base URL, e.g. `http://127.0.0.1:39211` (a probe's `url`; `/api/v1/query` is appended by the client). */
  url: string;
  /** Every request, in order. */
  requests: RecordedQuery[];
  /** Requests for a query no rule matched (answered 400 bad_data naming the query). */
  unmatched: RecordedQuery[];
  /**
   * Sets how a query is answered: `match` is the query text (compared with runs of whitespace as one
   * space, as PromQL reads them, so a YAML block's line breaks do not matter), a RegExp, or a predicate;
   * a later rule for the same query wins. An array is answered in turn,
   * its last entry from then on.
   */
  answer(match: string | RegExp | ((query: string) => boolean), responder: Responder | Responder[]): void;
  /** Requests whose `query` field matched. */
  queries(match?: string | RegExp): RecordedQuery[];
  close(): Promise<void>;
}

interface Rule {
  matches: (query: string) => boolean;
  responders: Responder[];
  served: number;
}

/** Prometheus' evaluation time for a request: the `time` field (RFC 3339 or Unix seconds), else now. */
export function evaluationTime(form: Record<string, string>, at = Date.now()): number {
  const raw = form.time;
  if (raw === undefined || raw === '') return at / 1000;
  const seconds = Number(raw);
  return Number.isFinite(seconds) ? seconds : Date.parse(raw) / 1000;
}

const sample = (value: SampleValue) => String(value);

/** Two queries that differ only in whitespace (line breaks, indentation) are the same query. */
const sameQuery = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

function body(
  answer: PrometheusAnswer,
  time: number,
): { status: number; json: unknown; headers?: Record<string, string> } {
  if ('badData' in answer)
    return { status: 400, json: { status: 'error', errorType: 'bad_data', error: answer.badData } };
  if ('status' in answer) {
    return {
      status: answer.status,
      json: {
        status: 'error',
        errorType: 'unavailable',
        error: answer.error ?? `stand-in answered ${answer.status}`,
      },
      ...(answer.retryAfter !== undefined ? { headers: { 'retry-after': answer.retryAfter } } : {}),
    };
  }
  const success = (data: unknown) => ({ status: 200, json: { status: 'success', data } });
  if ('scalar' in answer) return success({ resultType: 'scalar', result: [time, sample(answer.scalar)] });
  if ('empty' in answer) return success({ resultType: 'vector', result: [] });
  if ('matrix' in answer) {
    return success({
      resultType: 'matrix',
      result: answer.matrix.map((series) => ({
        metric: series.labels,
        values: [
          [time - 15, '1'],
          [time, '1'],
        ],
      })),
    });
  }
  const series = 'value' in answer ? [{ labels: {}, value: answer.value }] : answer.vector;
  return success({
    resultType: 'vector',
    result: series.map((s) => ({ metric: s.labels, value: [time, sample(s.value)] })),
  });
}

async function readForm(req: IncomingMessage, url: URL): Promise<Record<string, string>> {
  const form = Object.fromEntries(url.searchParams);
  if (req.method !== 'POST') return form;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return { ...form, ...Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) };
}

export async function startPrometheusApi(): Promise<PrometheusApi> {
  const requests: RecordedQuery[] = [];
  const unmatched: RecordedQuery[] = [];
  const rules: Rule[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(json));
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://prometheus');
    const request: RecordedQuery = {
      method: req.method ?? 'GET',
      path: url.pathname,
      form: await readForm(req, url),
      headers: { ...req.headers },
      at: Date.now(),
    };
    requests.push(request);
    if (!url.pathname.endsWith('/api/v1/query'))
      return send(res, 404, { status: 'error', errorType: 'not_found', error: `no ${url.pathname} here` });
    if (request.method !== 'GET' && request.method !== 'POST')
      return send(res, 405, { status: 'error', errorType: 'bad_data', error: `method ${request.method}` });
    const query = request.form.query ?? '';
    const rule = [...rules].reverse().find((r) => r.matches(query));
    if (!rule) {
      unmatched.push(request);
      return send(res, 400, {
        status: 'error',
        errorType: 'bad_data',
        error: `stand-in: no answer set for query ${JSON.stringify(query)}`,
      });
    }
    const responder = rule.responders[Math.min(rule.served, rule.responders.length - 1)]!;
    rule.served += 1;
    const answer = typeof responder === 'function' ? responder(request) : responder;
    const reply = body(answer, evaluationTime(request.form, request.at));
    const respond = () => send(res, reply.status, reply.json, reply.headers);
    if (!answer.delayMs) return respond();
    const timer = setTimeout(() => {
      timers.delete(timer);
      respond();
    }, answer.delayMs);
    timers.add(timer);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const toMatcher = (match: string | RegExp | ((query: string) => boolean)) =>
    typeof match === 'function'
      ? match
      : match instanceof RegExp
        ? (query: string) => match.test(query)
        : (query: string) => sameQuery(query, match);

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    unmatched,
    answer(match, responder) {
      rules.push({
        matches: toMatcher(match),
        responders: Array.isArray(responder) ? responder : [responder],
        served: 0,
      });
    },
    queries(match) {
      const matches = match === undefined ? () => true : toMatcher(match);
      return requests.filter((r) => r.form.query !== undefined && matches(r.form.query));
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
