import { copyFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  finalizeGate,
  gateSummaryMarkdown,
  readJsonFile,
  releaseGateReportSchema,
  VERSION,
  verifyEvidence,
} from '@release-actions/core';
import type { DemoContext, DemoStage } from '../types.js';

/**
 * The gate reports the earlier stages left: `context.shared.gateReports` (paths) when a stage names
 * them, else every `build-artifacts/<folder>/report.json` that is a release-gate report.
 */
async function gateReports(context: DemoContext): Promise<string[]> {
  const named = context.shared.gateReports;
  if (Array.isArray(named) && named.every((path) => typeof path === 'string')) return named as string[];
  const found: Array<{ path: string; startedAt: string }> = [];
  for (const entry of await readdir(context.outDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(context.outDir, entry.name, 'report.json');
    const report = await readJsonFile(path, releaseGateReportSchema, 'report', { optional: true }).catch(
      () => undefined,
    );
    if (report) found.push({ path, startedAt: report.startedAt });
  }
  // In the order the gates ran, so the release log reads like history.
  return found.sort((a, b) => a.startedAt.localeCompare(b.startedAt)).map((entry) => entry.path);
}

/**
 * Finalises every gate of the demo as the report action does: verdict, evidence bundle (manifest with
 * sha256, summary.json, summary.md with the timeline, release log), then re-verifies each bundle.
 */
export const reportStage: DemoStage = {
  name: 'report',
  title: 'Report: verdict, evidence bundle, release log and gate summary for each release',
  async run(context) {
    const cwd = join(context.outDir, '..');
    const reports = await gateReports(context);
    if (!reports.length) return { asIntended: false, summary: 'no release-gate report to finalise' };
    const verdicts: string[] = [];
    let intact = true;
    let logRows = 0;
    for (const reportPath of reports) {
      const result = await finalizeGate({
        reportPath,
        workspace: cwd,
        previousLog: join(context.outDir, 'release-log.tsv'),
        owner: 'demo',
        generatedBy: `release-actions/${VERSION}`,
        summaryMarkdown: (report, logRows) => gateSummaryMarkdown({ report, logRows }),
      });
      // The demo keeps one release log across its gates, as a workflow does across runs.
      await copyFile(join(result.bundleDir, 'release-log.tsv'), join(context.outDir, 'release-log.tsv'));
      logRows = result.logRows.length;
      const check = await verifyEvidence(result.bundleDir);
      intact &&= check.ok;
      const where = relative(cwd, result.bundleDir);
      context.log(
        `${result.report.service} ${result.report.version ?? ''} -> ${result.report.environment}: ${result.verdict.value.toUpperCase()}`,
      );
      for (const reason of result.verdict.reasons) context.log(`  - ${reason}`);
      // Counted as verify-evidence counts: the files the manifest lists (manifest.json is not one of them).
      context.log(
        `  evidence bundle: ${where}/ (${check.ok ? `${check.checked} files match manifest.json` : `manifest NOT intact: ${check.problems.map((p) => `${p.path} ${p.problem}`).join(', ')}`})`,
      );
      context.log(`  gate summary:    ${where}/summary.md   summary.json: ${where}/summary.json`);
      verdicts.push(`${result.report.environment} ${result.verdict.value}`);
      context.wrote(
        result.bundleDir,
        `release ${result.report.version ?? ''}, ${result.verdict.value}: evidence bundle (report, summary, release log, manifest; verify-evidence checks it)`,
      );
    }
    context.log(
      `release log: ${relative(cwd, join(context.outDir, 'release-log.tsv'))} (${logRows} rows; each run appends, as each workflow run extends the previous artifact's log)`,
    );
    context.wrote(join(context.outDir, 'release-log.tsv'), 'the release log across both gates');
    context.shared.finalizedReports = reports;
    return {
      asIntended: intact,
      summary: `${verdicts.join(', ')}; bundles verified against their manifests${intact ? '' : ' FAILED'}`,
    };
  },
};
