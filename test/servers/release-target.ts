import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * One environment of a user's service, as the release gate meets it: deploy, rollback and verify webhooks
 * and a callback receiver (each at a path holding its own secret token, as teams keep them in secrets), a
 * status URL per delivery that answers `{ state }` until the work is done, and a health endpoint that
 * reports the running version and fails while a known-bad release runs. Signatures are checked with the
 * Standard Webhooks reference library; a repeated webhook-id is answered with its first outcome and
 * applied once. A rollback marked `drill: true` is rehearsed: it completes without changing the version.
 */
export interface ReleaseTarget {
  name: string;
  base: string;
  /** Secret-bearing URLs, as a team stores them (`<ENV>_DEPLOY_WEBHOOK` and so on). */
  urls: { deploy: string; rollback: string; verify: string; callbacks: string; health: string };
  bearerToken: string;
  /** Every webhook delivery received, in order (repeats included). */
  events: ReceivedEvent[];
  /** Distinct webhook-ids applied (a repeat is answered, not applied again). */
  applied: string[];
  /** The release running now. */
  current(): { sha: string; version: string };
  /** Health answers seen, with the version reported, for ordering checks. */
  healthChecks: Array<{ at: number; version: string; status: number }>;
  close(): Promise<void>;
}

export interface ReceivedEvent {
  kind: 'deploy' | 'rollback' | 'verify' | 'callbacks';
  at: number;
  webhookId: string;
  idempotencyKey: string;
  signatureValid: boolean;
  type: string;
  data: Record<string, unknown>;
}

export interface ReleaseTargetOptions {
  name: string;
  signingSecret: string;
  /** Shas whose release answers its health check with 503. */
  badShas: Set<string>;
  initial: { sha: string; version: string };
  /** How long a deploy takes (default: done at once, so the first status poll says succeeded). */
  deployMs?: number;
  /** How long a rollback takes before the old version runs again (the status URL says in_progress until then). */
  rollbackMs?: number;
  /** The callback receiver answers this status instead of 200 (a broken receiver). */
  callbackStatus?: number;
}

const token = () => randomBytes(18).toString('base64url');

export async function startReleaseTarget(options: ReleaseTargetOptions): Promise<ReleaseTarget> {
  const hookTokens = { deploy: token(), rollback: token(), verify: token(), callbacks: token() };
  const bearerToken = `smk_${token()}`;
  const verifier = new Webhook(options.signingSecret);
  const events: ReceivedEvent[] = [];
  const applied: string[] = [];
  const healthChecks: ReleaseTarget['healthChecks'] = [];
  const versions = new Map<string, string>([[options.initial.sha, options.initial.version]]);
  let current = { ...options.initial };
  const deliveries = new Map<string, { status: number; body: unknown; doneAt: number }>();
  const timers = new Set<NodeJS.Timeout>();
  let base = '';

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://target');
    if (url.pathname === '/healthz') {
      if (req.headers.authorization !== `Bearer ${bearerToken}`) return send(res, 401, { status: 'fail' });
      const bad = options.badShas.has(current.sha);
      const status = bad ? 503 : 200;
      healthChecks.push({ at: Date.now(), version: current.version, status });
      return send(res, status, { status: bad ? 'fail' : 'pass', version: current.version });
    }
    const statusMatch = /^\/status\/([\w-]+)$/.exec(url.pathname);
    if (statusMatch) {
      const delivery = deliveries.get(statusMatch[1]!);
      if (!delivery) return send(res, 404, { error: 'unknown delivery' });
      return send(res, 200, { state: Date.now() >= delivery.doneAt ? 'succeeded' : 'in_progress' });
    }
    const hook = /^\/hooks\/([\w-]+)$/.exec(url.pathname);
    const kind = hook
      ? (Object.entries(hookTokens).find(([, value]) => value === hook[1])?.[0] as
          | ReceivedEvent['kind']
          | undefined)
      : undefined;
    if (!kind || req.method !== 'POST') return send(res, 404, { error: 'not found' });
    const headers = {
      'webhook-id': String(req.headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
    };
    let signatureValid = true;
    try {
      verifier.verify(body, headers);
    } catch {
      signatureValid = false;
    }
    const event = JSON.parse(body) as { type: string; data: Record<string, unknown> };
    const webhookId = headers['webhook-id'];
    events.push({
      kind,
      at: Date.now(),
      webhookId,
      idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
      signatureValid,
      type: event.type,
      data: event.data,
    });
    if (!signatureValid) return send(res, 401, { error: 'bad signature' });
    if (kind === 'callbacks') {
      return send(res, options.callbackStatus ?? 200, { ok: (options.callbackStatus ?? 200) < 300 });
    }
    const first = deliveries.get(webhookId);
    if (first) return send(res, first.status, first.body, { location: `${base}/status/${webhookId}` });
    applied.push(webhookId);
    const statusUrl = `${base}/status/${webhookId}`;
    const delay =
      kind === 'deploy' ? (options.deployMs ?? 0) : kind === 'rollback' ? (options.rollbackMs ?? 8000) : 0;
    const reply = { status: 202, body: { accepted: true, statusUrl } };
    deliveries.set(webhookId, { ...reply, doneAt: Date.now() + delay });
    if (kind === 'deploy') {
      const sha = String(event.data.sha);
      const version = String(event.data.version || sha);
      versions.set(sha, version);
      later(delay, () => {
        current = { sha, version };
      });
    } else if (kind === 'rollback' && event.data.drill !== true) {
      // A drill (data.drill: true) is rehearsed: the status URL completes, the running version stays.
      const sha = String(event.data.rollbackRef);
      later(delay, () => {
        current = { sha, version: versions.get(sha) ?? sha };
      });
    }
    return send(res, reply.status, reply.body, { location: statusUrl });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    name: options.name,
    base,
    urls: {
      deploy: `${base}/hooks/${hookTokens.deploy}`,
      rollback: `${base}/hooks/${hookTokens.rollback}`,
      verify: `${base}/hooks/${hookTokens.verify}`,
      callbacks: `${base}/hooks/${hookTokens.callbacks}`,
      health: `${base}/healthz`,
    },
    bearerToken,
    events,
    applied,
    current: () => current,
    healthChecks,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
