import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type * as z from 'zod';
import { ConfigurationError } from '../errors.js';
import { redactOutput } from '../redact.js';
import {
  REPORT_SCHEMA_VERSION,
  type ReleaseGateReport,
  type ReportIdentity,
  type ReportSectionName,
  releaseGateReportSchema,
} from './schema.js';

/**
 * Reads and validates a JSON file against a schema; the error names the file and the first wrong field.
 * Returns undefined when the file does not exist and `optional` is set.
 */
export async function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  what: string,
  options: { optional?: boolean } = {},
): Promise<z.infer<S> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && options.optional) return undefined;
    throw new ConfigurationError(`${what} '${path}' cannot be read: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${what} '${path}' is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new ConfigurationError(
      `${what} '${path}' does not match its schema: field '${field}': ${issue?.message}`,
    );
  }
  return parsed.data;
}

let tempCounter = 0;

/**
 * Writes a file of the run's output (report, bundle file) atomically (temp file + rename, so a cancelled
 * step never leaves half a file), scrubbed of the run's secrets like every other output.
 */
export async function writeOutputFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Unique per write: two writes in one process (a step and its cancel handler) never share a temp file.
  const temp = `${path}.${process.pid}.${++tempCounter}.tmp`;
  await writeFile(temp, redactOutput(text));
  await rename(temp, path);
}

/** Writes JSON as `writeOutputFile` does. */
export function writeJsonFile(path: string, data: unknown): Promise<void> {
  return writeOutputFile(path, `${JSON.stringify(data, null, 2)}\n`);
}

export async function readReport(path: string): Promise<ReleaseGateReport> {
  return (await readJsonFile(path, releaseGateReportSchema, 'release-gate report')) as ReleaseGateReport;
}

/**
 * Merges one step's section into the report at `path`, creating the report when it is the first step.
 * Identity fields already in the report win over empty ones given later.
 */
export function mergeReportSection<K extends ReportSectionName>(
  path: string,
  identity: ReportIdentity,
  section: K,
  value: ReleaseGateReport[K],
  now = new Date(),
): Promise<ReleaseGateReport> {
  // Read-merge-write one at a time per file, so a cancel handler's partial section never races the
  // step's own write and loses a section.
  const previous = mergeQueue.get(path) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(() => mergeNow(path, identity, section, value, now));
  mergeQueue.set(path, next);
  return next;
}

const mergeQueue = new Map<string, Promise<unknown>>();

async function mergeNow<K extends ReportSectionName>(
  path: string,
  identity: ReportIdentity,
  section: K,
  value: ReleaseGateReport[K],
  now: Date,
): Promise<ReleaseGateReport> {
  const existing = await readJsonFile(path, releaseGateReportSchema, 'release-gate report', {
    optional: true,
  });
  const stamp = now.toISOString();
  const base: ReleaseGateReport = existing ?? {
    schemaVersion: REPORT_SCHEMA_VERSION,
    ...identity,
    startedAt: stamp,
    updatedAt: stamp,
  };
  const merged: ReleaseGateReport = {
    ...base,
    ref: base.ref ?? identity.ref,
    sha: base.sha ?? identity.sha,
    version: base.version ?? identity.version,
    updatedAt: stamp,
    [section]: value,
  };
  await writeJsonFile(path, merged);
  return merged;
}
