import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  DEFAULT_MAX_CONNECTIONS,
  RECEIVER_ROUTES,
  startReceiver
} from "./chunk-CQTRW6T3.js";
import "./chunk-AY4B4RV3.js";
import "./chunk-3Q2W3BOO.js";
import {
  consoleLogger
} from "./chunk-DNYRF2ZZ.js";
import {
  parseFlags
} from "./chunk-HHRHPQOT.js";
import {
  parseDuration
} from "./chunk-FEJLSRR4.js";
import {
  USAGE_EXIT
} from "./chunk-UQP3W3S5.js";
import {
  errorMessage
} from "./chunk-ZUWSAP7Z.js";
import "./chunk-H3HWWZLP.js";
import "./chunk-6MQO5ODA.js";
import "./chunk-ONBS6DE5.js";

// packages/cli/src/commands/receiver.ts
var USAGE = `release-gate receiver [--port 8787] [--host 127.0.0.1] [--secret <secret>] [--event-log <file>]
                        [--dedupe-window 24h] [--max-connections ${DEFAULT_MAX_CONNECTIONS}]

The reference webhook receiver: accepts release-gate events on
  POST /deploy, /rollback, /rollback/verify, /internal/release-gate/callbacks
verifies Standard Webhooks signatures (401 on a bad signature or a timestamp more than 5 minutes off),
deduplicates on the signed webhook-id (a duplicate gets 200 with the first outcome, counted once; the same
key with another type or body gets 409), appends each accepted event as one JSON line to the event log
(fsync before answering; 503 with Retry-After when a whole line cannot be written) and serves Prometheus
metrics on GET /metrics, including release_gate_rollback_callback_events_total{environment,state}.

  --port <n>                   default 8787 (0 picks a free port)
  --host <address>             default 127.0.0.1
  --secret <secret>            signing secret, whsec_<base64> or raw (or env RELEASE_GATE_SIGNING_SECRET)
  --insecure                   accept unsigned events when no secret is set (local experiments only)
  --event-log <file>           default receiver/events.jsonl
  --complete-after <duration>  answer deploy/rollback with a status URL that reports succeeded after this long
  --dedupe-window <duration>   how long a key is remembered, default 24h; keep it longer than the longest
                               client deadline plus the 5-minute signature tolerance (retries are re-signed)
  --max-connections <n>        open connections served at once, default ${DEFAULT_MAX_CONNECTIONS}; more are closed on arrival

Runs until interrupted (Ctrl-C). Exit codes: 0 stopped, 2 bad usage or refused to start.`;
async function run(argv) {
  let values;
  let port;
  let completeAfter;
  let dedupeWindowMs;
  let maxConnections;
  try {
    values = parse(argv).values;
    if (values.help) {
      process.stdout.write(`${USAGE}
`);
      return 0;
    }
    port = Number(values.port ?? 8787);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("--port must be 0 to 65535");
    if (values["complete-after"] !== void 0) {
      completeAfter = parseDuration(values["complete-after"]);
      if (completeAfter === void 0) throw new Error("--complete-after is not a duration, e.g. 2s");
    }
    if (values["dedupe-window"] !== void 0) {
      dedupeWindowMs = parseDuration(values["dedupe-window"]);
      if (dedupeWindowMs === void 0) throw new Error("--dedupe-window is not a duration, e.g. 24h");
    }
    if (values["max-connections"] !== void 0) {
      maxConnections = Number(values["max-connections"]);
      if (!Number.isInteger(maxConnections) || maxConnections < 1) {
        throw new Error("--max-connections must be a whole number of at least 1");
      }
    }
  } catch (error) {
    process.stderr.write(`release-gate receiver: ${errorMessage(error)}

${USAGE}
`);
    return USAGE_EXIT;
  }
  const logger = consoleLogger();
  let receiver;
  try {
    receiver = await startReceiver({
      port,
      host: values.host ?? "127.0.0.1",
      secret: values.secret ?? process.env.RELEASE_GATE_SIGNING_SECRET,
      insecure: Boolean(values.insecure),
      eventLog: values["event-log"] ?? "receiver/events.jsonl",
      completion: completeAfter === void 0 ? void 0 : { afterMs: completeAfter },
      dedupeWindowMs,
      maxConnections,
      logger
    });
  } catch (error) {
    process.stderr.write(`release-gate receiver: ${errorMessage(error)}
`);
    return USAGE_EXIT;
  }
  process.stdout.write(`release-gate receiver listening on ${receiver.url}
`);
  for (const route of Object.keys(RECEIVER_ROUTES)) process.stdout.write(`  POST ${receiver.url}${route}
`);
  process.stdout.write(`  GET  ${receiver.url}/metrics
`);
  await new Promise((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await receiver.close();
  process.stdout.write("release-gate receiver stopped\n");
  return 0;
}
function parse(argv) {
  return parseFlags(
    argv,
    {
      port: { type: "string" },
      host: { type: "string" },
      secret: { type: "string" },
      insecure: { type: "boolean" },
      "event-log": { type: "string" },
      "complete-after": { type: "string" },
      "dedupe-window": { type: "string" },
      "max-connections": { type: "string" }
    },
    USAGE
  );
}
export {
  run
};
