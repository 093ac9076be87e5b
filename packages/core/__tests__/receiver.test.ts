import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { httpRequest } from '../src/http/request.js';
import { type RunningReceiver, startReceiver } from '../src/receiver/server.js';
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
const callback = (state: 'verified' | 'failed', environment = 'production') =>
  JSON.stringify(
    buildEvent('release_gate.callback', {
      ...common,
      environment,
      rollbackCallbackState: state,
      rollbackState: 'accepted',
      durationMs: 1200,
    }),
  );

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
  return { status: answer.status, json: JSON.parse(answer.body.toString()) as Record<string, unknown> };
}

function signed(id: string, body: string, now = Date.now()) {
  return { ...signatureHeaders(SECRET, id, body, now), 'idempotency-key': id };
}

async function metrics() {
  return (await httpRequest({ url: `${receiver!.url}/metrics`, timeoutMs: 2000 })).body.toString();
}

describe('reference receiver', () => {
  test('refuses to start without a secret unless insecure', async () => {
    await expect(startReceiver({})).rejects.toThrow(/needs a signing secret.*--insecure/);
    await expect(startReceiver({ secret: 'short' })).rejects.toThrow(/too short/);
    receiver = await startReceiver({ insecure: true });
    const answer = await post('/internal/release-gate/callbacks', callback('verified'), {
      'idempotency-key': 'k1',
    });
    expect(answer.status).toBe(202);
  });

  test('accepts an event signed by the reference library; rejects forged, unsigned and replayed-old ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'receiver-'));
    receiver = await startReceiver({ secret: SECRET, eventLog: join(dir, 'events.jsonl') });
    const body = callback('verified');
    const theirs = new Webhook(SECRET).sign('msg_ref', new Date(), body);
    const ok = await post('/internal/release-gate/callbacks', body, {
      'webhook-id': 'msg_ref',
      'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'webhook-signature': theirs,
    });
    expect(ok.status).toBe(202);

    const forged = await post('/internal/release-gate/callbacks', body, {
      ...signed('msg_forged', body),
      'webhook-signature': `v1,${Buffer.alloc(32, 7).toString('base64')}`,
    });
    expect(forged.status).toBe(401);
    expect(forged.json.error).toMatch(/no matching signature/);

    const old = await post(
      '/internal/release-gate/callbacks',
      body,
      signed('msg_old', body, Date.now() - 6 * 60_000),
    );
    expect(old.status).toBe(401);
    expect(old.json.error).toMatch(/off the receiver's clock/);

    const unsigned = await post('/internal/release-gate/callbacks', body, {
      'idempotency-key': 'msg_unsigned',
    });
    expect(unsigned.status).toBe(401);

    const text = await metrics();
    expect(text).toContain('release_gate_receiver_signature_failures_total 3');
    expect(text).toContain(
      'release_gate_rollback_callback_events_total{environment="production",state="verified"} 1',
    );
    const log = (await readFile(join(dir, 'events.jsonl'), 'utf8')).trim().split('\n');
    expect(log).toHaveLength(1);
  });

  test('a duplicate Idempotency-Key gets 200 with the first outcome and is counted once', async () => {
    receiver = await startReceiver({ secret: SECRET });
    const body = callback('failed', 'staging');
    const first = await post('/internal/release-gate/callbacks', body, signed('msg_dup', body));
    const again = await post('/internal/release-gate/callbacks', body, signed('msg_dup', body));
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => post('/internal/release-gate/callbacks', body, signed('msg_dup2', body))),
    );
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ ...first.json, duplicate: true });
    expect(concurrent.map((a) => a.status).sort()).toEqual([200, 200, 202]);
    const text = await metrics();
    expect(text).toContain(
      'release_gate_rollback_callback_events_total{environment="staging",state="failed"} 2',
    );
    expect(text).toMatch(
      /release_gate_receiver_duplicate_events_total\{route="\/internal\/release-gate\/callbacks"\} 3/,
    );
    expect(receiver.events).toHaveLength(2);
  });

  test('event log: one JSON line per accepted event, replayed at start for dedupe and metrics', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'receiver-'));
    const eventLog = join(dir, 'nested', 'events.jsonl');
    receiver = await startReceiver({ secret: SECRET, eventLog });
    const body = callback('verified');
    await post('/internal/release-gate/callbacks', body, signed('msg_a', body));
    const deploy = JSON.stringify(buildEvent('deploy.requested', { ...common, wait: false }));
    await post('/deploy', deploy, signed('msg_b', deploy));
    await receiver.close();
    const lines = (await readFile(eventLog, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.type, l.webhookId])).toEqual([
      ['release_gate.callback', 'msg_a'],
      ['deploy.requested', 'msg_b'],
    ]);
    expect(Object.keys(lines[0]).sort()).toEqual(['data', 'receivedAt', 'type', 'webhookId']);
    expect(lines[0].data.rollbackCallbackState).toBe('verified');

    await writeFile(eventLog, `${await readFile(eventLog, 'utf8')}{"torn`, 'utf8');
    receiver = await startReceiver({ secret: SECRET, eventLog });
    const replay = await post('/internal/release-gate/callbacks', body, signed('msg_a', body));
    expect(replay.status).toBe(200);
    expect(await metrics()).toContain(
      'release_gate_rollback_callback_events_total{environment="production",state="verified"} 1',
    );
  });

  test('routes check the event type and the body shape', async () => {
    receiver = await startReceiver({ secret: SECRET });
    const deploy = JSON.stringify(buildEvent('deploy.requested', { ...common, wait: false }));
    expect((await post('/rollback', deploy, signed('m1', deploy))).status).toBe(422);
    expect(
      (await post('/deploy', '{"type":"deploy.requested"}', signed('m2', '{"type":"deploy.requested"}')))
        .status,
    ).toBe(422);
    expect((await post('/nope', deploy, signed('m3', deploy))).status).toBe(404);
    const bare = signatureHeaders(SECRET, 'm4', deploy);
    expect((await post('/deploy', deploy, bare)).status).toBe(202); // webhook-id serves as the key
  });
});
