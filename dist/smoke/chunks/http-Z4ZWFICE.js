import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  httpRequest
} from "./chunk-HYXZD6JN.js";
import {
  redactUrl
} from "./chunk-6MQO5ODA.js";
import {
  withDefaultUserAgent
} from "./chunk-DVQXQ6JK.js";
import "./chunk-5JZZYB2T.js";
import {
  HttpFailure
} from "./chunk-7POJXVZZ.js";
import "./chunk-ONBS6DE5.js";

// packages/core/src/probes/executors/http.ts
var REDIRECTS = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var executeHttp = async (probe, context) => {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  let url = probe.url;
  let method = probe.method;
  let body = probe.body;
  let headers = withDefaultUserAgent(probe.headers);
  const origin = new URL(url).origin;
  const visited = /* @__PURE__ */ new Set([url]);
  for (let redirects = 0; ; redirects++) {
    const remaining = Math.max(1, Math.round(context.timeoutMs - elapsed()));
    let response;
    try {
      response = await httpRequest({
        url,
        method,
        headers,
        body,
        timeoutMs: remaining,
        signal: context.signal
      });
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      const message = error.kind === "timeout" ? `no complete answer within ${context.timeoutMs}ms (timeout)` : error.message;
      return { durationMs: elapsed(), redirects, error: { kind: error.kind, message } };
    }
    const location = response.headers.location;
    if (!REDIRECTS.has(response.status) || !location || probe.scenario?.followRedirects === false)
      return observed(response, elapsed(), redirects);
    let next;
    try {
      next = new URL(location, url);
    } catch {
      return observed(response, elapsed(), redirects);
    }
    if (next.protocol !== "http:" && next.protocol !== "https:")
      return observed(response, elapsed(), redirects);
    const nextUrl = next.toString();
    const redirectFailure = (message) => ({
      durationMs: elapsed(),
      status: response.status,
      redirects,
      error: { kind: "redirect", message }
    });
    if (visited.has(nextUrl))
      return redirectFailure(`redirect loop: ${redactUrl(url)} leads back to ${redactUrl(nextUrl)}`);
    if (redirects >= context.policy.maxRedirects)
      return redirectFailure(
        `more than ${context.policy.maxRedirects} redirects (last to ${redactUrl(nextUrl)})`
      );
    visited.add(nextUrl);
    if (next.origin !== origin) headers = withoutSecrets(headers, probe.secretHeaders);
    if (response.status === 303 || (response.status === 301 || response.status === 302) && method === "POST") {
      method = "GET";
      body = void 0;
    }
    url = nextUrl;
  }
};
function observed(response, durationMs, redirects) {
  return {
    durationMs,
    status: response.status,
    headers: response.headers,
    body: response.body,
    bodyTruncated: response.bodyTruncated,
    redirects
  };
}
function withoutSecrets(headers, secretNames) {
  const secret = new Set(secretNames.map((name) => name.toLowerCase()));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !secret.has(name.toLowerCase())));
}
export {
  executeHttp,
  withoutSecrets
};
