import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { EVIDENCE_DIR } from '../bundle/bundle.js';
import { digestFile } from '../bundle/digest.js';
import { evidenceManifestSchema, MANIFEST_FILE } from '../bundle/manifest.js';
import { durationSchema, formatDuration } from '../duration.js';
import { getJsonPath } from '../json-path.js';
import type { EvidenceResult } from '../readiness/evidence.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * A piece of user evidence the readiness gate requires from the gate's evidence bundle (files the report
 * action copied in with its `evidence` input), e.g. "migrations applied, or skipped with a recorded
 * reason":
 *
 * ```yaml
 * userEvidence:
 *   - name: migrations
 *     file: migrations.json      # as listed in manifest.json (evidence/ may be left out)
 *     statusPath: status
 *     healthy: [applied]
 *     skipped: [skipped]         # accepted only with a non-empty reason at reasonPath
 *     reasonPath: reason
 * ```
 */
export const userEvidenceSpecSchema = z
  .object({
    name: z.string().min(1),
    file: z.string().min(1),
    statusPath: z.string().min(1).optional(),
    healthy: z.array(scalar).min(1).optional(),
    skipped: z.array(scalar).min(1).optional(),
    reasonPath: z.string().min(1).default('reason'),
    /** Judged from the manifest's `createdAt` (when the bundle was sealed). */
    maxAge: durationSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.healthy || value.skipped) && !value.statusPath)
      ctx.addIssue({
        code: 'custom',
        path: ['statusPath'],
        message: 'is required with healthy or skipped (e.g. status)',
      });
    if (value.statusPath && !value.healthy)
      ctx.addIssue({
        code: 'custom',
        path: ['healthy'],
        message: 'is required with statusPath (e.g. [applied])',
      });
  });
export type UserEvidenceSpec = z.infer<typeof userEvidenceSpecSchema>;

/**
 * Checks one required user evidence file through the bundle's manifest: the manifest is readable, lists
 * the file, the file still has the listed sha256, and (with `statusPath`) its status is healthy, or skipped
 * with a recorded reason. The result has the readiness evidence shape, so it shows in the decision record.
 */
export async function checkUserEvidence(
  spec: UserEvidenceSpec,
  bundleDir: string,
  now: Date,
): Promise<EvidenceResult> {
  const candidates = spec.file.startsWith(`${EVIDENCE_DIR}/`)
    ? [spec.file]
    : [`${EVIDENCE_DIR}/${spec.file}`, spec.file];
  const result = (
    status: EvidenceResult['status'],
    reason: string,
    extra: Partial<EvidenceResult> = {},
  ): EvidenceResult => ({
    name: spec.name,
    source: `${bundleDir}/${MANIFEST_FILE} -> ${candidates[0]}`,
    status,
    reason,
    timestampField: null,
    timestamp: null,
    ageMs: null,
    maxAgeMs: spec.maxAge ?? 0,
    checks: [],
    ...extra,
  });

  const manifestPath = join(bundleDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    return result(
      'missing',
      `${spec.name}: the evidence bundle has no ${MANIFEST_FILE} at ${bundleDir} (the report action writes it)`,
    );
  }
  let manifest: z.infer<typeof evidenceManifestSchema>;
  try {
    manifest = evidenceManifestSchema.parse(JSON.parse(text));
  } catch (error) {
    return result(
      'unparseable',
      `${spec.name}: ${manifestPath} is not a valid evidence manifest: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const entry = manifest.files.find((file) => candidates.includes(file.path));
  if (!entry)
    return result(
      'missing',
      `${spec.name} is missing: ${candidates.join(' or ')} is not listed in the bundle's ${MANIFEST_FILE}; add it with the report action's evidence input`,
    );
  const source = `${bundleDir}/${entry.path}`;
  let digest: { sha256: string; bytes: number };
  try {
    digest = await digestFile(join(bundleDir, entry.path));
  } catch {
    return result(
      'missing',
      `${spec.name} is listed in the manifest but ${entry.path} is not in the bundle`,
      { source },
    );
  }
  if (digest.sha256 !== entry.sha256)
    return result(
      'unhealthy',
      `${spec.name}: ${entry.path} does not match its manifest sha256 (changed after the bundle was sealed)`,
      {
        source,
      },
    );

  const sealed = Date.parse(manifest.createdAt);
  const dated: Partial<EvidenceResult> = {
    source,
    timestampField: 'manifest.createdAt',
    timestamp: Number.isNaN(sealed) ? null : new Date(sealed).toISOString(),
    ageMs: Number.isNaN(sealed) ? null : now.getTime() - sealed,
  };
  if (spec.maxAge !== undefined) {
    if (Number.isNaN(sealed))
      return result(
        'no-timestamp',
        `${spec.name}: the manifest's createdAt '${manifest.createdAt}' is not a timestamp`,
        dated,
      );
    if (now.getTime() - sealed > spec.maxAge)
      return result(
        'stale',
        `${spec.name} is stale: the bundle was sealed ${formatDuration(now.getTime() - sealed)} ago, more than ${formatDuration(spec.maxAge)}`,
        dated,
      );
  }
  if (!spec.statusPath)
    return result('ok', `${spec.name} is in the evidence bundle (sha256 verified)`, dated);

  let document: unknown;
  try {
    document = JSON.parse(await readFile(join(bundleDir, entry.path), 'utf8'));
  } catch (error) {
    return result(
      'unparseable',
      `${spec.name}: ${entry.path} is not valid JSON: ${(error as Error).message}`,
      dated,
    );
  }
  const status = getJsonPath(document, spec.statusPath);
  const shown = status.found ? JSON.stringify(status.value) : '(absent)';
  const healthy = spec.healthy ?? [];
  const skipped = spec.skipped ?? [];
  const expected = `${healthy.map((v) => JSON.stringify(v)).join(' or ')}${skipped.length ? `, or ${skipped.map((v) => JSON.stringify(v)).join(' or ')} with a reason at ${spec.reasonPath}` : ''}`;
  const check = (ok: boolean) => ({
    checks: [{ name: `${spec.name} status`, path: spec.statusPath!, ok, expected, actual: shown }],
  });
  const value = status.value as string | number | boolean | null;
  if (status.found && healthy.includes(value))
    return result(
      'ok',
      `${spec.name} is in the bundle (sha256 verified) and ${spec.statusPath} is ${shown}`,
      { ...dated, ...check(true) },
    );
  if (status.found && skipped.includes(value)) {
    const reason = getJsonPath(document, spec.reasonPath);
    if (reason.found && typeof reason.value === 'string' && reason.value.trim())
      return result('ok', `${spec.name} was skipped with a recorded reason: ${reason.value.trim()}`, {
        ...dated,
        ...check(true),
      });
    return result(
      'unhealthy',
      `${spec.name} is ${shown} without a recorded reason (${spec.reasonPath} is empty)`,
      {
        ...dated,
        ...check(false),
      },
    );
  }
  return result(
    'unhealthy',
    `${spec.name} is unhealthy: ${spec.statusPath} is ${shown}, expected ${expected}`,
    { ...dated, ...check(false) },
  );
}
