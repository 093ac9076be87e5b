import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import "./chunk-ONBS6DE5.js";

// packages/core/src/probes/executors/tcp.ts
import { connect } from "node:net";
var executeTcp = (probe, context) => {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const socket = connect({ host: probe.host, port: probe.port, autoSelectFamily: true });
    const finish = (observation) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      context.signal.removeEventListener("abort", onAbort);
      socket.destroy();
      resolve({ durationMs: performance.now() - started, ...observation });
    };
    const timer = setTimeout(
      () => finish({
        error: { kind: "timeout", message: `no connection within ${context.timeoutMs}ms (timeout)` }
      }),
      context.timeoutMs
    );
    const onAbort = () => finish({ error: { kind: "aborted", message: "cancelled" } });
    context.signal.addEventListener("abort", onAbort, { once: true });
    socket.once("connect", () => finish({}));
    socket.once(
      "error",
      (error) => finish({ error: { kind: "connection", message: `connection failed: ${error.code ?? error.message}` } })
    );
  });
};
export {
  executeTcp
};
