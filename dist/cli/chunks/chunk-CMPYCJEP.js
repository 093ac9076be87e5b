import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  WEBHOOK_TYPES,
  webhookEventSchema
} from "./chunk-OBNYEYUJ.js";
import {
  silentLogger
} from "./chunk-DNYRF2ZZ.js";
import {
  DEFAULT_TOLERANCE_SECONDS,
  signingSecretProblem,
  verifySignature
} from "./chunk-RJ5TWNJX.js";
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
} from "./chunk-LQFJPALH.js";

// packages/core/src/receiver/server.ts
import { createServer } from "node:http";

// packages/core/src/receiver/event-log.ts
import { mkdir, open, readFile } from "node:fs/promises";
import { dirname } from "node:path";
var eventLogLineSchema = object({
  receivedAt: string(),
  type: _enum(WEBHOOK_TYPES),
  webhookId: string(),
  data: record(string(), unknown())
});
var EventLog = class _EventLog {
  constructor(path) {
    this.path = path;
  }
  path;
  handle;
  queue = Promise.resolve();
  static async open(path) {
    await mkdir(dirname(path), { recursive: true });
    const log = new _EventLog(path);
    log.handle = await open(path, "a");
    return log;
  }
  append(line) {
    const text = `${JSON.stringify(line)}
`;
    const next = this.queue.then(async () => {
      if (!this.handle) throw new Error("event log is closed");
      await this.handle.write(text);
      await this.handle.sync();
    });
    this.queue = next.catch(() => {
    });
    return next;
  }
  async close() {
    await this.queue;
    await this.handle?.close();
    this.handle = void 0;
  }
};
async function readEventLog(path) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return { events: [], skipped: 0 };
    throw error;
  }
  const events = [];
  let skipped = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const parsed = eventLogLineSchema.safeParse(JSON.parse(line));
      if (parsed.success) events.push(parsed.data);
      else skipped += 1;
    } catch {
      skipped += 1;
    }
  }
  return { events, skipped };
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
var BODY_LIMIT = 1024 * 1024;
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
    "Events received again with an Idempotency-Key already seen."
  );
  metrics.define(
    "release_gate_receiver_signature_failures_total",
    "counter",
    "Events rejected for a bad or missing signature or timestamp."
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
  const events = [];
  const outcomes = /* @__PURE__ */ new Map();
  const completions = /* @__PURE__ */ new Map();
  const account = (event) => {
    events.push(event);
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
  let log;
  if (options.eventLog) {
    const previous = await readEventLog(options.eventLog);
    for (const event of previous.events) {
      account(event);
      outcomes.set(
        event.webhookId,
        Promise.resolve({
          status: 202,
          body: { accepted: true, webhookId: event.webhookId, type: event.type }
        })
      );
    }
    if (previous.skipped) logger.warning(`event log: skipped ${previous.skipped} unreadable lines`);
    log = await EventLog.open(options.eventLog);
  }
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      logger.error(`receiver: ${errorMessage(error)}`);
      if (!res.headersSent) send(res, 500, { error: "internal error" });
      else res.destroy();
    });
  });
  let baseUrl = "";
  async function handle(req, res) {
    const path = new URL(req.url ?? "/", "http://receiver").pathname;
    const route = path in RECEIVER_ROUTES || path === "/metrics" || path.startsWith("/status/") ? path : "other";
    const routeLabel = route.startsWith("/status/") ? "/status" : route;
    const reply = (status, body2, headers2 = {}) => {
      metrics.inc("release_gate_receiver_requests_total", { route: routeLabel, code: String(status) });
      send(res, status, body2, headers2);
    };
    if (path === "/metrics" && req.method === "GET") {
      metrics.inc("release_gate_receiver_requests_total", { route: "/metrics", code: "200" });
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
      res.end(metrics.render());
      return;
    }
    if (path === "/healthz" && req.method === "GET") return reply(200, { status: "pass" });
    if (path.startsWith("/status/") && req.method === "GET") {
      const id = decodeURIComponent(path.slice("/status/".length));
      const completion = completions.get(id);
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
    const key = headers["idempotency-key"] ?? headers["webhook-id"];
    if (!key) return reply(400, { error: "missing Idempotency-Key (or webhook-id) header" });
    const known = outcomes.get(key);
    if (known) {
      const first = await known;
      metrics.inc("release_gate_receiver_duplicate_events_total", { route: path });
      logger.info(`receiver: ${path}: duplicate ${key}; answering with the first outcome`);
      return reply(200, { ...first.body, duplicate: true }, first.headers);
    }
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
    const pending = (async () => {
      const event = {
        receivedAt: (/* @__PURE__ */ new Date()).toISOString(),
        type: parsed.data.type,
        webhookId: key,
        data: parsed.data.data
      };
      await log?.append(event);
      account(event);
      const body2 = { accepted: true, webhookId: key, type: event.type };
      const outcome = { status: 202, body: body2 };
      if (options.completion && (event.type === "deploy.requested" || event.type === "rollback.requested")) {
        completions.set(key, {
          doneAt: Date.now() + options.completion.afterMs,
          outcome: options.completion.outcome?.(event) ?? "succeeded"
        });
        const statusUrl = `${baseUrl}/status/${encodeURIComponent(key)}`;
        body2.statusUrl = statusUrl;
        body2.state = "running";
        outcome.headers = { location: statusUrl };
      }
      logger.info(
        `receiver: ${path}: accepted ${event.type} ${key} (environment ${String(event.data.environment)}${event.data.drill ? ", drill" : ""})`
      );
      return outcome;
    })();
    outcomes.set(key, pending);
    try {
      const outcome = await pending;
      return reply(outcome.status, outcome.body, outcome.headers);
    } catch (error) {
      outcomes.delete(key);
      throw error;
    }
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
  startReceiver
};
