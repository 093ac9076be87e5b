import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  require_undici
} from "./chunk-WQBCT4YW.js";
import {
  DEFAULT_BODY_LIMIT,
  HttpFailure,
  connectionFailure,
  flattenHeaders
} from "./chunk-7POJXVZZ.js";
import {
  __toESM
} from "./chunk-ONBS6DE5.js";

// packages/core/src/http/proxied.ts
var import_undici = __toESM(require_undici(), 1);
var agent;
async function proxiedRequest(req, started) {
  agent ??= new import_undici.EnvHttpProxyAgent();
  const elapsed = () => performance.now() - started;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("timeout")), req.timeoutMs);
  const onCallerAbort = () => controller.abort(new Error("aborted"));
  req.signal?.addEventListener("abort", onCallerAbort, { once: true });
  const limit = req.bodyLimit ?? DEFAULT_BODY_LIMIT;
  try {
    const response = await (0, import_undici.request)(req.url, {
      method: (req.method ?? "GET").toUpperCase(),
      headers: req.headers,
      body: req.body,
      signal: controller.signal,
      dispatcher: agent
    });
    const chunks = [];
    let size = 0;
    let bodyTruncated = false;
    for await (const chunk of response.body) {
      const buffer = chunk;
      const room = limit - size;
      if (buffer.length > room) {
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
      durationMs: elapsed()
    };
  } catch (error) {
    if (controller.signal.aborted) {
      const cancelled = controller.signal.reason?.message === "aborted";
      throw cancelled ? new HttpFailure("aborted", "request cancelled", elapsed()) : new HttpFailure("timeout", `no complete answer within ${req.timeoutMs}ms`, elapsed(), "TIMEOUT");
    }
    throw connectionFailure(error, elapsed());
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener("abort", onCallerAbort);
  }
}
export {
  proxiedRequest
};
