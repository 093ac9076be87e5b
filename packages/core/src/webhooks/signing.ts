import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigurationError } from '../errors.js';

/** Standard Webhooks allows a timestamp this far from the receiver's clock, either way. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;
const SECRET_PREFIX = 'whsec_';

/**
 * The HMAC key of a signing secret: `whsec_<base64>` secrets (the Standard Webhooks form) are decoded;
 * any other string is used as raw bytes (UTF-8).
 */
export function signingKey(secret: string): Buffer {
  if (secret.startsWith(SECRET_PREFIX)) {
    const encoded = secret.slice(SECRET_PREFIX.length);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
      throw new ConfigurationError(
        'the signing secret starts with whsec_ but the rest is not base64; generate one with: echo "whsec_$(openssl rand -base64 32)"',
      );
    }
    return Buffer.from(encoded, 'base64');
  }
  return Buffer.from(secret, 'utf8');
}

/** Checks a secret is usable; returns a problem to report, or undefined. */
export function signingSecretProblem(secret: string): string | undefined {
  try {
    if (signingKey(secret).length < 8) return 'is too short: use at least 8 bytes (24 or more recommended)';
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

/** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` */
export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', signingKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest();
  return `v1,${mac.toString('base64')}`;
}

/** The three Standard Webhooks headers for one delivery attempt. */
export function signatureHeaders(
  secret: string,
  id: string,
  body: string,
  now = Date.now(),
): { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string } {
  const timestamp = Math.floor(now / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(secret, id, timestamp, body),
  };
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/**
 * Verifies Standard Webhooks headers: all three present, the timestamp within `toleranceSeconds` of now,
 * and one of the space-separated `v1,` signatures matching (constant-time comparison).
 */
export function verifySignature(options: {
  secret: string;
  headers: Record<string, string | undefined>;
  body: string;
  now?: number;
  toleranceSeconds?: number;
}): VerifyResult {
  const id = options.headers['webhook-id'];
  const timestampText = options.headers['webhook-timestamp'];
  const signatures = options.headers['webhook-signature'];
  if (!id || !timestampText || !signatures) {
    return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature header' };
  }
  if (!/^\d+$/.test(timestampText)) return { ok: false, reason: 'webhook-timestamp is not a number' };
  const timestamp = Number(timestampText);
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(now - timestamp) > tolerance) {
    return {
      ok: false,
      reason: `webhook-timestamp is ${Math.abs(now - timestamp)}s off the receiver's clock (limit ${tolerance}s)`,
    };
  }
  const expected = Buffer.from(sign(options.secret, id, timestamp, options.body).slice(3));
  for (const candidate of signatures.split(' ')) {
    const [version, value] = candidate.split(',');
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: 'no matching signature' };
}
