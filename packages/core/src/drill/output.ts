import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonFile, writeOutputFile } from '../report/file.js';
import { appendDrillLog, drillReportMarkdown } from './markdown.js';
import { type DrillDeltaReport, drillDeltaReportSchema } from './schema.js';

export const DRILL_FILES = {
  json: 'release-gate-drill-delta-report.json',
  markdown: 'release-gate-drill-delta-report.md',
  log: 'release-gate-drill-log.md',
} as const;

export interface DrillOutputPaths {
  json: string;
  markdown: string;
  log: string;
  /** Why the previous log was not extended (it was malformed and a new log was started). */
  previousLogMalformed?: string;
}

/**
 * Writes the three drill files into `outDir`. The log extends `previousLog` when given, else the log
 * already in `outDir` (a re-run in the same workspace), else starts a new one.
 */
export async function writeDrillOutputs(
  report: DrillDeltaReport,
  outDir: string,
  previousLog?: string,
): Promise<DrillOutputPaths> {
  drillDeltaReportSchema.parse(report);
  await mkdir(outDir, { recursive: true });
  const paths = {
    json: join(outDir, DRILL_FILES.json),
    markdown: join(outDir, DRILL_FILES.markdown),
    log: join(outDir, DRILL_FILES.log),
  };
  let source = previousLog;
  if (!source) {
    try {
      await access(paths.log);
      source = paths.log;
    } catch {
      source = undefined;
    }
  }
  const { text: log, malformed } = await appendDrillLog(source, report);
  await writeJsonFile(paths.json, report);
  await writeOutputFile(paths.markdown, drillReportMarkdown(report));
  await writeOutputFile(paths.log, log);
  return malformed ? { ...paths, previousLogMalformed: malformed } : paths;
}
