import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  DEFAULT_BODY_LIMIT,
  HttpFailure,
  connectionFailure,
  flattenHeaders
} from "./chunk-7POJXVZZ.js";

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

export {
  httpRequest
};
