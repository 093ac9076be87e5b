import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import * as z from 'zod';
import { ConfigurationError } from '../errors.js';
import { writeJsonFile } from '../report/file.js';
import { digestFile } from './digest.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_SCHEMA_VERSION = 1;

export const manifestEntrySchema = z.object({
  /** Posix path relative to the bundle folder. */
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** `manifest.json`: every file in the evidence bundle with its size and sha256, itself excluded. */
export const evidenceManifestSchema = z.object({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  algorithm: z.literal('sha256'),
  createdAt: z.string(),
  files: z.array(manifestEntrySchema),
});

export type ManifestEntry = z.infer<typeof manifestEntrySchema>;
export type EvidenceManifest = z.infer<typeof evidenceManifestSchema>;

/** Temp files of an interrupted atomic write are never evidence. */
const isTemp = (path: string) => path.endsWith('.tmp');

/** Every regular file under `dir` as a posix path relative to it, sorted; the manifest itself excluded. */
export async function listBundleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => path !== MANIFEST_FILE && !isTemp(path))
    .sort();
}

export async function digestFiles(dir: string, paths: string[]): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const path of paths) entries.push({ path, ...(await digestFile(join(dir, path))) });
  return entries;
}

/** Digests every file in the bundle folder and writes `manifest.json` beside them. */
export async function writeManifest(dir: string, now = new Date()): Promise<EvidenceManifest> {
  const manifest: EvidenceManifest = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    algorithm: 'sha256',
    createdAt: now.toISOString(),
    files: await digestFiles(dir, await listBundleFiles(dir)),
  };
  await writeJsonFile(join(dir, MANIFEST_FILE), manifest);
  return manifest;
}

export interface EvidenceProblem {
  path: string;
  problem: 'missing' | 'size mismatch' | 'digest mismatch' | 'not in manifest';
  detail: string;
}

export interface EvidenceCheck {
  ok: boolean;
  dir: string;
  checked: number;
  problems: EvidenceProblem[];
}

/**
 * Re-checks a bundle against its manifest: each listed file exists with the same size and sha256, and no
 * file was added. A bundle without a readable manifest is a ConfigurationError naming the file.
 */
export async function verifyEvidence(dir: string): Promise<EvidenceCheck> {
  const manifestPath = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `evidence manifest '${manifestPath}' cannot be read: ${(error as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(
      `evidence manifest '${manifestPath}' is not valid JSON: ${(error as Error).message}`,
    );
  }
  const parsed = evidenceManifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigurationError(
      `evidence manifest '${manifestPath}' does not match its schema: field '${issue?.path.join('.') || '(root)'}': ${issue?.message}`,
    );
  }
  const problems: EvidenceProblem[] = [];
  const present = new Set(await listBundleFiles(dir));
  for (const entry of parsed.data.files) {
    if (!present.has(entry.path)) {
      problems.push({
        path: entry.path,
        problem: 'missing',
        detail: 'listed in the manifest but not in the bundle',
      });
      continue;
    }
    present.delete(entry.path);
    const actual = await digestFile(join(dir, entry.path));
    if (actual.bytes !== entry.bytes) {
      problems.push({
        path: entry.path,
        problem: 'size mismatch',
        detail: `manifest says ${entry.bytes} bytes, file has ${actual.bytes}`,
      });
    } else if (actual.sha256 !== entry.sha256) {
      problems.push({
        path: entry.path,
        problem: 'digest mismatch',
        detail: `manifest sha256 ${entry.sha256}, file sha256 ${actual.sha256}`,
      });
    }
  }
  for (const path of present) {
    problems.push({
      path,
      problem: 'not in manifest',
      detail: 'file was added after the manifest was written',
    });
  }
  return { ok: problems.length === 0, dir, checked: parsed.data.files.length, problems };
}
