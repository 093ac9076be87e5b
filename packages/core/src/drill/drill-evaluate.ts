import { resolve } from 'node:path';
import { GateBlocked } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { loadCalibration } from './calibration.js';
import { runDrillEvaluation } from './evaluate.js';
import { type DrillOutputPaths, writeDrillOutputs } from './output.js';
import type { DrillDeltaReport } from './schema.js';

export interface DrillEvaluateOptions {
  /** Where relative paths start (the workspace, or the CLI's current folder). */
  workspace: string;
  /** The drill's release-gate reports; none given means `missing`. */
  staging?: string;
  production?: string;
  /** The receiver's JSON-lines event log. */
  events?: string;
  /** Empty for the defaults, a calibration file, or the YAML/JSON itself inline. */
  calibration?: string;
  owner?: string;
  deltaApplied?: string;
  now: Date;
  /** Where the three drill files go. */
  outDir: string;
  /** The drill log to extend; default: the one already in `outDir`, if any. */
  previousLog?: string;
  logger?: Logger;
}

export interface DrillEvaluation {
  report: DrillDeltaReport;
  paths: DrillOutputPaths;
}

/**
 * The drill-evaluate use case: loads the calibration, evaluates both environments and the event log,
 * writes the delta report (JSON and markdown) and extends the drill log. A malformed previous log is a
 * warning naming the problem, and a new log is started.
 */
export async function drillEvaluate(options: DrillEvaluateOptions): Promise<DrillEvaluation> {
  const logger = options.logger ?? silentLogger;
  const path = (value: string | undefined) => (value ? resolve(options.workspace, value) : undefined);
  const calibration = await loadCalibration(options.calibration, (file) => resolve(options.workspace, file));
  const report = await runDrillEvaluation({
    stagingPath: path(options.staging),
    productionPath: path(options.production),
    eventsPath: path(options.events),
    calibration,
    owner: options.owner,
    deltaApplied: options.deltaApplied,
    now: options.now,
  });
  const paths = await writeDrillOutputs(
    report,
    resolve(options.workspace, options.outDir),
    path(options.previousLog),
  );
  if (paths.previousLogMalformed)
    logger.warning(`previous drill log is malformed (${paths.previousLogMalformed}): starting a new log`);
  return { report, paths };
}

/** `fail-on-attention` as a gate: GateBlocked naming every environment that did not pass its drill. */
export function enforceDrillAttention(report: DrillDeltaReport, failOnAttention: boolean): void {
  const unhealthy = [report.staging, report.production].filter((env) => env.status !== 'drill_passed');
  if (unhealthy.length && failOnAttention) {
    throw new GateBlocked(
      `drill needs attention: ${unhealthy.map((env) => `${env.slot} ${env.status}`).join(', ')} (fail-on-attention is true)`,
    );
  }
}
