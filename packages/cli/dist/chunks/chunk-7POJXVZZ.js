import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// packages/core/src/http/exchange.ts
var DEFAULT_BODY_LIMIT = 1024 * 1024;
var HttpFailure = class extends Error {
  constructor(kind, message, durationMs, code) {
    super(message);
    this.kind = kind;
    this.durationMs = durationMs;
    this.code = code;
  }
  kind;
  durationMs;
  code;
  name = "HttpFailure";
};
function flattenHeaders(headers) {
  const out = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== void 0) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
function connectionFailure(error, durationMs) {
  if (error instanceof HttpFailure) return error;
  const cause = error.cause;
  const code = cause?.code ?? error.code;
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return new HttpFailure("connection", `connection failed: ${describeCode(detail)}`, durationMs, code);
}
function describeCode(code) {
  const known = {
    ECONNREFUSED: "connection refused (ECONNREFUSED)",
    ECONNRESET: "connection reset by peer (ECONNRESET)",
    UND_ERR_SOCKET: "connection closed by peer",
    ENOTFOUND: "host not found (ENOTFOUND)",
    EAI_AGAIN: "DNS lookup failed (EAI_AGAIN)",
    EHOSTUNREACH: "host unreachable (EHOSTUNREACH)",
    ETIMEDOUT: "connect timed out (ETIMEDOUT)",
    CERT_HAS_EXPIRED: "TLS certificate has expired",
    DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed TLS certificate (set NODE_EXTRA_CA_CERTS)",
    SELF_SIGNED_CERT_IN_CHAIN: "self-signed TLS certificate in chain (set NODE_EXTRA_CA_CERTS)",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS certificate not trusted (set NODE_EXTRA_CA_CERTS)"
  };
  return known[code] ?? code;
}

export {
  DEFAULT_BODY_LIMIT,
  HttpFailure,
  flattenHeaders,
  connectionFailure
};
