import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { drillEvaluate, silentLogger } from '@release-actions/core';
import type { DemoStage } from '../types.js';
import { gate, rollBackAndVerify } from './rollback-gate.js';

const ENVIRONMENTS = ['staging', 'production'] as const;

/**
 * The weekly rollback drill: a drill rollback (events marked `drill: true`, so the receiver rehearses
 * without acting) per environment, each verified and called back, then drill-evaluate over both reports
 * and the receiver's event history. Writes the drill delta report and extends the drill log.
 */
export const drillStage: DemoStage = {
  name: 'drill',
  title: 'Rollback drill for staging and production, evaluated with drill-evaluate',
  async run(context) {
    const state = await gate(context);
    const drillDir = join(context.outDir, 'drill');
    await rm(drillDir, { recursive: true, force: true });
    const reportPaths: Record<string, string> = {};
    for (const environment of ENVIRONMENTS) {
      reportPaths[environment] = join(drillDir, `${environment}-release-gate-report`, 'report.json');
      await rollBackAndVerify(context, state, {
        environment,
        drill: true,
        reportPath: reportPaths[environment],
        reason: 'scheduled rollback drill',
      });
    }
    const { report, paths: written } = await drillEvaluate({
      workspace: process.cwd(),
      staging: reportPaths.staging,
      production: reportPaths.production,
      events: state.eventLog,
      owner: 'demo',
      deltaApplied: 'no',
      now: new Date(),
      outDir: context.outDir,
      logger: { ...silentLogger, warning: (message) => context.log(`warning: ${message}`) },
    });
    context.log(`staging: ${report.staging.status}; production: ${report.production.status}`);
    for (const reason of [...report.staging.reasons, ...report.production.reasons])
      context.log(`  - ${reason}`);
    context.log(`firing alerts: ${report.firingAlerts.length ? report.firingAlerts.join(', ') : 'none'}`);
    if (report.deltas.length)
      context.log(
        'calibration deltas: alert settings the drill history says to change (proposed, not applied: deltaApplied no)',
      );
    for (const delta of report.deltas)
      context.log(`delta: ${delta.setting} ${delta.current} -> ${delta.proposed}: ${delta.reason}`);
    context.log(`drill delta report: ${relative(process.cwd(), written.json)}`);
    context.log(`drill log: ${relative(process.cwd(), written.log)}`);
    context.wrote(drillDir, 'the drill rollback reports, one folder per environment');
    context.wrote(
      written.json,
      'drill-evaluate: drill status per environment, alerts and calibration deltas (.md beside it)',
    );
    context.wrote(written.log, 'the drill log: one row per drill');
    const passed = report.staging.status === 'drill_passed' && report.production.status === 'drill_passed';
    return {
      asIntended: passed,
      summary: `staging ${report.staging.status}, production ${report.production.status}`,
    };
  },
};
