import * as z from 'zod';

/** The event types every webhook action and the reference receiver agree on. */
export const WEBHOOK_TYPES = [
  'deploy.requested',
  'rollback.requested',
  'rollback.verify',
  'release_gate.callback',
] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];

/** Fields every event's `data` carries. */
export const commonDataSchema = z.object({
  environment: z.string().min(1),
  service: z.string().min(1),
  ref: z.string().nullable(),
  sha: z.string().nullable(),
  version: z.string().nullable(),
  runUrl: z.string().nullable(),
  /** A drill: receivers rehearse without acting. */
  drill: z.boolean(),
});

export const deployDataSchema = commonDataSchema.extend({ wait: z.boolean() });
export const rollbackDataSchema = commonDataSchema.extend({
  rollbackRef: z.string().nullable(),
  reason: z.string(),
});
export const verifyDataSchema = commonDataSchema.extend({
  rollbackRef: z.string().nullable(),
  smokeResult: z.enum(['passed', 'failed', 'error']),
});
export const callbackDataSchema = commonDataSchema.extend({
  rollbackCallbackState: z.enum(['verified', 'failed', 'skipped_missing_webhook']),
  rollbackState: z.string().nullable(),
  durationMs: z.number().nonnegative(),
});

export type CommonData = z.infer<typeof commonDataSchema>;
export type DeployData = z.infer<typeof deployDataSchema>;
export type RollbackData = z.infer<typeof rollbackDataSchema>;
export type VerifyData = z.infer<typeof verifyDataSchema>;
export type CallbackData = z.infer<typeof callbackDataSchema>;

export interface DataByType {
  'deploy.requested': DeployData;
  'rollback.requested': RollbackData;
  'rollback.verify': VerifyData;
  'release_gate.callback': CallbackData;
}

export const DATA_SCHEMAS = {
  'deploy.requested': deployDataSchema,
  'rollback.requested': rollbackDataSchema,
  'rollback.verify': verifyDataSchema,
  'release_gate.callback': callbackDataSchema,
} as const;

/** The Standard Webhooks payload shape: `{ type, timestamp, data }`. */
export interface WebhookEvent<T extends WebhookType = WebhookType> {
  type: T;
  /** ISO 8601, when the event was created (the same across retries). */
  timestamp: string;
  data: DataByType[T];
}

/** A received event, validated loosely: the type is known and `data` has at least the common fields. */
export const webhookEventSchema = z.object({
  type: z.enum(WEBHOOK_TYPES),
  timestamp: z.string().min(1),
  data: commonDataSchema.passthrough(),
});

export function buildEvent<T extends WebhookType>(
  type: T,
  data: DataByType[T],
  now = new Date(),
): WebhookEvent<T> {
  return { type, timestamp: now.toISOString(), data };
}
