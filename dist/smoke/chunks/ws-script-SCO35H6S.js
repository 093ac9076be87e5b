import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  toCaptured
} from "./chunk-523YGXLO.js";
import {
  evaluateAssertion,
  getJsonPath,
  show
} from "./chunk-VUTADBIV.js";
import "./chunk-OHNNMSQP.js";
import {
  wsClientOptions,
  wsHandshakeError
} from "./chunk-UWRPCOM5.js";
import "./chunk-6MQO5ODA.js";
import "./chunk-DVQXQ6JK.js";
import "./chunk-5JZZYB2T.js";
import "./chunk-7POJXVZZ.js";
import "./chunk-ONBS6DE5.js";

// packages/core/src/probes/scenario/ws-script.ts
function describeExpect(step) {
  const [op, value] = Object.entries(step.op).find(([, v]) => v !== void 0) ?? ["?", void 0];
  const shown = op === "matches" ? `/${value}/` : show(value);
  return `${step.path ?? "message"} ${op} ${shown}`;
}
async function executeWsScript(probe, context) {
  const { WebSocket } = await import("./wrapper-7EFNUH62.js");
  const script = probe.scenario?.script ?? [];
  const started = performance.now();
  const endAt = started + context.timeoutMs;
  const remaining = () => Math.max(0, endAt - performance.now());
  const captured = {};
  const roundTrips = [];
  let reconnects = 0;
  let connection;
  const done = (observation) => {
    if (connection) closeQuietly(connection.socket);
    return { durationMs: performance.now() - started, ...observation };
  };
  const open = () => new Promise((resolve) => {
    let settled = false;
    const socket = new WebSocket(probe.url, wsClientOptions(probe, Math.max(1, Math.round(remaining()))));
    const conn = { socket, queue: [] };
    const settle = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      context.signal.removeEventListener("abort", onAbort);
      resolve(value);
    };
    const timer = setTimeout(() => {
      socket.terminate();
      settle({
        error: { kind: "timeout", message: `no handshake within ${context.timeoutMs}ms (timeout)` }
      });
    }, remaining());
    const onAbort = () => {
      socket.terminate();
      settle({ error: { kind: "aborted", message: "cancelled" } });
    };
    context.signal.addEventListener("abort", onAbort, { once: true });
    socket.on("open", () => settle(conn));
    socket.on("message", (data) => {
      const text = Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.from(data).toString("utf8");
      conn.queue.push({ text, at: performance.now() });
      conn.notify?.();
    });
    socket.on("close", (code, reason) => {
      conn.closed = { code, reason: reason.toString("utf8") };
      conn.notify?.();
    });
    socket.on("unexpected-response", (_request, response) => {
      const headers = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== void 0) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      }
      settle({ status: response.statusCode ?? 0, headers });
      response.destroy();
      socket.terminate();
    });
    socket.on("error", (error) => {
      settle({ error: wsHandshakeError(error, context.timeoutMs) });
      conn.notify?.();
    });
  });
  const first = await open();
  if (!("socket" in first)) return done(first);
  connection = first;
  const sentAt = [performance.now()];
  for (const [index, step] of script.entries()) {
    const label = `script step ${index + 1}`;
    if (context.signal.aborted) return done({ error: { kind: "aborted", message: "cancelled" } });
    if (step.kind === "send") {
      if (connection.closed) {
        return done({
          status: 101,
          error: {
            kind: "connection",
            message: `${label} (send): the server closed the connection (code ${connection.closed.code})`
          }
        });
      }
      sentAt.push(performance.now());
      connection.socket.send(step.text);
      continue;
    }
    if (step.kind === "reconnect") {
      await closeAndWait(connection, Math.min(1e3, remaining()));
      const next = await open();
      if (!("socket" in next)) {
        const error = next.error ? { ...next.error, message: `${label} (reconnect): ${next.error.message}` } : void 0;
        connection = void 0;
        return done({ ...next, ...error ? { error } : {} });
      }
      connection = next;
      sentAt.push(performance.now());
      reconnects += 1;
      continue;
    }
    const limitMs = Math.min(step.withinMs ?? Number.POSITIVE_INFINITY, remaining());
    const byWithin = step.withinMs !== void 0 && step.withinMs <= remaining();
    const outcome = await waitFor(connection, step, limitMs, context.signal);
    if (outcome.kind === "matched") {
      const at = outcome.message.at;
      roundTrips.push(at - (sentAt.findLast((time) => time <= at) ?? sentAt[0]));
      for (const capture of step.captures) {
        const value = outcome.captures[capture.name];
        if (value === void 0) {
          return done({
            status: 101,
            error: {
              kind: "connection",
              message: `${label} (expect ${describeExpect(step)}): capture ${capture.name}: ${capture.source.from === "body" ? capture.source.path : capture.source.header} not found in the message`
            }
          });
        }
        if (capture.secret && value !== null) probe.scenario?.registerSecret?.(String(value));
        captured[capture.name] = value;
      }
      continue;
    }
    if (outcome.kind === "aborted") return done({ error: { kind: "aborted", message: "cancelled" } });
    const seen = outcome.skipped.length ? `; ${outcome.skipped.length} other message(s), last: ${show(outcome.skipped.at(-1).text)}` : "; no message arrived";
    if (outcome.kind === "closed") {
      return done({
        status: 101,
        error: {
          kind: "connection",
          message: `${label} (expect ${describeExpect(step)}): the server closed the connection (code ${outcome.code}) before a matching message${seen}`
        }
      });
    }
    const why = byWithin ? `within ${Math.round(limitMs)}ms` : `within the ${context.timeoutMs}ms timeout`;
    return done({
      status: 101,
      error: {
        kind: "timeout",
        message: `${label} (expect ${describeExpect(step)}): no matching message ${why}${seen}`
      }
    });
  }
  const durationMs = performance.now() - started;
  closeQuietly(connection.socket);
  const sends = script.filter((s) => s.kind === "send").length;
  const expects = script.filter((s) => s.kind === "expect").length;
  const rtt = roundTrips.length ? `, round trip ${fmt(median(roundTrips))} (max ${fmt(Math.max(...roundTrips))})` : "";
  const again = reconnects ? `, reconnected ${reconnects === 1 ? "once" : `${reconnects} times`}` : "";
  return {
    durationMs,
    status: 101,
    scenario: {
      captured,
      roundTripMs: roundTrips.map((ms) => Math.round(ms * 100) / 100),
      summary: `WebSocket conversation passed: ${sends} sent, ${expects} expected${rtt}${again}`
    }
  };
}
function waitFor(connection, step, limitMs, signal) {
  const skipped = [];
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      connection.notify = void 0;
      resolve(outcome);
    };
    const scan = () => {
      while (connection.queue.length) {
        const message = connection.queue.shift();
        const match = matches(step, message.text);
        if (match) return finish({ kind: "matched", message, captures: match.captures });
        skipped.push(message);
      }
      if (connection.closed) finish({ kind: "closed", code: connection.closed.code, skipped });
    };
    const timer = setTimeout(() => finish({ kind: "timeout", skipped }), limitMs);
    const onAbort = () => finish({ kind: "aborted" });
    signal.addEventListener("abort", onAbort, { once: true });
    connection.notify = scan;
    scan();
  });
}
function matches(step, text) {
  let document;
  let parsed = false;
  const json = () => {
    if (!parsed) {
      parsed = true;
      try {
        document = JSON.parse(text);
      } catch {
        document = void 0;
      }
    }
    return document;
  };
  if (step.path !== void 0) {
    if (json() === void 0) return void 0;
    const lookup = getJsonPath(json(), step.path);
    if (!evaluateAssertion(step.op, lookup.found, lookup.value).ok) return void 0;
  } else if (!evaluateAssertion(step.op, true, text).ok) {
    return void 0;
  }
  const captures = {};
  for (const capture of step.captures) {
    if (capture.source.from !== "body" || json() === void 0) continue;
    const lookup = getJsonPath(json(), capture.source.path);
    if (lookup.found) captures[capture.name] = toCaptured(lookup.value);
  }
  return { captures };
}
function closeAndWait(connection, graceMs) {
  return new Promise((resolve) => {
    if (connection.closed) return resolve();
    const timer = setTimeout(() => {
      connection.socket.terminate();
      resolve();
    }, graceMs);
    connection.socket.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    connection.socket.close(1e3);
  });
}
function closeQuietly(socket) {
  try {
    socket.close(1e3);
    setTimeout(() => socket.terminate(), 500).unref();
  } catch {
    socket.terminate();
  }
}
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
function fmt(ms) {
  return ms < 10 ? `${ms.toFixed(1)}ms` : `${Math.round(ms)}ms`;
}
export {
  describeExpect,
  executeWsScript
};
