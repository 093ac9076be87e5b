import { splitList } from '../list.js';
import { redactUrl } from '../redact.js';
import type { AttemptProbeType } from './schema.js';

/** Target URLs: which probe type a scheme means, and the headers that are always secret. */

/** Headers whose values are always treated as secrets. */
export const ALWAYS_SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/** Splits a `urls` value on newlines and commas; blank entries are ignored. */
export const splitUrlList = splitList;

/**
 * Checks one target URL and tells its probe type by scheme; returns an error message (without the URL's
 * secrets) when it is not usable.
 */
export function classifyUrl(raw: string): { type: Exclude<AttemptProbeType, 'command'>; url: URL } | string {
  // `localhost:8080/healthz` parses with the scheme `localhost:`, `127.0.0.1:8080/healthz` not at all.
  if (lacksScheme(raw)) {
    return `'${redactUrl(raw)}' is not a URL: add http:// (or https://), e.g. ${redactUrl(`http://${raw}`)}`;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `'${redactUrl(raw)}' is not a URL; use e.g. https://shop.example.com/healthz, wss://host/socket or tcp://db.internal:5432`;
  }
  switch (url.protocol) {
    case 'http:':
    case 'https:':
      return { type: 'http', url };
    case 'ws:':
    case 'wss:':
      return { type: 'ws', url };
    case 'tcp:':
      if (!url.port) return `'${redactUrl(raw)}' has no port; use e.g. tcp://db.internal:5432`;
      return { type: 'tcp', url };
    default:
      return `'${redactUrl(raw)}' has an unsupported scheme '${url.protocol}'; use http(s)://, ws(s)://, or tcp://host:port`;
  }
}

/** A host with a port or a dot (`localhost:8080`, `shop.example.com/healthz`) and no `scheme://`. */
function lacksScheme(raw: string): boolean {
  if (raw.includes('://')) return false;
  const host = /^([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(:\d+)?(?:[/?#]|$)/.exec(raw);
  return host !== null && (host[2] !== undefined || host[1]!.includes('.') || host[1] === 'localhost');
}
