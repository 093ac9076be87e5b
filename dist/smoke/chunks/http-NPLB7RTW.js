import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  redactUrl
} from "./chunk-6MQO5ODA.js";
import {
  withDefaultUserAgent
} from "./chunk-DVQXQ6JK.js";
import "./chunk-5JZZYB2T.js";
import {
  DEFAULT_BODY_LIMIT,
  HttpFailure,
  connectionFailure,
  flattenHeaders
} from "./chunk-7POJXVZZ.js";
import "./chunk-ONBS6DE5.js";

// packages/core/src/http/request.ts
import { request as plainRequest } from "node:http";
import { request as tlsRequest } from "node:https";
async function httpRequest(req) {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  if (req.signal?.aborted) throw new HttpFailure("aborted", "request cancelled", 0);
  const url = new URL(req.url);
  if (proxyApplies(url)) {
    const { proxiedRequest } = await import("./proxied-YSUNFFG2.js");
    return proxiedRequest(req, started);
  }
  const limit = req.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const send = url.protocol === "https:" ? tlsRequest : plainRequest;
  const request = send(url, { method: (req.method ?? "GET").toUpperCase(), headers: req.headers });
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    const fail = (failure) => {
      finish(() => reject(failure));
      request.destroy();
    };
    const timer = setTimeout(
      () => fail(
        new HttpFailure("timeout", `no complete answer within ${req.timeoutMs}ms`, elapsed(), "TIMEOUT")
      ),
      req.timeoutMs
    );
    const onAbort = () => fail(new HttpFailure("aborted", "request cancelled", elapsed()));
    req.signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error) => fail(connectionFailure(error, elapsed())));
    request.on("response", (response) => {
      const chunks = [];
      let size = 0;
      const done = (bodyTruncated) => finish(
        () => resolve({
          status: response.statusCode ?? 0,
          headers: flattenHeaders(response.headers),
          body: Buffer.concat(chunks, size),
          bodyTruncated,
          durationMs: elapsed()
        })
      );
      response.on("data", (chunk) => {
        const room = limit - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size = limit;
          done(true);
          response.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on("end", () => done(false));
      response.on("error", (error) => fail(connectionFailure(error, elapsed())));
      response.on(
        "aborted",
        () => fail(new HttpFailure("connection", "connection failed: connection closed by peer", elapsed()))
      );
    });
    request.end(req.body);
  });
}
function proxyApplies(url, env = process.env) {
  const proxy = url.protocol === "https:" ? env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy : env.HTTP_PROXY ?? env.http_proxy;
  if (!proxy) return false;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? "").split(/[\s,]+/).filter(Boolean);
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return !noProxy.some((entry) => {
    if (entry === "*") return true;
    const { name, entryPort } = splitHostPort(entry.toLowerCase().replace(/^\*/, ""));
    if (entryPort && entryPort !== port) return false;
    const bare = name.replace(/^\./, "");
    return host === bare || host.endsWith(`.${bare}`);
  });
}
function splitHostPort(entry) {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1] ?? "", entryPort: bracketed[2] };
  const colons = entry.split(":").length - 1;
  if (colons !== 1) return { name: entry };
  const [name = "", entryPort] = entry.split(":");
  return { name, entryPort };
}

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
