import { randomBytes } from 'node:crypto';
import { join, relative } from 'node:path';
import { startReceiver } from '@release-actions/core/receiver/index';
import { runLoadCalibration } from '@release-actions/core/receiver-evidence/load-calibration';
import { runReceiverDrill } from '@release-actions/core/receiver-evidence/receiver-drill';
import { runReceiverValidation } from '@release-actions/core/receiver-evidence/receiver-validation';
import type { EvidenceReport } from '@release-actions/core/receiver-evidence/schemas';
import { writeEvidenceReport } from '@release-actions/core/receiver-evidence/write';
import type { DemoStage } from '../types.js';

/**
 * The readiness evidence: starts the reference receiver, proves its contract, drills the callback path
 * for staging and production, and calibrates load budgets against it and the sample service. The three
 * reports land in build-artifacts/ where the readiness checklist looks for them.
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
    const reports: EvidenceReport[] = [
      await runReceiverValidation({
        receiverUrl: callbacks,
        metricsUrl: metrics,
        signingSecret: secret,
        timeoutMs: 2000,
      }),
      await runReceiverDrill({
        receiverUrl: callbacks,
        metricsUrl: metrics,
        eventLog,
        signingSecret: secret,
        environments: ['staging', 'production'],
        deadlineMs: 5000,
        timeoutMs: 2000,
      }),
      await runLoadCalibration({
        targets: [`${receiver.url}/healthz`, context.service.healthyUrl],
        requests: 200,
        rate: 200,
        concurrency: 4,
        timeoutMs: 2000,
        hardStopMs: 20_000,
      }),
    ];
    for (const report of reports) {
      const written = await writeEvidenceReport(context.outDir, report);
      context.log(`${report.kind}: ${report.status} -> ${relative(process.cwd(), written.jsonPath)}`);
      if (report.kind === 'receiver-validation')
        context.log(
          `  ${report.summary.passed} checks passed${report.summary.failed ? `, failed: ${report.summary.failedChecks.join(', ')}` : ''}`,
        );
      if (report.kind === 'receiver-drill')
        for (const env of report.environments)
          context.log(
            `  ${env.environment}: ${env.outcome}${env.deliveryLatencyMs !== null ? ` in ${env.deliveryLatencyMs}ms` : ''}`,
          );
      if (report.kind === 'load-calibration')
        for (const target of report.targets)
          context.log(
            `  ${target.url}: ${target.throughput} req/s, p50 ${target.latency?.p50Ms}ms, p95 ${target.latency?.p95Ms}ms, p99 ${target.latency?.p99Ms}ms, errors ${target.errorRate * 100}%`,
          );
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
