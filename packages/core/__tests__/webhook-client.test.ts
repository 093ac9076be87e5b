import { afterEach, describe, expect, test } from '@jest/globals';
import { type ScriptedServer, startScriptedServer } from '../../../test/webhooks/scripted-server.js';
import { startReceiver } from '../src/receiver/server.js';
import { sendWebhook, type WebhookRequestOptions } from '../src/webhooks/client.js';
import { buildEvent } from '../src/webhooks/payload.js';

const event = buildEvent('deploy.requested', {
  environment: 'staging',
  service: 'shop',
  ref: 'refs/heads/main',
  sha: 'a'.repeat(40),
  version: '1.2.3',
  runUrl: null,
  drill: false,
  wait: false,
});

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function options(url: string, extra: Partial<WebhookRequestOptions> = {}): WebhookRequestOptions {
  return {
    url: `${url}/hooks/deploy`,
    event,
    idempotencyKey: 'msg_test1',
    timeoutMs: 1000,
    deadlineMs: 5000,
    retryBaseMs: 20,
    ...extra,
  };
}

describe('sendWebhook', () => {
  test('503 twice then 202: three attempts, the same Idempotency-Key and body each time', async () => {
    server = await startScriptedServer([{ status: 503 }, { status: 503 }, { status: 202 }]);
    const outcome = await sendWebhook(
      options(server.url, { signingSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
    );
    expect(outcome.state).toBe('accepted');
    expect(outcome.delivery.attempts).toBe(3);
    expect(outcome.delivery.statusCodes).toEqual([503, 503, 202]);
    expect(server.requests).toHaveLength(3);
    const keys = server.requests.map((r) => [r.headers['idempotency-key'], r.headers['webhook-id']]);
    expect(keys).toEqual(Array(3).fill(['msg_test1', 'msg_test1']));
    expect(new Set(server.requests.map((r) => r.body)).size).toBe(1);
    expect(server.requests[0]!.headers['user-agent']).toMatch(/^release-actions\/\d+\.\d+\.\d+$/);
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
  });

  test('429 with Retry-After: waits at least that long', async () => {
    server = await startScriptedServer([{ status: 429, headers: { 'retry-after': '1' } }, { status: 202 }]);
    const outcome = await sendWebhook(options(server.url, { retryBaseMs: 1 }));
    expect(outcome.state).toBe('accepted');
    const gap = server.requests[1]!.at - server.requests[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(950);
    expect(gap).toBeLessThan(3000);
  });

  test('a Retry-After past the deadline ends the loop instead of waiting', async () => {
    server = await startScriptedServer([{ status: 429, headers: { 'retry-after': '60' } }]);
    const started = Date.now();
    const outcome = await sendWebhook(options(server.url, { deadlineMs: 1000 }));
    expect(outcome.state).toBe('failed');
    expect(Date.now() - started).toBeLessThan(900);
    expect(outcome.message).toMatch(/HTTP 429 \(Retry-After 1m\)/);
  });

  test('400 is not retried and the message carries the first lines of the body', async () => {
    server = await startScriptedServer([
      { status: 400, body: 'missing field environment\nsecond line\n3\n4\n5\n6\n7' },
    ]);
    const outcome = await sendWebhook(options(server.url));
    expect(outcome.state).toBe('failed');
    expect(server.requests).toHaveLength(1);
    expect(outcome.message).toMatch(/HTTP 400 \(not retried.*missing field environment \| second line/);
    expect(outcome.message).not.toMatch(/\| 6/);
  });

  test('a redirect is a failure and is not followed', async () => {
    server = await startScriptedServer([{ status: 307, headers: { location: '/elsewhere?token=abc' } }]);
    const outcome = await sendWebhook(options(server.url));
    expect(outcome.state).toBe('failed');
    expect(outcome.message).toMatch(/redirect/);
    expect(outcome.message).not.toContain('token=abc');
    expect(server.requests).toHaveLength(1);
  });

  test('a hanging webhook hits its timeout on every attempt and the deadline ends the loop', async () => {
    server = await startScriptedServer([{ hang: true }]);
    const started = Date.now();
    const outcome = await sendWebhook(
      options(server.url, { timeoutMs: 200, deadlineMs: 1000, maxAttempts: 10 }),
    );
    const elapsed = Date.now() - started;
    expect(outcome.state).toBe('failed');
    expect(outcome.message).toMatch(/timed out|no complete answer within \d+ms/);
    expect(outcome.message).toMatch(/timeout 200ms per attempt, deadline 1s/);
    expect(elapsed).toBeLessThan(2500);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
  });

  test('the URL, bearer token and secret never appear in messages', async () => {
    server = await startScriptedServer([
      { status: 401, body: 'bad token tok_supersecret for /hooks/deploy' },
    ]);
    const outcome = await sendWebhook(options(server.url, { bearerToken: 'tok_supersecret' }));
    expect(outcome.message).not.toContain('tok_supersecret');
    expect(outcome.delivery.target).toBe(`${server.url}/***`);
    expect(JSON.stringify(outcome)).not.toContain('/hooks/deploy');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer tok_supersecret');
  });

  test('dry-run sends nothing and shows the request with secrets masked', async () => {
    server = await startScriptedServer([{ status: 202 }]);
    const outcome = await sendWebhook(
      options(server.url, {
        dryRun: true,
        bearerToken: 'tok_supersecret',
        signingSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      }),
    );
    expect(server.requests).toHaveLength(0);
    expect(outcome.dryRunText).toContain('authorization: Bearer ***');
    expect(outcome.dryRunText).toMatch(/webhook-signature: v1,[A-Za-z0-9+/=]{44}/);
    expect(outcome.dryRunText).toContain('"type":"deploy.requested"');
    expect(outcome.dryRunText).not.toContain('tok_supersecret');
    expect(outcome.dryRunText).not.toContain('MfKQ9r8');
  });

  test('wait: polls the Location status URL until succeeded, or reports failed', async () => {
    const receiver = await startReceiver({
      insecure: true,
      completion: { afterMs: 300, outcome: (e) => (e.data.version === 'bad' ? 'failed' : 'succeeded') },
    });
    try {
      const ok = await sendWebhook({
        ...options(receiver.url),
        url: `${receiver.url}/deploy`,
        wait: true,
        pollIntervalMs: 50,
      });
      expect(ok.state).toBe('succeeded');
      const bad = await sendWebhook({
        ...options(receiver.url),
        url: `${receiver.url}/deploy`,
        idempotencyKey: 'msg_test2',
        event: { ...event, data: { ...event.data, version: 'bad' } },
        wait: true,
        pollIntervalMs: 50,
      });
      expect(bad.state).toBe('failed');
      expect(bad.message).toMatch(/state failed/);
      const unfinished = await sendWebhook({
        ...options(receiver.url),
        url: `${receiver.url}/deploy`,
        idempotencyKey: 'msg_test3',
        wait: true,
        pollIntervalMs: 50,
        deadlineMs: 150,
      });
      expect(unfinished.state).toBe('failed');
      expect(unfinished.message).toMatch(/not finished by the deadline \(last state: running/);
    } finally {
      await receiver.close();
    }
  });

  test('an answer that already carries a terminal state needs no polling; wait without a status URL warns', async () => {
    server = await startScriptedServer([{ status: 200, body: { state: 'failed' } }]);
    const failed = await sendWebhook(options(server.url, { wait: true }));
    expect(failed.state).toBe('failed');
    expect(server.requests).toHaveLength(1);
    await server.close();
    server = await startScriptedServer([{ status: 202, body: { accepted: true } }]);
    const warnings: string[] = [];
    const logger = {
      info: () => {},
      warning: (m: string) => warnings.push(m),
      error: () => {},
      debug: () => {},
      group: <T>(_n: string, fn: () => Promise<T>) => fn(),
    };
    const accepted = await sendWebhook(options(server.url, { wait: true, logger }));
    expect(accepted.state).toBe('accepted');
    expect(warnings.join('\n')).toMatch(/no status URL/);
  });

  test('a relative statusUrl in the JSON answer is polled on the webhook origin with the bearer token', async () => {
    server = await startScriptedServer([
      { status: 202, body: { statusUrl: '/status/1' } },
      { status: 200, body: { state: 'running' } },
      { status: 200, body: { state: 'succeeded' } },
    ]);
    const outcome = await sendWebhook(
      options(server.url, { wait: true, pollIntervalMs: 20, bearerToken: 'tok_poll' }),
    );
    const polls = server.requests.filter((r) => r.method === 'GET').length;
    expect(outcome.state).toBe('succeeded');
    expect(polls).toBe(2);
    expect(server.requests[1]!.path).toBe('/status/1');
    expect(server.requests[1]!.headers.authorization).toBe('Bearer tok_poll');
  });

  test('a connection refused is retried and reported clearly', async () => {
    server = await startScriptedServer([{ status: 202 }]);
    const url = server.url;
    await server.close();
    server = undefined;
    const outcome = await sendWebhook(options(url, { maxAttempts: 2 }));
    expect(outcome.state).toBe('failed');
    expect(outcome.delivery.attempts).toBe(2);
    expect(outcome.message).toMatch(/connection refused/);
  });
});
