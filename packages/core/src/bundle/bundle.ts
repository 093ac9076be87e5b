import { copyFile, mkdir } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ConfigurationError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { readReport, writeJsonFile, writeOutputFile } from '../report/file.js';
import {
  formatReleaseLog,
  type ReleaseLogRow,
  readReleaseLog,
  releaseLogMarkdown,
  releaseLogRow,
} from '../report/release-log.js';
import type { ReleaseGateReport } from '../report/schema.js';
import { decideVerdict, type Verdict } from '../report/verdict.js';
import { expandEvidencePatterns } from './glob.js';
import {
  digestFiles,
  type EvidenceManifest,
  listBundleFiles,
  MANIFEST_FILE,
  writeManifest,
} from './manifest.js';
import { type EvidenceSummary, evidenceSummary, SUMMARY_FILE } from './summary.js';

export const RELEASE_LOG_FILE = 'release-log.tsv';
export const RELEASE_LOG_MARKDOWN_FILE = 'release-log.md';
/** User evidence is copied here, keeping its path relative to the workspace. */
export const EVIDENCE_DIR = 'evidence';
export const SUMMARY_MARKDOWN_FILE = 'summary.md';
/** Raw step logs live here in the bundle (`logs/<step>.log`); the report step picks up whatever is there. */
export const STEP_LOGS_DIR = 'logs';

/**
 * Where a step keeps its raw log so it travels in the evidence bundle: `<report folder>/logs/<step>.log`.
 * (A step cannot read the runner's own log of another step; only what a step writes itself is evidence.)
 */
export function stepLogPath(reportPath: string, step: string): string {
  return join(dirname(reportPath), STEP_LOGS_DIR, `${step.replace(/[^A-Za-z0-9._-]+/g, '-')}.log`);
}

export interface FinalizeGateOptions {
  /** The merged report; the bundle is written into its folder. */
  reportPath: string;
  /** Root for evidence patterns (the workspace). */
  workspace: string;
  /** User evidence: paths or globs relative to the workspace, copied into `evidence/` and digested. */
  evidence?: string[];
  /** The previous release log (TSV), e.g. from the previous run's artifact. Missing file = first run. */
  previousLog?: string;
  owner?: string;
  requireSmoke?: boolean;
  /** `release-actions/<version>`, recorded in summary.json. */
  generatedBy: string;
  now?: () => Date;
  logger?: Logger;
  /**
   * Renders the gate summary as markdown; when given it is kept in the bundle as `summary.md` (digested
   * like every other file), so the artifact carries what the run page showed.
   */
  summaryMarkdown?: (report: ReleaseGateReport, logRows: ReleaseLogRow[]) => string;
}

export interface FinalizeGateResult {
  report: ReleaseGateReport;
  verdict: Verdict;
  bundleDir: string;
  manifest: EvidenceManifest;
  summary: EvidenceSummary;
  logRow: ReleaseLogRow;
  logRows: ReleaseLogRow[];
  previousLogFound: boolean;
  /** Copied user evidence, as paths inside the bundle. */
  evidenceFiles: string[];
  /** Raw step logs found in the bundle (`logs/*.log` or `*.log`). */
  stepLogs: string[];
  /** Every file of the bundle as uploaded (manifest included), absolute paths. */
  files: string[];
}

const posix = (path: string) => path.split(sep).join('/');

/**
 * Finalises a gate: decides the verdict, copies the user's evidence into the bundle, appends the release
 * log row, writes summary.json, records the evidence list and verdict in the report, then writes
 * manifest.json over everything (the report included). Pure file work; uploading is the caller's.
 */
export async function finalizeGate(options: FinalizeGateOptions): Promise<FinalizeGateResult> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const reportPath = resolve(options.reportPath);
  const workspace = resolve(options.workspace);
  const bundleDir = dirname(reportPath);
  if (bundleDir === workspace || !posix(relative(workspace, bundleDir)) || bundleDir === dirname(bundleDir)) {
    throw new ConfigurationError(
      `report '${options.reportPath}' must sit in its own folder (the evidence bundle is that whole folder); use e.g. release-gate/report.json`,
    );
  }
  const reportName = basename(reportPath);
  const report = await readReport(reportPath);
  const verdict = decideVerdict(report, { requireSmoke: options.requireSmoke, now: now() });

  // User evidence, copied so the artifact is self-contained; never anything from inside the bundle itself.
  const bundleRel = posix(relative(workspace, bundleDir));
  const inside = (file: string) =>
    !bundleRel.startsWith('..') && (file === bundleRel || file.startsWith(`${bundleRel}/`));
  const evidenceFiles: string[] = [];
  const patterns = (options.evidence ?? []).filter((pattern) => pattern.trim());
  if (patterns.length) {
    const found = await expandEvidencePatterns(patterns, workspace);
    for (const file of found.filter((f) => !inside(f))) {
      const target = join(bundleDir, EVIDENCE_DIR, file);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join(workspace, file), target);
      evidenceFiles.push(`${EVIDENCE_DIR}/${file}`);
    }
    logger.info(
      `evidence: copied ${evidenceFiles.length} file(s) into ${posix(relative(workspace, bundleDir))}/${EVIDENCE_DIR}`,
    );
  }

  const finalReport: ReleaseGateReport = { ...report, verdict, updatedAt: now().toISOString() };

  // Release log: previous rows + this gate's row.
  const previous = await readReleaseLog(options.previousLog);
  if (options.previousLog && !previous.found)
    logger.info(`previous release log '${options.previousLog}' not found: starting a new log`);
  if (previous.malformed)
    logger.warning(`previous release log is malformed (${previous.malformed}): starting a new log`);
  const logRow = releaseLogRow(finalReport, options.owner, now());
  const logRows = [...previous.rows, logRow];
  await writeOutputFile(join(bundleDir, RELEASE_LOG_FILE), formatReleaseLog(logRows));
  await writeOutputFile(
    join(bundleDir, RELEASE_LOG_MARKDOWN_FILE),
    `# Release log\n\n${releaseLogMarkdown(logRows, Number.MAX_SAFE_INTEGER)}`,
  );

  const summary = evidenceSummary(finalReport, options.generatedBy, now());
  await writeJsonFile(join(bundleDir, SUMMARY_FILE), summary);
  if (options.summaryMarkdown) {
    await writeOutputFile(
      join(bundleDir, SUMMARY_MARKDOWN_FILE),
      options.summaryMarkdown(finalReport, logRows),
    );
  }

  // The report lists every other file; the manifest (written last) digests the report too.
  const others = (await listBundleFiles(bundleDir)).filter(
    (path) => path !== reportName && path !== MANIFEST_FILE,
  );
  finalReport.evidence = { files: await digestFiles(bundleDir, others) };
  await writeJsonFile(reportPath, finalReport);
  const manifest = await writeManifest(bundleDir, now());

  const stepLogs = manifest.files
    .map((file) => file.path)
    .filter((path) => path.endsWith('.log') && !path.startsWith(`${EVIDENCE_DIR}/`));
  return {
    report: finalReport,
    verdict,
    bundleDir,
    manifest,
    summary,
    logRow,
    logRows,
    previousLogFound: previous.found,
    evidenceFiles,
    stepLogs,
    files: [...manifest.files.map((file) => join(bundleDir, file.path)), join(bundleDir, MANIFEST_FILE)],
  };
}
