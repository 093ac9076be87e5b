import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  wsClientOptions,
  wsHandshakeError
} from "./chunk-UWRPCOM5.js";
import "./chunk-DVQXQ6JK.js";
import "./chunk-5JZZYB2T.js";
import "./chunk-7POJXVZZ.js";
import "./chunk-ONBS6DE5.js";

// packages/core/src/probes/executors/ws.ts
var executeWs = async (probe, context) => {
  const { WebSocket } = await import("./wrapper-7EFNUH62.js");
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const socket = new WebSocket(probe.url, wsClientOptions(probe, context.timeoutMs));
    const finish = (observation) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      context.signal.removeEventListener("abort", onAbort);
      resolve({ durationMs: performance.now() - started, ...observation });
    };
    const timer = setTimeout(() => {
      socket.terminate();
      finish({ error: { kind: "timeout", message: `no handshake within ${context.timeoutMs}ms (timeout)` } });
    }, context.timeoutMs);
    const onAbort = () => {
      socket.terminate();
      finish({ error: { kind: "aborted", message: "cancelled" } });
    };
    context.signal.addEventListener("abort", onAbort, { once: true });
    socket.on("open", () => {
      finish({ status: 101 });
      socket.close(1e3);
    });
    socket.on("unexpected-response", (_request, response) => {
      const headers = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== void 0) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      }
      finish({ status: response.statusCode ?? 0, headers });
      response.destroy();
      socket.terminate();
    });
    socket.on(
      "error",
      (error) => finish({ error: wsHandshakeError(error, context.timeoutMs) })
    );
  });
};
export {
  executeWs
};
