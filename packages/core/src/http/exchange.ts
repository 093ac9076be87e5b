/** What a request and its answer are, shared by the direct client and the proxied one. */

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

export function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function connectionFailure(error: unknown, durationMs: number): HttpFailure {
  if (error instanceof HttpFailure) return error;
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return new HttpFailure('connection', `connection failed: ${describeCode(detail)}`, durationMs, code);
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
    SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in chain (set NODE_EXTRA_CA_CERTS)',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted (set NODE_EXTRA_CA_CERTS)',
  };
  return known[code] ?? code;
}
