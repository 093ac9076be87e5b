import * as z from 'zod';
import { smokeSectionSchema } from './smoke-section.js';
import {
  deploySectionSchema,
  metricsCallbackSectionSchema,
  rollbackCallbackSectionSchema,
  rollbackSectionSchema,
} from './webhook-sections.js';

export const REPORT_SCHEMA_VERSION = 1;

export const runInfoSchema = z.object({
  repository: z.string().nullable(),
  id: z.string().nullable(),
  attempt: z.number().int().nullable(),
  url: z.string().nullable(),
  actor: z.string().nullable(),
  workflow: z.string().nullable(),
});

export const verdictSchema = z.object({
  value: z.enum(['promote', 'blocked']),
  reasons: z.array(z.string()),
  decidedAt: z.string(),
});

export const evidenceFileSchema = z.object({
  path: z.string(),
  bytes: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The release-gate report: one per gate, every step merges its own section. */
export const releaseGateReportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  environment: z.string(),
  service: z.string(),
  ref: z.string().nullable(),
  sha: z.string().nullable(),
  version: z.string().nullable(),
  run: runInfoSchema,
  startedAt: z.string(),
  updatedAt: z.string(),
  deploy: deploySectionSchema.optional(),
  smoke: smokeSectionSchema.optional(),
  rollback: rollbackSectionSchema.optional(),
  rollbackCallback: rollbackCallbackSectionSchema.optional(),
  metricsCallback: metricsCallbackSectionSchema.optional(),
  verdict: verdictSchema.optional(),
  evidence: z.object({ files: z.array(evidenceFileSchema) }).optional(),
});

export type ReleaseGateReport = z.infer<typeof releaseGateReportSchema>;
export type RunInfo = z.infer<typeof runInfoSchema>;
export type ReportSectionName =
  | 'deploy'
  | 'smoke'
  | 'rollback'
  | 'rollbackCallback'
  | 'metricsCallback'
  | 'verdict'
  | 'evidence';
/** What identifies the gate; the first step to write the report sets it, later steps fill what is missing. */
export type ReportIdentity = Pick<
  ReleaseGateReport,
  'environment' | 'service' | 'ref' | 'sha' | 'version' | 'run'
>;
