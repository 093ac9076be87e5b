import * as z from 'zod';
import type { ReleaseGateReport } from '../report/schema.js';

export const SUMMARY_FILE = 'summary.json';

const stepSchema = z.object({
  state: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
});

/** `summary.json`: the gate in one small object, for dashboards and auditors who do not want the full report. */
export const evidenceSummarySchema = z.object({
  schemaVersion: z.literal(1),
  ok: z.boolean(),
  verdict: z.enum(['promote', 'blocked']),
  reasons: z.array(z.string()),
  environment: z.string(),
  service: z.string(),
  ref: z.string().nullable(),
  /** The git sha that was deployed and checked. */
  sha: z.string().nullable(),
  version: z.string().nullable(),
  /** Where a rollback went, when one happened. */
  rollbackRef: z.string().nullable(),
  smokeResult: z.enum(['passed', 'failed', 'error', 'not run']),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  steps: z.object({
    deploy: stepSchema.optional(),
    smoke: stepSchema.optional(),
    rollback: stepSchema.optional(),
    verify: stepSchema.optional(),
    metricsCallback: stepSchema.optional(),
  }),
  run: z.object({
    url: z.string().nullable(),
    id: z.string().nullable(),
    attempt: z.number().int().nullable(),
  }),
  generatedBy: z.string(),
});

export type EvidenceSummary = z.infer<typeof evidenceSummarySchema>;

/** The steps of a report in pipeline order, with state and times: the timeline and the summary use it. */
export function reportSteps(report: ReleaseGateReport): Array<{
  key: keyof EvidenceSummary['steps'];
  label: string;
  state: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}> {
  const steps = [];
  if (report.deploy) steps.push({ key: 'deploy' as const, label: 'deploy', ...pick(report.deploy) });
  if (report.smoke)
    steps.push({
      key: 'smoke' as const,
      label: 'smoke',
      ...pick({ ...report.smoke, state: report.smoke.result }),
    });
  if (report.rollback) steps.push({ key: 'rollback' as const, label: 'rollback', ...pick(report.rollback) });
  if (report.rollbackCallback)
    steps.push({ key: 'verify' as const, label: 'verify', ...pick(report.rollbackCallback) });
  if (report.metricsCallback)
    steps.push({
      key: 'metricsCallback' as const,
      label: 'metrics callback',
      ...pick(report.metricsCallback),
    });
  return steps;
}

function pick(section: { state: string; startedAt: string; finishedAt: string; durationMs: number }) {
  return {
    state: section.state,
    startedAt: section.startedAt,
    finishedAt: section.finishedAt,
    durationMs: section.durationMs,
  };
}

export function evidenceSummary(
  report: ReleaseGateReport,
  generatedBy: string,
  now = new Date(),
): EvidenceSummary {
  const verdict = report.verdict ?? {
    value: 'blocked' as const,
    reasons: ['no verdict'],
    decidedAt: now.toISOString(),
  };
  const steps: EvidenceSummary['steps'] = {};
  for (const step of reportSteps(report)) {
    const { key, label: _label, ...rest } = step;
    steps[key] = rest;
  }
  const finishedAt = verdict.decidedAt;
  return {
    schemaVersion: 1,
    ok: verdict.value === 'promote',
    verdict: verdict.value,
    reasons: verdict.reasons,
    environment: report.environment,
    service: report.service,
    ref: report.ref,
    sha: report.sha,
    version: report.version,
    rollbackRef: report.rollback?.rollbackRef ?? null,
    smokeResult: report.smoke?.result ?? 'not run',
    startedAt: report.startedAt,
    finishedAt,
    durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(report.startedAt)) || 0,
    steps,
    run: { url: report.run.url, id: report.run.id, attempt: report.run.attempt },
    generatedBy,
  };
}
