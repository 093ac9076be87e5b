import * as z from 'zod';
import { smokeSectionSchema } from './smoke-section.js';

/** One webhook delivery as the report keeps it (URL redacted, never a secret). */
export const deliverySchema = z.object({
  type: z.string(),
  target: z.string(),
  deliveryId: z.string(),
  attempts: z.number().int(),
  statusCodes: z.array(z.number().int()),
  durationMs: z.number(),
  dryRun: z.boolean(),
  signed: z.boolean(),
  error: z.string().optional(),
});

export const webhookStateSchema = z.enum(['accepted', 'succeeded', 'failed', 'skipped_missing_webhook']);

export const deploySectionSchema = z.object({
  state: webhookStateSchema,
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  deploymentId: z.number().int().nullable().default(null),
  delivery: deliverySchema.nullable(),
});

export const rollbackSectionSchema = z.object({
  state: webhookStateSchema,
  rollbackRef: z.string().nullable(),
  /** The version the known-good deployment recorded (`payload.version`); null when unknown. */
  rollbackVersion: z.string().nullable().optional(),
  /** The rolled-back release's GitHub deployment, marked `failure` when the rollback was sent. */
  deploymentId: z.number().int().nullable().optional(),
  reason: z.string(),
  drill: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  delivery: deliverySchema.nullable(),
});

export const rollbackCallbackSectionSchema = z.object({
  state: z.enum(['verified', 'failed', 'skipped_missing_webhook']),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  smoke: smokeSectionSchema.nullable(),
  delivery: deliverySchema.nullable(),
});

export const metricsCallbackSectionSchema = z.object({
  state: webhookStateSchema,
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  delivery: deliverySchema.nullable(),
});

export type Delivery = z.infer<typeof deliverySchema>;
export type DeploySection = z.infer<typeof deploySectionSchema>;
export type RollbackSection = z.infer<typeof rollbackSectionSchema>;
export type RollbackCallbackSection = z.infer<typeof rollbackCallbackSectionSchema>;
export type MetricsCallbackSection = z.infer<typeof metricsCallbackSectionSchema>;
