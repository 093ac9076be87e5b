import { join } from 'node:path';
import { writeJsonFile, writeOutputFile } from '../report/file.js';
import { renderEvidenceReport } from './markdown.js';
import { EVIDENCE_REPORT_FILES, type EvidenceReport, evidenceReportSchemas } from './schemas.js';

export interface WrittenEvidence {
  jsonPath: string;
  markdownPath: string;
  markdown: string;
}

/**
 * Writes `<out-dir>/release-gate-<kind>-report.json` (validated against its schema first, so a report
 * that would not read back is never written) and the markdown summary beside it.
 */
export async function writeEvidenceReport(outDir: string, report: EvidenceReport): Promise<WrittenEvidence> {
  evidenceReportSchemas[report.kind].parse(report);
  const base = join(outDir, EVIDENCE_REPORT_FILES[report.kind]);
  const jsonPath = `${base}.json`;
  const markdownPath = `${base}.md`;
  const markdown = renderEvidenceReport(report);
  await writeJsonFile(jsonPath, report);
  await writeOutputFile(markdownPath, markdown);
  return { jsonPath, markdownPath, markdown };
}
