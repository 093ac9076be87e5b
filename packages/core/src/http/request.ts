import { type IncomingMessage, request as plainRequest } from 'node:http';
import { request as tlsRequest } from 'node:https';
import {
  connectionFailure,
  DEFAULT_BODY_LIMIT,
  flattenHeaders,
  HttpFailure,
  type HttpRequest,
  type HttpResponse,
} from './exchange.js';

/**
 * Sends one request; never follows redirects (callers decide) and never waits past `timeoutMs`.
 *
 * Direct requests use Node's own HTTP client: its parser is native, so the first request of a process
 * costs nothing extra (a WebAssembly parser is compiled on first use otherwise, which doubled an action's
 * cold start). `localhost` works whether the server listens on 127.0.0.1 or ::1 (Node's default
 * autoSelectFamily). When HTTP(S)_PROXY applies to the URL (self-hosted runners), the request goes through
 * undici's proxy agent instead, loaded only then.
 */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  if (req.signal?.aborted) throw new HttpFailure('aborted', 'request cancelled', 0);
  const url = new URL(req.url);
  if (proxyApplies(url)) {
    const { proxiedRequest } = await import('./proxied.js');
    return proxiedRequest(req, started);
  }
  const limit = req.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const send = url.protocol === 'https:' ? tlsRequest : plainRequest;
  // Throws at once for a request Node refuses to send (e.g. a header value with a line break).
  const request = send(url, { method: (req.method ?? 'GET').toUpperCase(), headers: req.headers });
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (failure: HttpFailure) => {
      finish(() => reject(failure));
      request.destroy();
    };
    const timer = setTimeout(
      () =>
        fail(
          new HttpFailure('timeout', `no complete answer within ${req.timeoutMs}ms`, elapsed(), 'TIMEOUT'),
        ),
      req.timeoutMs,
    );
    const onAbort = () => fail(new HttpFailure('aborted', 'request cancelled', elapsed()));
    req.signal?.addEventListener('abort', onAbort, { once: true });

    request.on('error', (error) => fail(connectionFailure(error, elapsed())));
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (bodyTruncated: boolean) =>
        finish(() =>
          resolve({
            status: response.statusCode ?? 0,
            headers: flattenHeaders(response.headers),
            body: Buffer.concat(chunks, size),
            bodyTruncated,
            durationMs: elapsed(),
          }),
        );
      response.on('data', (chunk: Buffer) => {
        const room = limit - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size = limit;
          done(true);
          // Discard the rest: closing the connection stops a huge or endless body.
          response.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', () => done(false));
      response.on('error', (error) => fail(connectionFailure(error, elapsed())));
      response.on('aborted', () =>
        fail(new HttpFailure('connection', 'connection failed: connection closed by peer', elapsed())),
      );
    });
    request.end(req.body);
  });
}

/** Whether HTTP(S)_PROXY applies to this URL, honouring NO_PROXY (host, .domain, host:port, `*`). */
export function proxyApplies(url: URL, env: NodeJS.ProcessEnv = process.env): boolean {
  const proxy =
    url.protocol === 'https:'
      ? (env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy)
      : (env.HTTP_PROXY ?? env.http_proxy);
  if (!proxy) return false;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '').split(/[\s,]+/).filter(Boolean);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return !noProxy.some((entry) => {
    if (entry === '*') return true;
    const { name, entryPort } = splitHostPort(entry.toLowerCase().replace(/^\*/, ''));
    if (entryPort && entryPort !== port) return false;
    const bare = name.replace(/^\./, '');
    return host === bare || host.endsWith(`.${bare}`);
  });
}

/** `host`, `host:port`, `[v6]:port` or a bare IPv6 address. */
function splitHostPort(entry: string): { name: string; entryPort?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1] ?? '', entryPort: bracketed[2] };
  const colons = entry.split(':').length - 1;
  if (colons !== 1) return { name: entry };
  const [name = '', entryPort] = entry.split(':');
  return { name, entryPort };
}

/** True for answers worth trying again: 5xx, 429 and 408. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}
