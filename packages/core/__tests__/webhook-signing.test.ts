import { describe, expect, test } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { idempotencyKey } from '../src/webhooks/idempotency.js';
import { sign, signatureHeaders, signingSecretProblem, verifySignature } from '../src/webhooks/signing.js';

const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const RAW = 'a raw shared secret';
const body = JSON.stringify({ type: 'deploy.requested', timestamp: '2026-01-01T00:00:00Z', data: { a: 1 } });

describe('Standard Webhooks signing', () => {
  test.each([
    ['whsec_ base64 secret', WHSEC, new Webhook(WHSEC)],
    ['raw secret', RAW, new Webhook(RAW, { format: 'raw' })],
  ])('%s: the reference library verifies our signature and we verify its', (_name, secret, reference) => {
    const headers = signatureHeaders(secret, 'msg_1', body);
    expect(reference.verify(body, headers)).toEqual(JSON.parse(body));
    const now = new Date();
    const theirs = reference.sign('msg_2', now, body);
    expect(theirs).toBe(sign(secret, 'msg_2', Math.floor(now.getTime() / 1000), body));
    const verdict = verifySignature({
      secret,
      body,
      headers: {
        'webhook-id': 'msg_2',
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': theirs,
      },
    });
    expect(verdict).toEqual({ ok: true });
  });

  test('a changed body, id, wrong secret or stale timestamp is rejected', () => {
    const headers = signatureHeaders(WHSEC, 'msg_1', body);
    expect(verifySignature({ secret: WHSEC, body: `${body} `, headers }).ok).toBe(false);
    expect(verifySignature({ secret: WHSEC, body, headers: { ...headers, 'webhook-id': 'msg_x' } }).ok).toBe(
      false,
    );
    expect(verifySignature({ secret: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAA', body, headers }).ok).toBe(false);
    const old = signatureHeaders(WHSEC, 'msg_1', body, Date.now() - 301_000);
    const verdict = verifySignature({ secret: WHSEC, body, headers: old });
    expect(verdict).toEqual({ ok: false, reason: expect.stringContaining('off the receiver') });
    const future = signatureHeaders(WHSEC, 'msg_1', body, Date.now() + 301_000);
    expect(verifySignature({ secret: WHSEC, body, headers: future }).ok).toBe(false);
    const recent = signatureHeaders(WHSEC, 'msg_1', body, Date.now() - 290_000);
    expect(verifySignature({ secret: WHSEC, body, headers: recent }).ok).toBe(true);
  });

  test('several signatures: one matching v1 is enough (key rotation)', () => {
    const headers = signatureHeaders(WHSEC, 'msg_1', body);
    const rotated = { ...headers, 'webhook-signature': `v1,bm9wZQ== ${headers['webhook-signature']}` };
    expect(verifySignature({ secret: WHSEC, body, headers: rotated }).ok).toBe(true);
  });

  test.each([
    ['whsec_!!notbase64', /not base64/],
    ['short', /too short/],
    ['whsec_YWJj', /too short/],
  ])('secret %s is refused with a fix', (secret, message) => {
    expect(signingSecretProblem(secret)).toMatch(message);
  });
});

describe('idempotency key', () => {
  const parts = {
    repository: 'acme/shop',
    runId: '1001',
    runAttempt: 1,
    environment: 'production',
    service: 'shop',
    type: 'deploy.requested' as const,
    sha: 'a'.repeat(40),
  };
  test('stable for the same request, new for a new attempt, type, environment or sha', () => {
    const key = idempotencyKey(parts);
    expect(key).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(idempotencyKey({ ...parts })).toBe(key);
    for (const change of [
      { runAttempt: 2 },
      { type: 'rollback.requested' as const },
      { environment: 'staging' },
      { sha: 'b'.repeat(40) },
      { runId: '1002' },
      { service: 'cart' },
    ]) {
      expect(idempotencyKey({ ...parts, ...change })).not.toBe(key);
    }
  });
});
