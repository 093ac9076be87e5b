import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  streamEventLog
} from "./chunk-AY4B4RV3.js";
import {
  WEBHOOK_TYPES,
  webhookEventSchema
} from "./chunk-3Q2W3BOO.js";
import {
  silentLogger
} from "./chunk-DNYRF2ZZ.js";
import {
  DEFAULT_TOLERANCE_SECONDS,
  signingSecretProblem,
  verifySignature
} from "./chunk-HHRHPQOT.js";
import {
  formatDuration
} from "./chunk-FEJLSRR4.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-ZUWSAP7Z.js";
import {
  _enum,
  object,
  record,
  string,
  unknown
} from "./chunk-H3HWWZLP.js";

// packages/core/src/receiver/server.ts
import { createServer } from "node:http";

// packages/core/src/receiver/deliveries.ts
import { createHash } from "node:crypto";
function dataDigest(data) {
  return createHash("sha256").update(canonicalJson(data)).digest("base64url").slice(0, 22);
}
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const record2 = value;
    const keys = Object.keys(record2).filter((key) => record2[key] !== void 0).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record2[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
var DeliveryIndex = class {
  constructor(windowMs) {
    this.windowMs = windowMs;
  }
  windowMs;
  byKey = /* @__PURE__ */ new Map();
  get size() {
    return this.byKey.size;
  }
  /** Whether an event received at `receivedAtMs` is still inside the window at `now`. */
  holds(receivedAtMs, now = Date.now()) {
    return receivedAtMs >= now - this.windowMs;
  }
  get(key, now = Date.now()) {
    const delivery = this.byKey.get(key);
    return delivery && this.holds(delivery.receivedAtMs, now) ? delivery : void 0;
  }
  set(key, delivery) {
    this.byKey.delete(key);
    this.byKey.set(key, delivery);
  }
  /** Forgets deliveries older than the window; returns how many. */
  evict(now = Date.now()) {
    let evicted = 0;
    for (const [key, delivery] of this.byKey) {
      if (this.holds(delivery.receivedAtMs, now)) break;
      this.byKey.delete(key);
      evicted += 1;
    }
    return evicted;
  }
};

// packages/core/src/receiver/event-log.ts
import { mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";
var eventLogLineSchema = object({
  receivedAt: string(),
  type: _enum(WEBHOOK_TYPES),
  webhookId: string(),
  data: record(string(), unknown())
});
var EventLogWriteFailed = class extends Error {
  constructor(message) {
    super(message);
    this.name = "EventLogWriteFailed";
  }
};
var EventLog = class _EventLog {
  constructor(path) {
    this.path = path;
  }
  path;
  handle;
  queue = Promise.resolve();
  /** Bytes on disk that end with a whole line: where the file is cut back to after a failed write. */
  size = 0;
  /** A failed write could not be cut off: cut it off before the next write, or refuse that write too. */
  torn = false;
  /**
   * Opens (creates) the log for appending. A torn last line, the fragment of a write a crash interrupted,
   * is cut off first, so the next line does not land glued onto it; `tornBytes` says how much was cut.
   */
  static async open(path) {
    await mkdir(dirname(path), { recursive: true });
    const log = new _EventLog(path);
    const handle = await open(path, "a+");
    log.handle = handle;
    const { size } = await handle.stat();
    log.size = await lastWholeLineEnd(handle, size);
    const tornBytes = size - log.size;
    if (tornBytes > 0) {
      await handle.truncate(log.size);
      await handle.sync();
    }
    return Object.assign(log, { tornBytes });
  }
  append(line) {
    const bytes = Buffer.from(`${JSON.stringify(line)}
`, "utf8");
    const next = this.queue.then(() => this.write(bytes));
    this.queue = next.catch(() => {
    });
    return next;
  }
  async write(bytes) {
    const handle = this.handle;
    if (!handle) throw new Error("event log is closed");
    if (this.torn) await this.cutBack(handle, "an earlier write left a fragment that could not be cut off");
    let problem;
    try {
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length);
      if (bytesWritten === bytes.length) {
        await handle.sync();
        this.size += bytes.length;
        return;
      }
      problem = `short write: ${bytesWritten} of ${bytes.length} bytes (disk full or file size limit)`;
    } catch (error) {
      problem = error.message;
    }
    this.torn = true;
    await this.cutBack(handle, problem);
    throw new EventLogWriteFailed(`event log write failed (${problem}); the event is not stored`);
  }
  /** Truncates the file back to its last whole line. */
  async cutBack(handle, why) {
    try {
      await handle.truncate(this.size);
      await handle.sync();
      this.torn = false;
    } catch (error) {
      throw new EventLogWriteFailed(
        `event log write failed (${why}) and the fragment could not be cut off (${error.message}); the event is not stored`
      );
    }
  }
  async close() {
    await this.queue;
    await this.handle?.close();
    this.handle = void 0;
  }
};
async function lastWholeLineEnd(handle, size) {
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const newline = chunk.subarray(0, bytesRead).lastIndexOf(10);
    if (newline >= 0) return start + newline + 1;
    end = start;
  }
  return 0;
}
async function replayEventLog(path, visit) {
  const known = new Set(WEBHOOK_TYPES);
  let events = 0;
  let unknown2 = 0;
  const stats = await streamEventLog(path, (event) => {
    if (!known.has(event.type) || !event.webhookId) {
      unknown2 += 1;
      return;
    }
    events += 1;
    visit(event);
  });
  return { events, skipped: stats.malformedLines + unknown2 };
}

// packages/core/src/receiver/metrics.ts
function escapeLabel(value) {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}
function labelKey(labels) {
  return Object.keys(labels).sort().map((key) => `${key}="${escapeLabel(labels[key] ?? "")}"`).join(",");
}
var MetricsRegistry = class {
  families = /* @__PURE__ */ new Map();
  define(name, type, help) {
    if (!this.families.has(name)) this.families.set(name, { name, help, type, series: /* @__PURE__ */ new Map() });
  }
  inc(name, labels = {}, by = 1) {
    const series = this.series(name, labels);
    series.value += by;
  }
  set(name, labels, value) {
    this.series(name, labels).value = value;
  }
  get(name, labels = {}) {
    return this.families.get(name)?.series.get(labelKey(labels))?.value ?? 0;
  }
  series(name, labels) {
    const family = this.families.get(name);
    if (!family) throw new Error(`metric ${name} is not defined`);
    const key = labelKey(labels);
    let series = family.series.get(key);
    if (!series) {
      series = { labels, value: 0 };
      family.series.set(key, series);
    }
    return series;
  }
  /** The Prometheus text exposition format (version 0.0.4). */
  render() {
    const lines = [];
    for (const family of this.families.values()) {
      lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
      for (const [key, series] of [...family.series.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`${family.name}${key ? `{${key}}` : ""} ${series.value}`);
      }
    }
    return `${lines.join("\n")}
`;
  }
};

// packages/core/src/receiver/server.ts
var RECEIVER_ROUTES = {
  "/deploy": "deploy.requested",
  "/rollback": "rollback.requested",
  "/rollback/verify": "rollback.verify",
  "/internal/release-gate/callbacks": "release_gate.callback"
};
var DEFAULT_DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1e3;
var DEFAULT_MAX_CONNECTIONS = 512;
var STORE_RETRY_AFTER_SECONDS = 30;
var BODY_LIMIT = 1024 * 1024;
function defineMetrics() {
  const metrics = new MetricsRegistry();
  metrics.define(
    "release_gate_receiver_requests_total",
    "counter",
    "HTTP requests by route and status code."
  );
  metrics.define("release_gate_receiver_events_total", "counter", "Accepted events (duplicates excluded).");
  metrics.define(
    "release_gate_receiver_duplicate_events_total",
    "counter",
    "Events received again with a key already seen."
  );
  metrics.define(
    "release_gate_receiver_conflicting_events_total",
    "counter",
    "Events refused (409) because their key was first used for another type or body."
  );
  metrics.define(
    "release_gate_receiver_signature_failures_total",
    "counter",
    "Events rejected for a bad or missing signature or timestamp."
  );
  metrics.define(
    "release_gate_receiver_store_failures_total",
    "counter",
    "Events refused (503) because the event log could not take a whole line."
  );
  metrics.define(
    "release_gate_receiver_dropped_connections_total",
    "counter",
    "Connections closed on arrival because the open-connection cap was reached."
  );
  metrics.define(
    "release_gate_rollback_callback_events_total",
    "counter",
    "release_gate.callback events by environment and rollbackCallbackState."
  );
  metrics.define(
    "release_gate_rollback_callback_last_received_timestamp_seconds",
    "gauge",
    "When the last release_gate.callback event per environment and state was received."
  );
  return metrics;
}
async function startReceiver(options = {}) {
  if (!options.secret && !options.insecure) {
    throw new ConfigurationError(
      "the receiver needs a signing secret (--secret or RELEASE_GATE_SIGNING_SECRET); pass --insecure to accept unsigned events"
    );
  }
  if (options.secret) {
    const problem = signingSecretProblem(options.secret);
    if (problem) throw new ConfigurationError(`signing secret ${problem}`);
  }
  const logger = options.logger ?? silentLogger;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const windowMs = options.dedupeWindowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
  if (!(windowMs > tolerance * 1e3)) {
    throw new ConfigurationError(
      `the dedupe window (--dedupe-window ${formatDuration(windowMs)}) must be longer than the signature tolerance (${formatDuration(tolerance * 1e3)}), or a captured event could be replayed after its key is forgotten`
    );
  }
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new ConfigurationError(
      "the connection cap (--max-connections) must be a whole number of at least 1"
    );
  }
  if (!options.secret) {
    logger.warning(
      "--insecure: unsigned events are accepted; they are deduplicated on the webhook-id header (on Idempotency-Key when there is none), which any sender can choose"
    );
  }
  const metrics = defineMetrics();
  const events = [];
  const deliveries = new DeliveryIndex(windowMs);
  const writing = /* @__PURE__ */ new Map();
  const count = (event) => {
    const environment = String(event.data.environment ?? "");
    metrics.inc("release_gate_receiver_events_total", { type: event.type, environment });
    if (event.type === "release_gate.callback") {
      const state = String(event.data.rollbackCallbackState ?? "unknown");
      metrics.inc("release_gate_rollback_callback_events_total", { environment, state });
      metrics.set(
        "release_gate_rollback_callback_last_received_timestamp_seconds",
        { environment, state },
        Date.parse(event.receivedAt) / 1e3
      );
    }
  };
  const completionFor = (event, receivedAtMs) => {
    if (!options.completion) return void 0;
    if (event.type !== "deploy.requested" && event.type !== "rollback.requested") return void 0;
    return {
      doneAt: receivedAtMs + options.completion.afterMs,
      outcome: options.completion.outcome?.(event) ?? "succeeded"
    };
  };
  const remember = (event, receivedAtMs) => {
    events.push(event);
    deliveries.set(event.webhookId, {
      type: event.type,
      digest: dataDigest(event.data),
      receivedAtMs,
      completion: completionFor(event, receivedAtMs)
    });
  };
  const forgetOld = () => {
    const now = Date.now();
    deliveries.evict(now);
    const keep = events.findIndex((event) => deliveries.holds(Date.parse(event.receivedAt), now));
    events.splice(0, keep < 0 ? events.length : keep);
  };
  let log;
  if (options.eventLog) {
    const opened = await EventLog.open(options.eventLog);
    log = opened;
    if (opened.tornBytes) {
      logger.warning(
        `event log: cut off a torn last line (${opened.tornBytes} bytes of a write that did not finish, never acknowledged)`
      );
    }
    const startedAt = Date.now();
    const replay = await replayEventLog(
      options.eventLog,
      ({ receivedAt, receivedAtMs, type, webhookId, data }) => {
        const event = { receivedAt, type, webhookId, data };
        count(event);
        if (deliveries.holds(receivedAtMs, startedAt)) remember(event, receivedAtMs);
      }
    );
    if (replay.skipped) logger.warning(`event log: skipped ${replay.skipped} unreadable lines`);
    logger.info(
      `event log: ${replay.events} events read, ${deliveries.size} keys inside the ${formatDuration(windowMs)} dedupe window`
    );
  }
  const sweeper = setInterval(forgetOld, Math.min(windowMs, 6e4));
  sweeper.unref();
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      logger.error(`receiver: ${errorMessage(error)}`);
      if (!res.headersSent) send(res, 500, { error: "internal error" });
      else res.destroy();
    });
  });
  server.maxConnections = maxConnections;
  server.on("drop", () => metrics.inc("release_gate_receiver_dropped_connections_total"));
  let baseUrl = "";
  function firstOutcome(key, delivery) {
    const body = { accepted: true, webhookId: key, type: delivery.type };
    if (!delivery.completion) return { status: 202, body };
    const statusUrl = `${baseUrl}/status/${encodeURIComponent(key)}`;
    return { status: 202, body: { ...body, statusUrl, state: "running" }, headers: { location: statusUrl } };
  }
  async function handle(req, res) {
    const path = new URL(req.url ?? "/", "http://receiver").pathname;
    const route = path in RECEIVER_ROUTES || path === "/metrics" || path.startsWith("/status/") ? path : "other";
    const routeLabel = route.startsWith("/status/") ? "/status" : route;
    const reply = (status, body2, headers2 = {}) => {
      metrics.inc("release_gate_receiver_requests_total", { route: routeLabel, code: String(status) });
      send(res, status, body2, headers2);
    };
    const storeFailed = (error) => {
      metrics.inc("release_gate_receiver_store_failures_total");
      logger.error(`receiver: ${path}: ${error.message}; answering 503`);
      reply(
        503,
        { error: `${error.message}; retry later` },
        { "retry-after": String(STORE_RETRY_AFTER_SECONDS) }
      );
    };
    if (path === "/metrics" && req.method === "GET") {
      metrics.inc("release_gate_receiver_requests_total", { route: "/metrics", code: "200" });
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
      res.end(metrics.render());
      return;
    }
    if (path === "/healthz" && req.method === "GET") return reply(200, { status: "pass" });
    if (path.startsWith("/status/") && req.method === "GET") {
      let id;
      try {
        id = decodeURIComponent(path.slice("/status/".length));
      } catch {
        return reply(400, { error: "the delivery id in the status path is not valid percent-encoding" });
      }
      const completion = deliveries.get(id)?.completion;
      if (!completion) return reply(404, { error: "unknown delivery" });
      return reply(200, { state: Date.now() >= completion.doneAt ? completion.outcome : "running" });
    }
    const expectedType = RECEIVER_ROUTES[path];
    if (!expectedType) return reply(404, { error: `no route ${path}` });
    if (req.method !== "POST") return reply(405, { error: "use POST" }, { allow: "POST" });
    const body = await readBody(req);
    if (body === void 0) return reply(413, { error: `body larger than ${BODY_LIMIT} bytes` });
    const headers = lowerHeaders(req);
    if (options.secret) {
      const verdict = verifySignature({ secret: options.secret, headers, body, toleranceSeconds: tolerance });
      if (!verdict.ok) {
        metrics.inc("release_gate_receiver_signature_failures_total");
        logger.warning(`receiver: ${path}: rejected: ${verdict.reason}`);
        return reply(401, { error: `signature rejected: ${verdict.reason}` });
      }
    }
    const mediaType = (headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (mediaType !== "application/json") {
      return reply(415, {
        error: `events are JSON: send Content-Type application/json, not ${(headers["content-type"] ?? "(none)").slice(0, 80)}`
      });
    }
    const key = options.secret ? headers["webhook-id"] : headers["webhook-id"] ?? headers["idempotency-key"];
    if (!key) return reply(400, { error: "missing webhook-id (or Idempotency-Key) header" });
    let parsedJson;
    try {
      parsedJson = JSON.parse(body);
    } catch {
      return reply(400, { error: "body is not JSON" });
    }
    const parsed = webhookEventSchema.safeParse(parsedJson);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reply(422, {
        error: `not a release-gate event: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
        types: WEBHOOK_TYPES
      });
    }
    if (parsed.data.type !== expectedType) {
      return reply(422, { error: `${path} accepts ${expectedType} events, not ${parsed.data.type}` });
    }
    const digest = dataDigest(parsed.data.data);
    const inFlight = writing.get(key);
    let known;
    try {
      known = inFlight ? await inFlight : deliveries.get(key);
    } catch (error) {
      if (error instanceof EventLogWriteFailed) return storeFailed(error);
      throw error;
    }
    if (known) {
      if (known.type !== parsed.data.type || known.digest !== digest) {
        metrics.inc("release_gate_receiver_conflicting_events_total", { route: path });
        const what = known.type !== parsed.data.type ? `a ${known.type} event` : "an event with other data";
        logger.warning(`receiver: ${path}: conflict: ${key} was first used for ${what}; refused`);
        return reply(409, {
          error: `key ${key} was first used for ${what}; a new event needs a new Idempotency-Key / webhook-id`,
          webhookId: key,
          type: known.type
        });
      }
      metrics.inc("release_gate_receiver_duplicate_events_total", { route: path });
      logger.info(`receiver: ${path}: duplicate ${key}; answering with the first outcome`);
      const first = firstOutcome(key, known);
      return reply(200, { ...first.body, duplicate: true }, first.headers);
    }
    const receivedAtMs = Date.now();
    const event = {
      receivedAt: new Date(receivedAtMs).toISOString(),
      type: parsed.data.type,
      webhookId: key,
      data: parsed.data.data
    };
    const stored = (async () => {
      await log?.append(event);
      count(event);
      remember(event, receivedAtMs);
      return deliveries.get(key, receivedAtMs);
    })();
    writing.set(key, stored);
    let delivery;
    try {
      delivery = await stored;
    } catch (error) {
      if (error instanceof EventLogWriteFailed) return storeFailed(error);
      throw error;
    } finally {
      writing.delete(key);
    }
    logger.info(
      `receiver: ${path}: accepted ${event.type} ${key} (environment ${String(event.data.environment)}${event.data.drill ? ", drill" : ""})`
    );
    const outcome = firstOutcome(key, delivery);
    return reply(outcome.status, outcome.body, outcome.headers);
  }
  async function readBody(req) {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > BODY_LIMIT) return void 0;
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
  }
  server.requestTimeout = 3e4;
  server.headersTimeout = 1e4;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;
  return {
    url: baseUrl,
    port: address.port,
    events,
    metrics: () => metrics.render(),
    close: async () => {
      clearInterval(sweeper);
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await log?.close();
    }
  };
}
function lowerHeaders(req) {
  const out = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
function send(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(`${JSON.stringify(body)}
`);
}

export {
  RECEIVER_ROUTES,
  DEFAULT_MAX_CONNECTIONS,
  startReceiver
};
