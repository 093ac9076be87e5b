import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { httpRequest } from '../src/http/request.js';
import type { Logger } from '../src/logger.js';
import { type RunningReceiver, startReceiver } from '../src/receiver/server.js';
import { sendWebhook } from '../src/webhooks/client.js';
import { buildEvent } from '../src/webhooks/payload.js';
import { signatureHeaders } from '../src/webhooks/signing.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const common = {
  environment: 'production',
  service: 'shop',
  ref: null,
  sha: 'a'.repeat(40),
  version: '1.0.0',
  runUrl: null,
  drill: false,
};
const deploy = (version = '1.0.0') =>
  JSON.stringify(buildEvent('deploy.requested', { ...common, version, wait: false }));
const rollback = () =>
  JSON.stringify(buildEvent('rollback.requested', { ...common, rollbackRef: 'v0.9.0', reason: 'smoke' }));

let receiver: RunningReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function post(path: string, body: string, headers: Record<string, string>) {
  const answer = await httpRequest({
    url: `${receiver!.url}${path}`,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
    timeoutMs: 2000,
  });
  return {
    status: answer.status,
    headers: answer.headers,
    json: JSON.parse(answer.body.toString()) as Record<string, unknown>,
  };
}

const signed = (id: string, body: string) => signatureHeaders(SECRET, id, body);

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (line: string) => {
    lines.push(line);
  };
  return {
    lines,
    info: write,
    warning: (m) => write(`warning: ${m}`),
    error: (m) => write(`error: ${m}`),
    debug: () => {},
    group: (_name, fn) => fn(),
  };
}

describe('reference receiver: keys', () => {
  test('a captured signed event replayed with fresh Idempotency-Keys is one event: dedupe is on the signed webhook-id', async () => {
    receiver = await startReceiver({ secret: SECRET });
    const body = rollback();
    const captured = signed('msg_captured', body);
    const first = await post('/rollback', body, { ...captured, 'idempotency-key': 'msg_captured' });
    expect(first.status).toBe(202);
    const replays = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post('/rollback', body, { ...captured, 'idempotency-key': `fresh-${i}` }),
      ),
    );
    expect(new Set(replays.map((r) => r.status))).toEqual(new Set([200]));
    expect(replays.every((r) => r.json.duplicate === true && r.json.webhookId === 'msg_captured')).toBe(true);
    expect(receiver.events).toHaveLength(1);
  });

  test('under --insecure the log says which key deduplicates', async () => {
    const logger = recordingLogger();
    receiver = await startReceiver({ insecure: true, logger });
    expect(logger.lines.join('\n')).toMatch(/unsigned events are accepted; .*deduplicated on the webhook-id/);
  });

  test('the same key for another type or body is 409 (nothing stored); a true duplicate stays 200 with the first outcome', async () => {
    receiver = await startReceiver({ secret: SECRET, completion: { afterMs: 60_000 } });
    const body = deploy();
    const first = await post('/deploy', body, signed('msg_k', body));
    expect(first.status).toBe(202);
    // Sent again later by a re-run: a new body timestamp and signature, the same event.
    const again = deploy();
    const duplicate = await post('/deploy', again, signed('msg_k', again));
    expect(duplicate.status).toBe(200);
    expect(duplicate.json).toEqual({ ...first.json, duplicate: true });
    expect(duplicate.headers.location).toBe(first.headers.location);

    const otherType = rollback();
    const reused = await post('/rollback', otherType, signed('msg_k', otherType));
    expect(reused.status).toBe(409);
    expect(reused.json.error).toMatch(/msg_k was first used for a deploy\.requested event/);
    const otherBody = deploy('2.0.0');
    const changed = await post('/deploy', otherBody, signed('msg_k', otherBody));
    expect(changed.status).toBe(409);
    expect(changed.json.error).toMatch(/msg_k was first used for an event with other data/);
    expect(receiver.events).toHaveLength(1);
    expect(receiver.metrics()).toContain(
      'release_gate_receiver_conflicting_events_total{route="/rollback"} 1',
    );
  });

  test('the webhook client reports a 409 as a failure naming the key, without retrying', async () => {
    receiver = await startReceiver({ secret: SECRET });
    const options = {
      idempotencyKey: 'msg_reused',
      signingSecret: SECRET,
      timeoutMs: 1000,
      deadlineMs: 5000,
      retryBaseMs: 10,
    };
    const deployed = await sendWebhook({
      ...options,
      url: `${receiver.url}/deploy`,
      event: buildEvent('deploy.requested', { ...common, wait: false }),
    });
    expect(deployed.state).toBe('accepted');
    const rolled = await sendWebhook({
      ...options,
      url: `${receiver.url}/rollback`,
      event: buildEvent('rollback.requested', { ...common, rollbackRef: 'v0.9.0', reason: 'smoke' }),
    });
    expect(rolled.state).toBe('failed');
    expect(rolled.status).toBe(409);
    expect(rolled.delivery.attempts).toBe(1);
    expect(rolled.message).toMatch(/HTTP 409: .*Idempotency-Key msg_reused/);
  });

  test('keys older than the dedupe window are forgotten at start; a window shorter than the signature tolerance is refused', async () => {
    await expect(startReceiver({ secret: SECRET, dedupeWindowMs: 60_000 })).rejects.toThrow(
      /dedupe window .* must be longer than the signature tolerance/,
    );
    const eventLog = join(await mkdtemp(join(tmpdir(), 'receiver-')), 'events.jsonl');
    const line = (webhookId: string, ageMs: number) =>
      `${JSON.stringify({
        receivedAt: new Date(Date.now() - ageMs).toISOString(),
        type: 'deploy.requested',
        webhookId,
        data: JSON.parse(deploy()).data,
      })}\n`;
    await writeFile(eventLog, line('msg_old', 2 * 3600_000) + line('msg_new', 60_000));
    receiver = await startReceiver({ secret: SECRET, eventLog, dedupeWindowMs: 3600_000 });
    expect(receiver.events.map((e) => e.webhookId)).toEqual(['msg_new']);
    expect(receiver.metrics()).toContain(
      'release_gate_receiver_events_total{environment="production",type="deploy.requested"} 2',
    );
    const body = deploy();
    expect((await post('/deploy', body, signed('msg_new', body))).status).toBe(200);
    expect((await post('/deploy', body, signed('msg_old', body))).status).toBe(202);
  });
});

describe('reference receiver: status URLs, content type, connections', () => {
  test('status lookups and Location survive a restart (rebuilt from the log); a bad percent-encoding is 400', async () => {
    const eventLog = join(await mkdtemp(join(tmpdir(), 'receiver-')), 'events.jsonl');
    const completion = { afterMs: 200 };
    receiver = await startReceiver({ secret: SECRET, eventLog, completion });
    const body = deploy();
    const first = await post('/deploy', body, signed('msg_s/1', body));
    expect(first.headers.location).toBe(`${receiver.url}/status/msg_s%2F1`);
    await receiver.close();

    receiver = await startReceiver({ secret: SECRET, eventLog, completion });
    const retried = await post('/deploy', body, signed('msg_s/1', body));
    expect(retried.status).toBe(200);
    expect(retried.headers.location).toBe(`${receiver.url}/status/msg_s%2F1`);
    const status = await httpRequest({ url: retried.headers.location!, timeoutMs: 2000 });
    expect(status.status).toBe(200);
    expect(JSON.parse(status.body.toString()).state).toMatch(/^(running|succeeded)$/);

    const bad = await httpRequest({ url: `${receiver.url}/status/%E0%A4%A`, timeoutMs: 2000 });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error).toMatch(/percent-encoding/);
  });

  test('a signed body sent as another content type is 415', async () => {
    receiver = await startReceiver({ secret: SECRET });
    const body = deploy();
    const plain = await post('/deploy', body, { ...signed('msg_t', body), 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect(plain.json.error).toMatch(/application\/json, not text\/plain/);
    const json = await post('/deploy', body, {
      ...signed('msg_t', body),
      'content-type': 'application/json; charset=utf-8',
    });
    expect(json.status).toBe(202);
  });

  test('connections over the cap are closed on arrival and counted; the ones served keep working', async () => {
    receiver = await startReceiver({ secret: SECRET, maxConnections: 2 });
    const { port } = receiver;
    const open = () =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => resolve(socket));
        socket.once('error', reject);
      });
    const held = [await open(), await open()];
    const extra = await open();
    const closed = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 2000);
      extra.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
      extra.once('error', () => {});
      extra.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    expect(closed).toBe(true);
    const answer = await new Promise<string>((resolve) => {
      held[0]!.once('data', (chunk) => resolve(chunk.toString()));
      held[0]!.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    for (const socket of held) socket.destroy();
    expect(receiver.metrics()).toContain('release_gate_receiver_dropped_connections_total 1');
  });
});

describe('reference receiver: event log', () => {
  test('a torn last line is cut off at start (and logged), so the next event is a whole line of its own', async () => {
    const eventLog = join(await mkdtemp(join(tmpdir(), 'receiver-')), 'events.jsonl');
    receiver = await startReceiver({ secret: SECRET, eventLog });
    const body = deploy();
    await post('/deploy', body, signed('msg_before', body));
    await receiver.close();
    const whole = await readFile(eventLog, 'utf8');
    const fragment = '{"receivedAt":"2026-01-01T00:00:00.000Z","type":"depl';
    await writeFile(eventLog, whole + fragment);

    const logger = recordingLogger();
    receiver = await startReceiver({ secret: SECRET, eventLog, logger });
    expect(logger.lines.join('\n')).toContain(
      `warning: event log: cut off a torn last line (${fragment.length} bytes`,
    );
    expect(await readFile(eventLog, 'utf8')).toBe(whole);
    const next = deploy('1.1.0');
    expect((await post('/deploy', next, signed('msg_after', next))).status).toBe(202);
    await receiver.close();

    receiver = await startReceiver({ secret: SECRET, eventLog });
    expect(receiver.events.map((e) => e.webhookId)).toEqual(['msg_before', 'msg_after']);
    expect((await post('/deploy', next, signed('msg_after', next))).status).toBe(200);
  });
});
