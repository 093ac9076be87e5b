import { createHash } from 'node:crypto';
import type { WebhookType } from '../webhooks/payload.js';

export type CompletionState = 'succeeded' | 'failed';

/** What the receiver remembers of one stored event: enough to dedupe it, tell a conflict, answer its status. */
export interface StoredDelivery {
  type: WebhookType;
  /** Digest of the event's `data`, to tell a true duplicate from another event under the same key. */
  digest: string;
  receivedAtMs: number;
  /** For events answered with a status URL: when the state turns from `running`, and into what. */
  completion?: { doneAt: number; outcome: CompletionState };
}

/** A digest of a JSON value that does not depend on the order of its object keys. */
export function dataDigest(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data)).digest('base64url').slice(0, 22);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Stored deliveries by dedupe key, for `windowMs` after they were received: older ones are forgotten, so
 * memory is bounded by the window, not by the length of the log. Keys are kept in arrival order, which
 * makes forgetting the oldest cheap.
 */
export class DeliveryIndex {
  private readonly byKey = new Map<string, StoredDelivery>();

  constructor(readonly windowMs: number) {}

  get size(): number {
    return this.byKey.size;
  }

  /** Whether an event received at `receivedAtMs` is still inside the window at `now`. */
  holds(receivedAtMs: number, now = Date.now()): boolean {
    return receivedAtMs >= now - this.windowMs;
  }

  get(key: string, now = Date.now()): StoredDelivery | undefined {
    const delivery = this.byKey.get(key);
    return delivery && this.holds(delivery.receivedAtMs, now) ? delivery : undefined;
  }

  set(key: string, delivery: StoredDelivery): void {
    this.byKey.delete(key);
    this.byKey.set(key, delivery);
  }

  /** Forgets deliveries older than the window; returns how many. */
  evict(now = Date.now()): number {
    let evicted = 0;
    for (const [key, delivery] of this.byKey) {
      if (this.holds(delivery.receivedAtMs, now)) break;
      this.byKey.delete(key);
      evicted += 1;
    }
    return evicted;
  }
}
