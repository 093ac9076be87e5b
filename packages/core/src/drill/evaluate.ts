import { ConfigurationError } from '../errors.js';
import { readJsonFile } from '../report/file.js';
import { type ReleaseGateReport, releaseGateReportSchema } from '../report/schema.js';
import { BUDGET_NAMES, type BudgetName, type Calibration } from './calibration.js';
import { alertConditions, summariseEventLog } from './conditions.js';
import { formatWindow } from './format.js';
import {
  type AlertCondition,
  type Delta,
  DRILL_REPORT_KIND,
  DRILL_REPORT_SCHEMA_VERSION,
  type DrillDeltaReport,
  type EnvironmentEvents,
  type EnvironmentResult,
  type EventsSummary,
} from './schema.js';

export type DrillSlot = 'staging' | 'production';

export interface LoadedDrillReport {
  path: string | null;
  report: ReleaseGateReport | null;
}

/**
 * Reads one environment's release-gate report. No path, or a path with no file (the drill workflow's
 * download found no artifact), is `missing`; a file that is not a valid report is the user's error and
 * names the file and the field.
 */
export async function loadDrillReport(path: string | undefined, slot: DrillSlot): Promise<LoadedDrillReport> {
  if (!path) return { path: null, report: null };
  const report = await readJsonFile(path, releaseGateReportSchema, `${slot} report`, { optional: true });
  return { path, report: (report as ReleaseGateReport | undefined) ?? null };
}

const DELIVERED = new Set(['accepted', 'succeeded']);

function stateReason(step: string, state: string, expected: string): string | undefined {
  if (state === expected || (expected === 'delivered' && DELIVERED.has(state))) return undefined;
  if (state === 'skipped_missing_webhook') return `${step} was skipped (no webhook configured)`;
  if (state === 'failed') return `${step} failed`;
  return `${step} is '${state}' (expected ${expected})`;
}

/** Evaluates one environment's drill report against the calibration and its alert conditions. */
export function evaluateEnvironment(
  slot: DrillSlot,
  loaded: LoadedDrillReport,
  calibration: Calibration,
  alerts: AlertCondition[],
): EnvironmentResult {
  const report = loaded.report;
  const environment = report?.environment ?? slot;
  const base = {
    slot,
    environment,
    reportPath: loaded.path,
    service: report?.service ?? null,
    ref: report?.ref ?? null,
    sha: report?.sha ?? null,
    runUrl: report?.run.url ?? null,
    states: {
      deploy: report?.deploy?.state ?? null,
      rollback: report?.rollback?.state ?? null,
      rollbackCallback: report?.rollbackCallback?.state ?? null,
      metricsCallback: report?.metricsCallback?.state ?? null,
    },
    durations: {
      deployMs: report?.deploy?.durationMs ?? null,
      smokeMs: report?.smoke?.durationMs ?? null,
      rollbackMs: report?.rollback?.durationMs ?? null,
      verifyMs: report?.rollbackCallback?.durationMs ?? null,
    },
  };
  if (!report) {
    return {
      ...base,
      status: 'missing',
      reasons: [
        loaded.path
          ? `no ${slot} report at '${loaded.path}'`
          : `no ${slot} report given (input '${slot}' is empty)`,
      ],
    };
  }
  const reasons: string[] = [];
  if (report.deploy) {
    const reason = stateReason('deploy', report.deploy.state, 'delivered');
    if (reason) reasons.push(reason);
  }
  if (!report.rollback) reasons.push('rollback was not triggered (the report has no rollback section)');
  else {
    const reason =
      report.rollback.state === 'accepted'
        ? "rollback is only 'accepted': the rollback webhook gave no status URL (Location header or statusUrl in its answer), so the drill cannot prove the rollback completed; answer with a status URL and run trigger-rollback with wait: true"
        : stateReason('rollback', report.rollback.state, 'succeeded');
    if (reason) reasons.push(reason);
  }
  if (!report.rollbackCallback)
    reasons.push('rollback was not verified (the report has no rollbackCallback section)');
  else {
    const reason = stateReason('rollback verify', report.rollbackCallback.state, 'verified');
    if (reason) reasons.push(reason);
  }
  if (!report.metricsCallback)
    reasons.push('callback was not delivered (the report has no metricsCallback section)');
  else {
    const reason = stateReason('metrics callback', report.metricsCallback.state, 'delivered');
    if (reason) reasons.push(reason);
  }
  for (const name of BUDGET_NAMES) {
    const observed = base.durations[`${name}Ms`];
    const budget = calibration.budgets[`${name}Ms`];
    if (observed !== null && observed > budget) {
      reasons.push(`${name} took ${formatWindow(observed)}, over its budget of ${formatWindow(budget)}`);
    }
  }
  for (const alert of alerts) {
    if (alert.environment === environment && alert.firing)
      reasons.push(`alert ${alert.name}: ${alert.detail}`);
  }
  return { ...base, status: reasons.length ? 'attention_required' : 'drill_passed', reasons };
}

/** Rounds a proposed budget up to a value people write: whole minutes from 1m, else 10s steps. */
function niceDuration(ms: number): number {
  if (ms >= 3_600_000) return Math.ceil(ms / 900_000) * 900_000;
  if (ms >= 60_000) return Math.ceil(ms / 60_000) * 60_000;
  return Math.max(10_000, Math.ceil(ms / 10_000) * 10_000);
}

/**
 * Concrete setting changes derived from the observed numbers. Each names the setting (a calibration key),
 * its current and proposed value and why.
 */
export function proposeDeltas(
  environments: EnvironmentResult[],
  events: EventsSummary | null,
  calibration: Calibration,
): Delta[] {
  const deltas = new Map<string, Delta & { rank: number }>();
  const offer = (delta: Delta, rank: number) => {
    const existing = deltas.get(delta.setting);
    if (!existing || rank > existing.rank) deltas.set(delta.setting, { ...delta, rank });
  };
  const pct = (value: number) => `${Math.round(value * 100)}%`;
  const headroom = calibration.budgetHeadroom;

  for (const name of BUDGET_NAMES) {
    const budget = calibration.budgets[`${name}Ms` as `${BudgetName}Ms`];
    const candidates: Array<{ value: number; what: string }> = [];
    for (const env of environments) {
      const value = env.durations[`${name}Ms` as `${BudgetName}Ms`];
      if (value !== null)
        candidates.push({
          value,
          what: `${env.environment} ${name} in this drill took ${formatWindow(value)}`,
        });
    }
    if (name === 'rollback') {
      for (const env of events?.environments ?? []) {
        const p95 = env.statsWindow.durationP95Ms;
        if (p95 !== null)
          candidates.push({
            value: p95,
            what: `${env.environment} rollback p95 over the last ${formatWindow(calibration.statsWindowMs)} (${env.statsWindow.durationSamples} callbacks) is ${formatWindow(Math.round(p95))}`,
          });
      }
    }
    for (const { value, what } of candidates) {
      if (value >= headroom * budget) {
        const proposed = niceDuration(value * 1.5);
        offer(
          {
            setting: `budgets.${name}`,
            current: formatWindow(budget),
            proposed: formatWindow(proposed),
            reason: `${what}, ${pct(value / budget)} of its ${formatWindow(budget)} budget (attention at ${pct(headroom)}); raise the budget (or the step's timeout) so a slow but healthy ${name} is not cut off`,
          },
          value,
        );
      }
    }
    if (name === 'rollback' && !deltas.has('budgets.rollback')) {
      // Plenty of history and far below budget: a tighter budget catches a degrading rollback sooner.
      for (const env of events?.environments ?? []) {
        const p95 = env.statsWindow.durationP95Ms;
        if (p95 !== null && env.statsWindow.durationSamples >= 20 && p95 < 0.25 * budget) {
          const proposed = niceDuration(p95 * 2);
          if (proposed < budget)
            offer(
              {
                setting: 'budgets.rollback',
                current: formatWindow(budget),
                proposed: formatWindow(proposed),
                reason: `${env.environment} rollback p95 over ${env.statsWindow.durationSamples} callbacks is ${formatWindow(Math.round(p95))}, ${pct(p95 / budget)} of its budget; a budget of twice the p95 flags a degrading rollback sooner`,
              },
              -p95,
            );
        }
      }
    }
  }

  for (const env of events?.environments ?? []) {
    const { rateWindow, statsWindow } = env;
    const min = calibration.failureRate.minEvents;
    if (rateWindow.total >= min || statsWindow.total === 0) continue;
    const perDay = statsWindow.total / (calibration.statsWindowMs / 86_400_000);
    const neededDays = Math.ceil(min / perDay);
    const proposedMs = neededDays * 86_400_000;
    if (proposedMs <= calibration.failureRate.windowMs) continue;
    offer(
      {
        setting: 'failureRate.window',
        current: formatWindow(calibration.failureRate.windowMs),
        proposed: formatWindow(proposedMs),
        reason: `${env.environment}: the ${formatWindow(calibration.failureRate.windowMs)} window saw ${rateWindow.total} events, fewer than the minimum volume of ${min}, so the rate alert could not fire; at ${Math.round(perDay * 100) / 100} events/day (last ${formatWindow(calibration.statsWindowMs)}) a ${neededDays}d window reaches it`,
      },
      neededDays,
    );
  }
  return [...deltas.values()].map(({ rank: _rank, ...delta }) => delta);
}

export interface EvaluateDrillOptions {
  staging: LoadedDrillReport;
  production: LoadedDrillReport;
  /** Event counts from the receiver's log (see summariseEventLog), or null when no log was given. */
  events: EventsSummary | null;
  calibration: Calibration;
  owner?: string;
  deltaApplied?: string;
  now: Date;
}

/** The pure evaluation: reports + event counts + calibration -> the drill delta report. */
export function evaluateDrill(options: EvaluateDrillOptions): DrillDeltaReport {
  const { calibration, now, events } = options;
  const alerts: AlertCondition[] = (events?.environments ?? []).flatMap((env: EnvironmentEvents) =>
    alertConditions(env, calibration, now),
  );
  const staging = evaluateEnvironment('staging', options.staging, calibration, alerts);
  const production = evaluateEnvironment('production', options.production, calibration, alerts);
  const notes: string[] = [];
  if (!events) notes.push('alert conditions not evaluated: no event history given (input events)');
  else if (events.malformedLines)
    notes.push(`${events.malformedLines} malformed line(s) in the event log were skipped`);
  if (events?.futureEvents)
    notes.push(`${events.futureEvents} event(s) after the evaluation time ${now.toISOString()} were ignored`);
  const firingAlerts = [...new Set(alerts.filter((alert) => alert.firing).map((alert) => alert.name))];
  return {
    schemaVersion: DRILL_REPORT_SCHEMA_VERSION,
    kind: DRILL_REPORT_KIND,
    generatedAt: now.toISOString(),
    owner: options.owner ?? null,
    deltaApplied: options.deltaApplied ?? 'no',
    staging,
    production,
    alerts,
    firingAlerts,
    events,
    deltas: proposeDeltas([staging, production], events, calibration),
    calibration,
    notes,
  };
}

export interface RunDrillEvaluationOptions {
  stagingPath?: string;
  productionPath?: string;
  eventsPath?: string;
  calibration: Calibration;
  owner?: string;
  deltaApplied?: string;
  now: Date;
}

/** Reads the reports and streams the event log, then evaluates. */
export async function runDrillEvaluation(options: RunDrillEvaluationOptions): Promise<DrillDeltaReport> {
  const staging = await loadDrillReport(options.stagingPath, 'staging');
  const production = await loadDrillReport(options.productionPath, 'production');
  const expected = [staging.report?.environment ?? 'staging', production.report?.environment ?? 'production'];
  let events: EventsSummary | null = null;
  if (options.eventsPath) {
    events = await summariseEventLog(options.eventsPath, options.calibration, options.now, expected);
  }
  if (Number.isNaN(options.now.getTime()))
    throw new ConfigurationError('the evaluation time is not a valid date');
  return evaluateDrill({ ...options, staging, production, events });
}
