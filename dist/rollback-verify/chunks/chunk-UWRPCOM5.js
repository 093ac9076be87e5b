import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  withDefaultUserAgent
} from "./chunk-DVQXQ6JK.js";
import {
  connectionFailure
} from "./chunk-7POJXVZZ.js";

// packages/core/src/probes/executors/ws-connect.ts
function wsClientOptions(probe, handshakeTimeoutMs) {
  return {
    headers: withDefaultUserAgent(probe.headers),
    handshakeTimeout: handshakeTimeoutMs,
    followRedirects: false,
    autoSelectFamily: true
  };
}
function wsHandshakeError(error, timeoutMs) {
  if (/handshake has timed out/i.test(error.message))
    return { kind: "timeout", message: `no handshake within ${timeoutMs}ms (timeout)` };
  return { kind: "connection", message: connectionFailure(error, 0).message };
}

export {
  wsClientOptions,
  wsHandshakeError
};
