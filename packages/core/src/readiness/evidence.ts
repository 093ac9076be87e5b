import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { evaluateAssertion } from '../assertions.js';
import { formatDuration } from '../duration.js';
import { getJsonPath } from '../json-path.js';
import { DEFAULT_TIMESTAMP_FIELDS, type StatusCheck } from './checklist.js';

/** A required piece of evidence after defaults are applied. */
export interface EvidenceSpec {
  /** Rule id: a built-in id (`drillDeltaReport`) or `evidence:<name>` for checklist entries. */
  id: string;
  name: string;
  path?: string;
  artifact?: string;
  file?: string;
  maxAgeMs: number;
  /** Field holding the file's own timestamp; undefined tries DEFAULT_TIMESTAMP_FIELDS. */
  timestampPath?: string;
  checks: StatusCheck[];
  /** The zod schema the file must match (built-in reports); a mismatch is `unparseable`. */
  schema?: z.ZodType;
  /** More about an unhealthy document than its failed checks say (what a partial report did not prove). */
  explain?: (document: unknown) => string | undefined;
}

export const evidenceStatusSchema = z.enum([
  'ok',
  'missing',
  'unparseable',
  'no-timestamp',
  'stale',
  'unhealthy',
]);
export type EvidenceStatus = z.infer<typeof evidenceStatusSchema>;

export const checkResultSchema = z.object({
  name: z.string(),
  path: z.string(),
  ok: z.boolean(),
  expected: z.string(),
  actual: z.string(),
});

export const evidenceResultSchema = z.object({
  name: z.string(),
  /** Where it was looked for (workspace-relative as given, or `artifact <name>/<file>`). */
  source: z.string(),
  status: evidenceStatusSchema,
  reason: z.string(),
  timestampField: z.string().nullable(),
  timestamp: z.string().nullable(),
  ageMs: z.number().nullable(),
  maxAgeMs: z.number(),
  checks: z.array(checkResultSchema),
});
export type EvidenceResult = z.infer<typeof evidenceResultSchema>;

/** Clock skew tolerated before a timestamp counts as "in the future". */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface EvidenceLocation {
  workspace: string;
  /** Where actions/download-artifact put artifacts (one folder per artifact name). */
  artifactsDir: string;
}

async function locate(
  spec: EvidenceSpec,
  where: EvidenceLocation,
): Promise<{ file?: string; source: string; problem?: string }> {
  if (spec.path) {
    return {
      file: spec.path.startsWith('/') ? spec.path : join(where.workspace, spec.path),
      source: spec.path,
    };
  }
  if (!spec.artifact)
    return { source: '(no path)', problem: 'the evidence entry names neither path nor artifact' };
  const dir = join(where.artifactsDir, spec.artifact);
  if (spec.file) return { file: join(dir, spec.file), source: `artifact ${spec.artifact}/${spec.file}` };
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  } catch {
    return {
      source: `artifact ${spec.artifact}`,
      problem: `artifact '${spec.artifact}' was not downloaded (no folder ${dir})`,
    };
  }
  if (names.length !== 1)
    return {
      source: `artifact ${spec.artifact}`,
      problem: `artifact '${spec.artifact}' holds ${names.length} JSON files; name one with 'file'`,
    };
  return { file: join(dir, names[0]!), source: `artifact ${spec.artifact}/${names[0]}` };
}

/**
 * Checks one piece of evidence. Each way it can be wrong has its own status and reason: missing,
 * unparseable, no-timestamp (no usable timestamp field), stale (older than maxAge by its own timestamp,
 * never the file time), unhealthy (a status check failed).
 */
export async function checkEvidence(
  spec: EvidenceSpec,
  where: EvidenceLocation,
  now: Date,
): Promise<EvidenceResult> {
  const base = {
    name: spec.name,
    maxAgeMs: spec.maxAgeMs,
    timestampField: null,
    timestamp: null,
    ageMs: null,
    checks: [],
  };
  const located = await locate(spec, where);
  if (!located.file)
    return { ...base, source: located.source, status: 'missing', reason: located.problem ?? 'not found' };
  let text: string;
  try {
    text = await readFile(located.file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ...base,
      source: located.source,
      status: 'missing',
      reason:
        code === 'ENOENT'
          ? `${spec.name} is missing: no file at ${located.source}`
          : `${spec.name} cannot be read (${code})`,
    };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return {
      ...base,
      source: located.source,
      status: 'unparseable',
      reason: `${spec.name} at ${located.source} is not valid JSON: ${(error as Error).message}`,
    };
  }
  if (spec.schema) {
    const parsed = spec.schema.safeParse(document);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
      return {
        ...base,
        source: located.source,
        status: 'unparseable',
        reason: `${spec.name} at ${located.source} does not match its schema: field '${issue?.path.join('.') || '(root)'}': ${issue?.message}${more}`,
      };
    }
  }
  const fields = spec.timestampPath ? [spec.timestampPath] : DEFAULT_TIMESTAMP_FIELDS;
  let timestampField: string | null = null;
  let timestampMs = Number.NaN;
  let rawTimestamp: unknown;
  for (const field of fields) {
    const lookup = getJsonPath(document, field);
    if (!lookup.found) continue;
    timestampField = field;
    rawTimestamp = lookup.value;
    timestampMs = typeof lookup.value === 'string' ? Date.parse(lookup.value) : Number.NaN;
    break;
  }
  const checks = spec.checks.map((check) => {
    const lookup = getJsonPath(document, check.path);
    const outcome = evaluateAssertion(check.op, lookup.found, lookup.value);
    return { name: check.name, path: check.path, ...outcome };
  });
  const withSource = { ...base, source: located.source, timestampField, checks };
  if (timestampField === null || Number.isNaN(timestampMs)) {
    return {
      ...withSource,
      status: 'no-timestamp',
      reason:
        timestampField === null
          ? `${spec.name} has no timestamp field (looked for ${fields.join(', ')}); freshness cannot be judged`
          : `${spec.name} field '${timestampField}' is not an ISO timestamp (${JSON.stringify(rawTimestamp)})`,
    };
  }
  const timestamp = new Date(timestampMs).toISOString();
  const ageMs = now.getTime() - timestampMs;
  const dated = { ...withSource, timestamp, ageMs };
  if (ageMs < -FUTURE_TOLERANCE_MS) {
    return {
      ...dated,
      status: 'no-timestamp',
      reason: `${spec.name} '${timestampField}' ${timestamp} is in the future (clock or file wrong)`,
    };
  }
  if (ageMs > spec.maxAgeMs) {
    return {
      ...dated,
      status: 'stale',
      reason: `${spec.name} is stale: '${timestampField}' ${timestamp} is ${formatDuration(ageMs)} old, more than ${formatDuration(spec.maxAgeMs)}`,
    };
  }
  const failed = checks.filter((check) => !check.ok);
  if (failed.length) {
    const more = spec.explain?.(document);
    return {
      ...dated,
      status: 'unhealthy',
      reason: `${spec.name} is unhealthy: ${failed.map((check) => `${check.path} is ${check.actual}, expected ${check.expected}`).join('; ')}${more ? `; ${more}` : ''}`,
    };
  }
  return {
    ...dated,
    status: 'ok',
    reason: `${spec.name} is fresh (${formatDuration(Math.max(0, ageMs))} old) and healthy`,
  };
}
