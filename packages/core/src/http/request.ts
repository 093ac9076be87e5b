import { Agent, type Dispatcher, EnvHttpProxyAgent, request } from 'undici';

/** Bodies are read up to this many bytes; the rest is discarded and the connection closed. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Covers connect, headers and the whole body: no call can outlive it. */
  timeoutMs: number;
  bodyLimit?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  bodyTruncated: boolean;
  durationMs: number;
}

export type HttpFailureKind = 'timeout' | 'connection' | 'aborted';

/** A request that got no complete answer: it timed out, the connection failed, or it was cancelled. */
export class HttpFailure extends Error {
  override name = 'HttpFailure';
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
    readonly durationMs: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

let dispatcher: Dispatcher | undefined;

/**
 * One dispatcher per process. HTTP(S)_PROXY / NO_PROXY are honoured when set (self-hosted runners);
 * `autoSelectFamily` makes `localhost` work whether the server listens on 127.0.0.1 or ::1.
 */
function sharedDispatcher(): Dispatcher {
  if (!dispatcher) {
    const env = process.env;
    const proxied = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
    const options = { autoSelectFamily: true, autoSelectFamilyAttemptTimeout: 250 };
    dispatcher = proxied ? new EnvHttpProxyAgent(options) : new Agent(options);
  }
  return dispatcher;
}

/** Sends one request; never follows redirects (callers decide) and never waits past `timeoutMs`. */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), req.timeoutMs);
  const onCallerAbort = () => controller.abort(new Error('aborted'));
  req.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const limit = req.bodyLimit ?? DEFAULT_BODY_LIMIT;
  try {
    const response = await request(req.url, {
      method: (req.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod,
      headers: req.headers,
      body: req.body,
      signal: controller.signal,
      dispatcher: sharedDispatcher(),
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let bodyTruncated = false;
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      const room = limit - size;
      if (buffer.length >= room) {
        chunks.push(buffer.subarray(0, room));
        size = limit;
        bodyTruncated = true;
        response.body.destroy();
        break;
      }
      chunks.push(buffer);
      size += buffer.length;
    }
    return {
      status: response.statusCode,
      headers: flattenHeaders(response.headers),
      body: Buffer.concat(chunks, size),
      bodyTruncated,
      durationMs: elapsed(),
    };
  } catch (error) {
    throw toFailure(error, controller.signal, req.timeoutMs, elapsed());
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function toFailure(error: unknown, signal: AbortSignal, timeoutMs: number, durationMs: number): HttpFailure {
  if (error instanceof HttpFailure) return error;
  const code = (error as { code?: string }).code;
  if (signal.aborted) {
    const reason = (signal.reason as Error | undefined)?.message;
    return reason === 'aborted'
      ? new HttpFailure('aborted', 'request cancelled', durationMs)
      : new HttpFailure('timeout', `no complete answer within ${timeoutMs}ms`, durationMs, 'TIMEOUT');
  }
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new HttpFailure('timeout', `no complete answer within ${timeoutMs}ms`, durationMs, code);
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? code ?? (error instanceof Error ? error.message : String(error));
  return new HttpFailure(
    'connection',
    `connection failed: ${describeCode(detail)}`,
    durationMs,
    cause?.code ?? code,
  );
}

function describeCode(code: string): string {
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused (ECONNREFUSED)',
    ECONNRESET: 'connection reset by peer (ECONNRESET)',
    UND_ERR_SOCKET: 'connection closed by peer',
    ENOTFOUND: 'host not found (ENOTFOUND)',
    EAI_AGAIN: 'DNS lookup failed (EAI_AGAIN)',
    EHOSTUNREACH: 'host unreachable (EHOSTUNREACH)',
    ETIMEDOUT: 'connect timed out (ETIMEDOUT)',
    CERT_HAS_EXPIRED: 'TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate (set NODE_EXTRA_CA_CERTS)',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted (set NODE_EXTRA_CA_CERTS)',
  };
  return known[code] ?? code;
}

/** True for answers worth trying again: 5xx, 429 and 408. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}
