import { access } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { GateBlocked } from '../errors.js';
import { type Checklist, type Facts, loadChecklist } from './checklist.js';
import { evaluateReadiness } from './evaluate.js';
import { writeDecisionRecord } from './output.js';
import type { ReadinessDecision } from './record.js';
import { DEFAULT_EVIDENCE } from './rules.js';

export interface ReadinessChecklistOptions {
  /** Where relative paths start (the workspace, or the CLI's current folder). */
  workspace: string;
  /** The checklist file (YAML or JSON) as given; shown in the record. None: the built-in rules only. */
  checklist?: string;
  facts: Facts;
  /** The latest release-gate report. */
  report: string;
  reportMaxAgeMs?: number;
  /** The drill delta report, when not at its default path. */
  drillReport?: string;
  /** The folder holding downloaded artifacts (checklist `artifact:` entries); default: the workspace. */
  artifactsDir?: string;
  /** Where the decision record goes. */
  outDir: string;
  now: Date;
  /**
   * The host's download of evidence artifacts into `artifactsDir` (the action's artifacts from trusted
   * runs): resolves to the folders it wrote.
   */
  downloadEvidence?: (artifactsDir: string) => Promise<string[]>;
}

export interface ReadinessChecklistResult {
  record: ReadinessDecision;
  paths: { json: string; markdown: string };
}

/**
 * The readiness-checklist use case: loads the checklist, lets the host download evidence, decides GO or
 * NO-GO and writes the decision record (JSON and markdown).
 */
export async function readinessChecklist(
  options: ReadinessChecklistOptions,
): Promise<ReadinessChecklistResult> {
  const { workspace } = options;
  const checklist = options.checklist
    ? await loadChecklist(resolve(workspace, options.checklist))
    : undefined;
  const artifactsDir = options.artifactsDir ? resolve(workspace, options.artifactsDir) : workspace;
  const downloaded = options.downloadEvidence ? await options.downloadEvidence(artifactsDir) : [];
  const record = await evaluateReadiness({
    checklist,
    checklistPath: options.checklist,
    facts: options.facts,
    reportPath: options.report,
    reportMaxAgeMs: options.reportMaxAgeMs,
    evidencePaths: {
      ...(await builtInEvidenceIn(downloaded, checklist)),
      ...(options.drillReport ? { drillDeltaReport: options.drillReport } : {}),
    },
    workspace,
    artifactsDir,
    now: options.now,
  });
  const paths = await writeDecisionRecord(record, resolve(workspace, options.outDir));
  return { record, paths };
}

/**
 * A built-in report the checklist does not place itself (`release-gate-drill-delta-report.json`, ...) is
 * taken from a downloaded artifact folder that holds a file of its name: its path, keyed by rule id.
 */
export async function builtInEvidenceIn(
  folders: string[],
  checklist: Checklist | undefined,
): Promise<Record<string, string>> {
  const placed = new Set((checklist?.evidence ?? []).map((entry) => entry.id).filter(Boolean));
  const paths: Record<string, string> = {};
  for (const entry of DEFAULT_EVIDENCE) {
    if (placed.has(entry.id)) continue;
    for (const folder of folders) {
      const file = join(folder, basename(entry.path));
      try {
        await access(file);
        paths[entry.id] = file;
        break;
      } catch {
        // not in this artifact
      }
    }
  }
  return paths;
}

/** The decision as a gate: NO-GO is GateBlocked naming every failed rule. */
export function enforceReadiness(record: ReadinessDecision): void {
  if (record.decision !== 'NO-GO') return;
  throw new GateBlocked(
    `NO-GO: ${record.failedRules.length} rule(s) failed: ${record.failedRules.map((rule) => rule.id).join(', ')}`,
  );
}
