import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatDuration } from '../duration.js';
import { ConfigurationError, errorMessage } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { WEBHOOK_TYPES, type WebhookType, webhookEventSchema } from '../webhooks/payload.js';
import { DEFAULT_TOLERANCE_SECONDS, signingSecretProblem, verifySignature } from '../webhooks/signing.js';
import { type CompletionState, DeliveryIndex, dataDigest, type StoredDelivery } from './deliveries.js';
import { EventLog, type EventLogLine, EventLogWriteFailed, replayEventLog } from './event-log.js';
import { MetricsRegistry } from './metrics.js';

/** Which route accepts which event type. */
export const RECEIVER_ROUTES: Record<string, WebhookType> = {
  '/deploy': 'deploy.requested',
  '/rollback': 'rollback.requested',
  '/rollback/verify': 'rollback.verify',
  '/internal/release-gate/callbacks': 'release_gate.callback',
};

/** How long a stored event's key is remembered by default. */
export const DEFAULT_DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Open connections served at once by default; more are closed as they arrive. */
export const DEFAULT_MAX_CONNECTIONS = 512;
/** What a 503 tells the sender to wait when the event log cannot take a write (disk full). */
const STORE_RETRY_AFTER_SECONDS = 30;

export interface ReceiverOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /**
   * Standard Webhooks signing secret (`whsec_<base64>` or raw). Required unless `insecure` is true; when
   * set, every event must carry a valid signature.
   */
  secret?: string;
  /** Accept unsigned events when no secret is set (local experiments only). */
  insecure?: boolean;
  /** JSON Lines file every accepted event is appended to (fsync'ed before the answer). Replayed at start. */
  eventLog?: string;
  /** How far `webhook-timestamp` may be from now (default 300 s). */
  toleranceSeconds?: number;
  /**
   * How long a stored event's key is remembered (default 24 h): a key seen again within it is a duplicate
   * (or a conflict). It must exceed the longest client deadline plus the signature tolerance, since every
   * retry is re-signed with a fresh timestamp; shorter than the tolerance is refused.
   */
  dedupeWindowMs?: number;
  /** Open connections served at once (default 512); more are closed as they arrive. */
  maxConnections?: number;
  /**
   * Answer `deploy.requested` and `rollback.requested` with a status URL to poll (`Location` header and
   * `statusUrl`): the state is `running` for `afterMs` after the event was received, then `outcome(event)`
   * (default `succeeded`). Without it they are answered 202 `accepted`.
   */
  completion?: { afterMs: number; outcome?: (event: ReceivedEvent) => CompletionState };
  /** Where request lines go (default: nowhere). */
  logger?: Logger;
}

/** An accepted event as the receiver keeps it in memory (the event log line). */
export type ReceivedEvent = EventLogLine;

export interface RunningReceiver {
  /** Base URL, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  url: string;
  port: number;
  /**
   * Accepted events inside the dedupe window, oldest first (deduplicated; events replayed from the log
   * included).
   */
  events: ReceivedEvent[];
  /** The `/metrics` text as it is now. */
  metrics(): string;
  /** Stops listening, waits for in-flight appends, closes the event log. */
  close(): Promise<void>;
}

interface Outcome {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

const BODY_LIMIT = 1024 * 1024;

function defineMetrics(): MetricsRegistry {
  const metrics = new MetricsRegistry();
  metrics.define(
    'release_gate_receiver_requests_total',
    'counter',
    'HTTP requests by route and status code.',
  );
  metrics.define('release_gate_receiver_events_total', 'counter', 'Accepted events (duplicates excluded).');
  metrics.define(
    'release_gate_receiver_duplicate_events_total',
    'counter',
    'Events received again with a key already seen.',
  );
  metrics.define(
    'release_gate_receiver_conflicting_events_total',
    'counter',
    'Events refused (409) because their key was first used for another type or body.',
  );
  metrics.define(
    'release_gate_receiver_signature_failures_total',
    'counter',
    'Events rejected for a bad or missing signature or timestamp.',
  );
  metrics.define(
    'release_gate_receiver_store_failures_total',
    'counter',
    'Events refused (503) because the event log could not take a whole line.',
  );
  metrics.define(
    'release_gate_receiver_dropped_connections_total',
    'counter',
    'Connections closed on arrival because the open-connection cap was reached.',
  );
  metrics.define(
    'release_gate_rollback_callback_events_total',
    'counter',
    'release_gate.callback events by environment and rollbackCallbackState.',
  );
  metrics.define(
    'release_gate_rollback_callback_last_received_timestamp_seconds',
    'gauge',
    'When the last release_gate.callback event per environment and state was received.',
  );
  return metrics;
}

/**
 * Starts the reference receiver: verifies Standard Webhooks signatures (401 on a bad signature or a
 * timestamp more than 5 minutes off), deduplicates on the signed `webhook-id` (a duplicate gets 200 with
 * the first outcome and is counted once; the same key with another type or body gets 409), appends each
 * accepted event to the event log with fsync before answering (503 when a whole line cannot be written),
 * and serves Prometheus metrics on `/metrics`.
 */
export async function startReceiver(options: ReceiverOptions = {}): Promise<RunningReceiver> {
  if (!options.secret && !options.insecure) {
    throw new ConfigurationError(
      'the receiver needs a signing secret (--secret or RELEASE_GATE_SIGNING_SECRET); pass --insecure to accept unsigned events',
    );
  }
  if (options.secret) {
    const problem = signingSecretProblem(options.secret);
    if (problem) throw new ConfigurationError(`signing secret ${problem}`);
  }
  const logger = options.logger ?? silentLogger;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const windowMs = options.dedupeWindowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
  if (!(windowMs > tolerance * 1000)) {
    throw new ConfigurationError(
      `the dedupe window (--dedupe-window ${formatDuration(windowMs)}) must be longer than the signature tolerance (${formatDuration(tolerance * 1000)}), or a captured event could be replayed after its key is forgotten`,
    );
  }
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new ConfigurationError(
      'the connection cap (--max-connections) must be a whole number of at least 1',
    );
  }
  if (!options.secret) {
    logger.warning(
      '--insecure: unsigned events are accepted; they are deduplicated on the webhook-id header (on Idempotency-Key when there is none), which any sender can choose',
    );
  }
  const metrics = defineMetrics();

  const events: ReceivedEvent[] = [];
  const deliveries = new DeliveryIndex(windowMs);
  /** Events being written, by key: a duplicate arriving meanwhile waits for the first one's outcome. */
  const writing = new Map<string, Promise<StoredDelivery>>();

  const count = (event: ReceivedEvent) => {
    const environment = String(event.data.environment ?? '');
    metrics.inc('release_gate_receiver_events_total', { type: event.type, environment });
    if (event.type === 'release_gate.callback') {
      const state = String(event.data.rollbackCallbackState ?? 'unknown');
      metrics.inc('release_gate_rollback_callback_events_total', { environment, state });
      metrics.set(
        'release_gate_rollback_callback_last_received_timestamp_seconds',
        { environment, state },
        Date.parse(event.receivedAt) / 1000,
      );
    }
  };
  const completionFor = (event: ReceivedEvent, receivedAtMs: number): StoredDelivery['completion'] => {
    if (!options.completion) return undefined;
    if (event.type !== 'deploy.requested' && event.type !== 'rollback.requested') return undefined;
    return {
      doneAt: receivedAtMs + options.completion.afterMs,
      outcome: options.completion.outcome?.(event) ?? 'succeeded',
    };
  };
  const remember = (event: ReceivedEvent, receivedAtMs: number) => {
    events.push(event);
    deliveries.set(event.webhookId, {
      type: event.type,
      digest: dataDigest(event.data),
      receivedAtMs,
      completion: completionFor(event, receivedAtMs),
    });
  };
  const forgetOld = () => {
    const now = Date.now();
    deliveries.evict(now);
    const keep = events.findIndex((event) => deliveries.holds(Date.parse(event.receivedAt), now));
    events.splice(0, keep < 0 ? events.length : keep);
  };

  let log: EventLog | undefined;
  if (options.eventLog) {
    const opened = await EventLog.open(options.eventLog);
    log = opened;
    if (opened.tornBytes) {
      logger.warning(
        `event log: cut off a torn last line (${opened.tornBytes} bytes of a write that did not finish, never acknowledged)`,
      );
    }
    // Every event counts in the metrics; only those inside the window are remembered.
    const startedAt = Date.now();
    const replay = await replayEventLog(
      options.eventLog,
      ({ receivedAt, receivedAtMs, type, webhookId, data }) => {
        const event: ReceivedEvent = { receivedAt, type, webhookId, data };
        count(event);
        if (deliveries.holds(receivedAtMs, startedAt)) remember(event, receivedAtMs);
      },
    );
    if (replay.skipped) logger.warning(`event log: skipped ${replay.skipped} unreadable lines`);
    logger.info(
      `event log: ${replay.events} events read, ${deliveries.size} keys inside the ${formatDuration(windowMs)} dedupe window`,
    );
  }
  const sweeper = setInterval(forgetOld, Math.min(windowMs, 60_000));
  sweeper.unref();

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      logger.error(`receiver: ${errorMessage(error)}`);
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  server.maxConnections = maxConnections;
  server.on('drop', () => metrics.inc('release_gate_receiver_dropped_connections_total'));

  let baseUrl = '';

  /** The answer the first delivery of `key` got; duplicates get it again. */
  function firstOutcome(key: string, delivery: StoredDelivery): Outcome {
    const body: Record<string, unknown> = { accepted: true, webhookId: key, type: delivery.type };
    if (!delivery.completion) return { status: 202, body };
    const statusUrl = `${baseUrl}/status/${encodeURIComponent(key)}`;
    return { status: 202, body: { ...body, statusUrl, state: 'running' }, headers: { location: statusUrl } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    const route =
      path in RECEIVER_ROUTES || path === '/metrics' || path.startsWith('/status/') ? path : 'other';
    const routeLabel = route.startsWith('/status/') ? '/status' : route;
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      metrics.inc('release_gate_receiver_requests_total', { route: routeLabel, code: String(status) });
      send(res, status, body, headers);
    };
    const storeFailed = (error: EventLogWriteFailed) => {
      metrics.inc('release_gate_receiver_store_failures_total');
      logger.error(`receiver: ${path}: ${error.message}; answering 503`);
      reply(
        503,
        { error: `${error.message}; retry later` },
        { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) },
      );
    };

    if (path === '/metrics' && req.method === 'GET') {
      metrics.inc('release_gate_receiver_requests_total', { route: '/metrics', code: '200' });
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(metrics.render());
      return;
    }
    if (path === '/healthz' && req.method === 'GET') return reply(200, { status: 'pass' });
    if (path.startsWith('/status/') && req.method === 'GET') {
      let id: string;
      try {
        id = decodeURIComponent(path.slice('/status/'.length));
      } catch {
        return reply(400, { error: 'the delivery id in the status path is not valid percent-encoding' });
      }
      const completion = deliveries.get(id)?.completion;
      if (!completion) return reply(404, { error: 'unknown delivery' });
      return reply(200, { state: Date.now() >= completion.doneAt ? completion.outcome : 'running' });
    }
    const expectedType = RECEIVER_ROUTES[path];
    if (!expectedType) return reply(404, { error: `no route ${path}` });
    if (req.method !== 'POST') return reply(405, { error: 'use POST' }, { allow: 'POST' });

    const body = await readBody(req);
    if (body === undefined) return reply(413, { error: `body larger than ${BODY_LIMIT} bytes` });
    const headers = lowerHeaders(req);
    if (options.secret) {
      const verdict = verifySignature({ secret: options.secret, headers, body, toleranceSeconds: tolerance });
      if (!verdict.ok) {
        metrics.inc('release_gate_receiver_signature_failures_total');
        logger.warning(`receiver: ${path}: rejected: ${verdict.reason}`);
        return reply(401, { error: `signature rejected: ${verdict.reason}` });
      }
    }
    const mediaType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      return reply(415, {
        error: `events are JSON: send Content-Type application/json, not ${(headers['content-type'] ?? '(none)').slice(0, 80)}`,
      });
    }
    // The signed webhook-id is the key: an Idempotency-Key header is not signed, so it never overrides it.
    const key = options.secret
      ? headers['webhook-id']
      : (headers['webhook-id'] ?? headers['idempotency-key']);
    if (!key) return reply(400, { error: 'missing webhook-id (or Idempotency-Key) header' });

    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(body);
    } catch {
      return reply(400, { error: 'body is not JSON' });
    }
    const parsed = webhookEventSchema.safeParse(parsedJson);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reply(422, {
        error: `not a release-gate event: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
        types: WEBHOOK_TYPES,
      });
    }
    if (parsed.data.type !== expectedType) {
      return reply(422, { error: `${path} accepts ${expectedType} events, not ${parsed.data.type}` });
    }
    const digest = dataDigest(parsed.data.data);

    const inFlight = writing.get(key);
    let known: StoredDelivery | undefined;
    try {
      known = inFlight ? await inFlight : deliveries.get(key);
    } catch (error) {
      if (error instanceof EventLogWriteFailed) return storeFailed(error);
      throw error;
    }
    if (known) {
      if (known.type !== parsed.data.type || known.digest !== digest) {
        metrics.inc('release_gate_receiver_conflicting_events_total', { route: path });
        const what = known.type !== parsed.data.type ? `a ${known.type} event` : 'an event with other data';
        logger.warning(`receiver: ${path}: conflict: ${key} was first used for ${what}; refused`);
        return reply(409, {
          error: `key ${key} was first used for ${what}; a new event needs a new Idempotency-Key / webhook-id`,
          webhookId: key,
          type: known.type,
        });
      }
      metrics.inc('release_gate_receiver_duplicate_events_total', { route: path });
      logger.info(`receiver: ${path}: duplicate ${key}; answering with the first outcome`);
      const first = firstOutcome(key, known);
      return reply(200, { ...first.body, duplicate: true }, first.headers);
    }

    const receivedAtMs = Date.now();
    const event: ReceivedEvent = {
      receivedAt: new Date(receivedAtMs).toISOString(),
      type: parsed.data.type,
      webhookId: key,
      data: parsed.data.data,
    };
    const stored = (async (): Promise<StoredDelivery> => {
      await log?.append(event);
      count(event);
      remember(event, receivedAtMs);
      return deliveries.get(key, receivedAtMs)!;
    })();
    writing.set(key, stored);
    let delivery: StoredDelivery;
    try {
      delivery = await stored;
    } catch (error) {
      if (error instanceof EventLogWriteFailed) return storeFailed(error);
      throw error;
    } finally {
      writing.delete(key);
    }
    logger.info(
      `receiver: ${path}: accepted ${event.type} ${key} (environment ${String(event.data.environment)}${event.data.drill ? ', drill' : ''})`,
    );
    const outcome = firstOutcome(key, delivery);
    return reply(outcome.status, outcome.body, outcome.headers);
  }

  async function readBody(req: IncomingMessage): Promise<string | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > BODY_LIMIT) return undefined;
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  // A client that never finishes its request cannot hold a connection forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;
  return {
    url: baseUrl,
    port: address.port,
    events,
    metrics: () => metrics.render(),
    close: async () => {
      clearInterval(sweeper);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await log?.close();
    },
  };
}

function lowerHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(`${JSON.stringify(body)}\n`);
}
