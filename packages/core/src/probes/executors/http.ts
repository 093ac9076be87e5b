import { HttpFailure } from '../../http/exchange.js';
import { httpRequest } from '../../http/request.js';
import { redactUrl } from '../../redact.js';
import type { HttpProbe } from '../schema.js';
import type { Executor, Observation } from './types.js';
import { withDefaultUserAgent } from './user-agent.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One HTTP attempt: follows up to `policy.maxRedirects` redirects (the timeout covers the whole chain),
 * drops secret headers when a redirect leaves the origin, reads the body up to the shared cap.
 */
export const executeHttp: Executor<HttpProbe> = async (probe, context) => {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  let url = probe.url;
  let method = probe.method;
  let body = probe.body;
  let headers = withDefaultUserAgent(probe.headers);
  const origin = new URL(url).origin;
  const visited = new Set<string>([url]);
  for (let redirects = 0; ; redirects++) {
    const remaining = Math.max(1, Math.round(context.timeoutMs - elapsed()));
    let response: Awaited<ReturnType<typeof httpRequest>>;
    try {
      response = await httpRequest({
        url,
        method,
        headers,
        body,
        timeoutMs: remaining,
        signal: context.signal,
      });
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      const message =
        error.kind === 'timeout'
          ? `no complete answer within ${context.timeoutMs}ms (timeout)`
          : error.message;
      return { durationMs: elapsed(), redirects, error: { kind: error.kind, message } };
    }
    const location = response.headers.location;
    if (!REDIRECTS.has(response.status) || !location || probe.scenario?.followRedirects === false)
      return observed(response, elapsed(), redirects);
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      return observed(response, elapsed(), redirects);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:')
      return observed(response, elapsed(), redirects);
    const nextUrl = next.toString();
    const redirectFailure = (message: string) => ({
      durationMs: elapsed(),
      status: response.status,
      redirects,
      error: { kind: 'redirect' as const, message },
    });
    if (visited.has(nextUrl))
      return redirectFailure(`redirect loop: ${redactUrl(url)} leads back to ${redactUrl(nextUrl)}`);
    if (redirects >= context.policy.maxRedirects)
      return redirectFailure(
        `more than ${context.policy.maxRedirects} redirects (last to ${redactUrl(nextUrl)})`,
      );
    visited.add(nextUrl);
    if (next.origin !== origin) headers = withoutSecrets(headers, probe.secretHeaders);
    // 303, and 301/302 after a POST, turn into a GET without a body, as browsers and curl -L do.
    if (
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && method === 'POST')
    ) {
      method = 'GET';
      body = undefined;
    }
    url = nextUrl;
  }
};

function observed(
  response: Awaited<ReturnType<typeof httpRequest>>,
  durationMs: number,
  redirects: number,
): Observation {
  return {
    durationMs,
    status: response.status,
    headers: response.headers,
    body: response.body,
    bodyTruncated: response.bodyTruncated,
    redirects,
  };
}

/** Drops every header named as secret (case-insensitive). */
export function withoutSecrets(headers: Record<string, string>, secretNames: readonly string[]) {
  const secret = new Set(secretNames.map((name) => name.toLowerCase()));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !secret.has(name.toLowerCase())));
}
