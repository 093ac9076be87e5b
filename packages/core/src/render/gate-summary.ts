import { reportSteps } from '../bundle/summary.js';
import { formatDuration } from '../duration.js';
import { type ReleaseLogRow, releaseLogMarkdown } from '../report/release-log.js';
import type { ReleaseGateReport } from '../report/schema.js';
import { boundedTable } from './markdown.js';

export interface GateSummaryInput {
  report: ReleaseGateReport;
  /** Release log rows (oldest first); the newest are shown. */
  logRows?: ReleaseLogRow[];
  bundlePath?: string;
  artifact?: { name: string; id?: number; url?: string } | null;
  /** Files in the bundle (paths relative to it). */
  bundleFiles?: string[];
  /** The verdict recorded on the release's GitHub deployment (report's `deployment-id`), when asked. */
  deployment?:
    | { deploymentId: number; recorded: true; state: string; description: string }
    | { deploymentId: number; recorded: false; state: string; error: string }
    | null;
}

const FAILED_STATES = new Set(['failed', 'error']);

/** Mermaid task names cannot hold `:`, `#` or `;`; keep them readable. */
function taskName(text: string): string {
  return text.replace(/[:#;]/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * A mermaid gantt chart of the gate's steps (deploy, smoke, rollback, verify) on a real time axis, each bar
 * labelled with its state and duration; failed steps are drawn as critical. Empty when no step has times.
 */
export function gateTimeline(report: ReleaseGateReport): string {
  const steps = reportSteps(report).filter(
    (step) => Number.isFinite(Date.parse(step.startedAt)) && Number.isFinite(Date.parse(step.finishedAt)),
  );
  if (!steps.length) return '';
  const lines = [
    '```mermaid',
    'gantt',
    `  title ${taskName(`${report.service} ${report.version ?? ''} -> ${report.environment} (times UTC)`)}`,
    '  dateFormat x',
    '  axisFormat %H:%M:%S',
  ];
  steps.forEach((step, index) => {
    const start = Date.parse(step.startedAt);
    // A zero-length bar is invisible; give it a sliver so the step still shows.
    const end = Math.max(Date.parse(step.finishedAt), start + 1);
    const tag = FAILED_STATES.has(step.state) ? 'crit, ' : 'done, ';
    lines.push(`  section ${taskName(step.label)}`);
    lines.push(
      `  ${taskName(`${step.state} ${formatDuration(step.durationMs)}`)} :${tag}s${index}, ${start}, ${end}`,
    );
  });
  lines.push('```');
  return `${lines.join('\n')}\n`;
}

function stepDetail(report: ReleaseGateReport, key: string): string {
  switch (key) {
    case 'deploy':
      return report.deploy?.deploymentId ? `deployment ${report.deploy.deploymentId}` : '';
    case 'smoke': {
      const smoke = report.smoke;
      if (!smoke) return '';
      if (smoke.result === 'error') return `could not run: ${smoke.error ?? 'unknown error'}`;
      const failed = smoke.probes.filter((probe) => probe.verdict === 'failed').map((probe) => probe.name);
      return `${smoke.passedCount} passed, ${smoke.failedCount} failed${failed.length ? `: ${failed.slice(0, 5).join(', ')}` : ''}`;
    }
    case 'rollback':
      return report.rollback
        ? `to ${report.rollback.rollbackRef ?? '(not resolved)'}${report.rollback.rollbackVersion ? ` (version ${report.rollback.rollbackVersion})` : ''}${report.rollback.drill ? ' (drill)' : ''}`
        : '';
    case 'verify': {
      const smoke = report.rollbackCallback?.smoke;
      return smoke
        ? `re-smoke ${smoke.result}: ${smoke.passedCount} passed, ${smoke.failedCount} failed`
        : '';
    }
    default:
      return '';
  }
}

/**
 * The gate's step summary, readable in ten seconds: headline verdict, why (when blocked), a table of the
 * steps, the timeline, where the evidence is, and the newest release-log rows.
 */
export function gateSummaryMarkdown(input: GateSummaryInput): string {
  const { report } = input;
  const verdict = report.verdict;
  const promoted = verdict?.value === 'promote';
  const icon = promoted ? '✅' : '⛔';
  const what = `${report.service}${report.version ? ` ${report.version}` : ''} → ${report.environment}`;
  const parts: string[] = [];
  parts.push(`## ${icon} Release gate: ${promoted ? 'promote' : 'blocked'} (${what})\n`);
  if (!promoted && verdict?.reasons.length) {
    parts.push(`**Why blocked:**\n\n${verdict.reasons.map((reason) => `- ${reason}`).join('\n')}\n`);
  }
  const steps = reportSteps(report);
  // Failed steps first, as every summary here does, then pipeline order.
  const ordered = [
    ...steps.filter((s) => FAILED_STATES.has(s.state)),
    ...steps.filter((s) => !FAILED_STATES.has(s.state)),
  ];
  parts.push(
    boundedTable(
      ['Step', 'Result', 'Duration', 'Detail'],
      ordered.map((step) => [
        step.label,
        FAILED_STATES.has(step.state) ? `❌ ${step.state}` : step.state,
        formatDuration(step.durationMs),
        stepDetail(report, step.key),
      ]),
      64 * 1024,
    ),
  );
  const sha = report.sha ? `\`${report.sha.slice(0, 12)}\`` : 'unknown sha';
  const run = report.run.url ? ` · [run](${report.run.url})` : '';
  parts.push(`\nref ${report.ref ?? '-'} · ${sha}${run}\n`);
  if (input.deployment) {
    const d = input.deployment;
    parts.push(
      d.recorded
        ? `GitHub deployment ${d.deploymentId}: ${d.state} (${d.description})\n`
        : `⚠️ GitHub deployment ${d.deploymentId}: could not set ${d.state}: ${d.error}\n`,
    );
  }
  const timeline = gateTimeline(report);
  if (timeline) parts.push(`\n### Timeline\n\n${timeline}`);
  const evidence: string[] = [];
  if (input.bundlePath)
    evidence.push(
      `bundle \`${input.bundlePath}\` (${input.bundleFiles?.length ?? 0} files, sha256 in manifest.json)`,
    );
  if (input.artifact) {
    const id = input.artifact.id !== undefined ? ` (id ${input.artifact.id})` : '';
    evidence.push(
      input.artifact.url
        ? `artifact [${input.artifact.name}](${input.artifact.url})${id}`
        : `artifact \`${input.artifact.name}\`${id}`,
    );
  }
  if (evidence.length) parts.push(`\n### Evidence\n\n${evidence.map((line) => `- ${line}`).join('\n')}\n`);
  if (input.logRows?.length)
    parts.push(`\n### Release log (newest first)\n\n${releaseLogMarkdown(input.logRows, 10)}`);
  return parts.join('\n');
}
