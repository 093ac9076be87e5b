import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonFile, writeOutputFile } from '../report/file.js';
import { decisionMarkdown, type ReadinessDecision, readinessDecisionSchema } from './record.js';

export const READINESS_FILES = {
  json: 'release-gate-readiness-decision.json',
  markdown: 'release-gate-readiness-decision.md',
} as const;

/** Writes the decision record (JSON + markdown) into `outDir`; returns both paths. */
export async function writeDecisionRecord(
  record: ReadinessDecision,
  outDir: string,
): Promise<{ json: string; markdown: string }> {
  readinessDecisionSchema.parse(record);
  await mkdir(outDir, { recursive: true });
  const paths = {
    json: join(outDir, READINESS_FILES.json),
    markdown: join(outDir, READINESS_FILES.markdown),
  };
  await writeJsonFile(paths.json, record);
  await writeOutputFile(paths.markdown, decisionMarkdown(record));
  return paths;
}
