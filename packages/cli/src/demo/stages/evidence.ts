import { randomBytes } from 'node:crypto';
import { join, relative, resolve } from 'node:path';
import {
  type EvidenceReport,
  evidenceSpec,
  parseInputs,
  produceEvidence,
  startReceiver,
  valueSource,
} from '@release-actions/core';
import type { DemoStage } from '../types.js';

/**
 * The readiness evidence: starts the reference receiver, proves its contract, drills the callback path
 * for staging and production, and calibrates load budgets against it and the sample service. The three
 * reports land in build-artifacts/ where the readiness checklist looks for them. Each kind runs as the
 * evidence action would with these inputs (the rest at the action's defaults).
 */
export const evidenceStage: DemoStage = {
  name: 'evidence',
  title: 'Readiness evidence: receiver validation, receiver drill, load budget calibration',
  async run(context) {
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const eventLog = join(context.outDir, 'receiver', 'evidence-events.jsonl');
    const receiver = await startReceiver({ secret, eventLog });
    context.onCleanup(() => receiver.close());
    const callbacks = `${receiver.url}/internal/release-gate/callbacks`;
    const metrics = `${receiver.url}/metrics`;
    const runs: Array<Record<string, string>> = [
      {
        kind: 'receiver-validation',
        'receiver-url': callbacks,
        'receiver-metrics-url': metrics,
        'signing-secret': secret,
        timeout: '2s',
      },
      {
        kind: 'receiver-drill',
        'receiver-url': callbacks,
        'receiver-metrics-url': metrics,
        'event-log': eventLog,
        'signing-secret': secret,
        deadline: '5s',
        timeout: '2s',
      },
      {
        kind: 'load-calibration',
        targets: `${receiver.url}/healthz, ${context.service.healthyUrl}`,
        requests: '200',
        rate: '200',
        timeout: '2s',
        'hard-stop': '20s',
      },
    ];
    context.wrote(eventLog, "the evidence receiver's event log (validation and drill events)");
    const reports: EvidenceReport[] = [];
    for (const inputs of runs) {
      const values = parseInputs(evidenceSpec, valueSource({ ...inputs, 'out-dir': context.outDir }));
      const { report, written } = await produceEvidence(values, { resolvePath: (path) => resolve(path) });
      reports.push(report);
      context.log(`${report.kind}: ${report.status} -> ${relative(process.cwd(), written.jsonPath)}`);
      context.wrote(written.jsonPath, `${report.kind} report (readiness evidence; .md beside it)`);
      if (report.kind === 'receiver-validation')
        context.log(
          `  ${report.summary.passed} checks passed${report.summary.failed ? `, failed: ${report.summary.failedChecks.join(', ')}` : ''}`,
        );
      if (report.kind === 'receiver-drill')
        for (const env of report.environments)
          context.log(
            `  ${env.environment}: ${env.outcome}${env.deliveryLatencyMs !== null ? ` in ${env.deliveryLatencyMs}ms` : ''}`,
          );
      if (report.kind === 'load-calibration') {
        context.log(
          "  two targets, the receiver's and the sample service's /healthz: each service the gate calls gets its own latency budget",
        );
        for (const target of report.targets)
          context.log(
            `  ${target.url}: ${target.throughput} req/s, p50 ${target.latency?.p50Ms}ms, p95 ${target.latency?.p95Ms}ms, p99 ${target.latency?.p99Ms}ms, errors ${target.errorRate * 100}%`,
          );
      }
    }
    const failed = reports.filter((report) => report.status !== 'passed').map((report) => report.kind);
    return {
      asIntended: failed.length === 0,
      summary: failed.length
        ? `evidence failed: ${failed.join(', ')}`
        : 'receiver validation, receiver drill and load calibration passed; reports in build-artifacts/',
    };
  },
};
