import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError, errorMessage } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { WEBHOOK_TYPES, type WebhookType, webhookEventSchema } from '../webhooks/payload.js';
import { DEFAULT_TOLERANCE_SECONDS, signingSecretProblem, verifySignature } from '../webhooks/signing.js';
import { EventLog, type EventLogLine, readEventLog } from './event-log.js';
import { MetricsRegistry } from './metrics.js';

/** Which route accepts which event type. */
export const RECEIVER_ROUTES: Record<string, WebhookType> = {
  '/deploy': 'deploy.requested',
  '/rollback': 'rollback.requested',
  '/rollback/verify': 'rollback.verify',
  '/internal/release-gate/callbacks': 'release_gate.callback',
};

export type CompletionState = 'succeeded' | 'failed';

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
   * Answer `deploy.requested` and `rollback.requested` with a status URL to poll (`Location` header and
   * `statusUrl`): the state is `running` for `afterMs`, then `outcome(event)` (default `succeeded`).
   * Without it they are answered 202 `accepted`.
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
  /** Accepted events, oldest first (deduplicated; events replayed from the log included). */
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

/**
 * Starts the reference receiver: verifies Standard Webhooks signatures (401 on a bad signature or a
 * timestamp more than 5 minutes off), deduplicates by Idempotency-Key (a duplicate gets 200 with the
 * first outcome and is counted once), appends each accepted event to the event log with fsync before
 * answering, and serves Prometheus metrics on `/metrics`.
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
    'Events received again with an Idempotency-Key already seen.',
  );
  metrics.define(
    'release_gate_receiver_signature_failures_total',
    'counter',
    'Events rejected for a bad or missing signature or timestamp.',
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

  const events: ReceivedEvent[] = [];
  const outcomes = new Map<string, Promise<Outcome>>();
  const completions = new Map<string, { doneAt: number; outcome: CompletionState }>();
  const account = (event: ReceivedEvent) => {
    events.push(event);
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

  let log: EventLog | undefined;
  if (options.eventLog) {
    const previous = await readEventLog(options.eventLog);
    for (const event of previous.events) {
      account(event);
      outcomes.set(
        event.webhookId,
        Promise.resolve({
          status: 202,
          body: { accepted: true, webhookId: event.webhookId, type: event.type },
        }),
      );
    }
    if (previous.skipped) logger.warning(`event log: skipped ${previous.skipped} unreadable lines`);
    log = await EventLog.open(options.eventLog);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      logger.error(`receiver: ${errorMessage(error)}`);
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });

  let baseUrl = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    const route =
      path in RECEIVER_ROUTES || path === '/metrics' || path.startsWith('/status/') ? path : 'other';
    const routeLabel = route.startsWith('/status/') ? '/status' : route;
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      metrics.inc('release_gate_receiver_requests_total', { route: routeLabel, code: String(status) });
      send(res, status, body, headers);
    };

    if (path === '/metrics' && req.method === 'GET') {
      metrics.inc('release_gate_receiver_requests_total', { route: '/metrics', code: '200' });
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(metrics.render());
      return;
    }
    if (path === '/healthz' && req.method === 'GET') return reply(200, { status: 'pass' });
    if (path.startsWith('/status/') && req.method === 'GET') {
      const id = decodeURIComponent(path.slice('/status/'.length));
      const completion = completions.get(id);
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
    const key = headers['idempotency-key'] ?? headers['webhook-id'];
    if (!key) return reply(400, { error: 'missing Idempotency-Key (or webhook-id) header' });

    const known = outcomes.get(key);
    if (known) {
      const first = await known;
      metrics.inc('release_gate_receiver_duplicate_events_total', { route: path });
      logger.info(`receiver: ${path}: duplicate ${key}; answering with the first outcome`);
      return reply(200, { ...first.body, duplicate: true }, first.headers);
    }

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

    const pending = (async (): Promise<Outcome> => {
      const event: ReceivedEvent = {
        receivedAt: new Date().toISOString(),
        type: parsed.data.type,
        webhookId: key,
        data: parsed.data.data,
      };
      await log?.append(event);
      account(event);
      const body: Record<string, unknown> = { accepted: true, webhookId: key, type: event.type };
      const outcome: Outcome = { status: 202, body };
      if (options.completion && (event.type === 'deploy.requested' || event.type === 'rollback.requested')) {
        completions.set(key, {
          doneAt: Date.now() + options.completion.afterMs,
          outcome: options.completion.outcome?.(event) ?? 'succeeded',
        });
        const statusUrl = `${baseUrl}/status/${encodeURIComponent(key)}`;
        body.statusUrl = statusUrl;
        body.state = 'running';
        outcome.headers = { location: statusUrl };
      }
      logger.info(
        `receiver: ${path}: accepted ${event.type} ${key} (environment ${String(event.data.environment)}${event.data.drill ? ', drill' : ''})`,
      );
      return outcome;
    })();
    outcomes.set(key, pending);
    try {
      const outcome = await pending;
      return reply(outcome.status, outcome.body, outcome.headers);
    } catch (error) {
      outcomes.delete(key); // not stored: let a retry try again
      throw error;
    }
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
