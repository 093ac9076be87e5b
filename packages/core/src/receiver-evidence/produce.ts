import type { Logger } from '../logger.js';
import { type EvidenceInputValues, EvidenceInput as I, receiverMetricsUrl } from '../specs/evidence.js';
import { runLoadCalibration } from './load-calibration.js';
import { runReceiverDrill } from './receiver-drill.js';
import { runReceiverValidation } from './receiver-validation.js';
import type { EvidenceReport } from './schemas.js';
import { type WrittenEvidence, writeEvidenceReport } from './write.js';

/** What the host lends the use case: where progress goes and how a relative path resolves. */
export interface EvidenceHost {
  logger?: Logger;
  /** The workspace for the action, the current folder for the CLI. */
  resolvePath: (path: string) => string;
}

export interface EvidenceOutcome {
  report: EvidenceReport;
  written: WrittenEvidence;
  /** What failed, by name: checks, environments or target URLs. */
  failed: string[];
}

/**
 * The evidence use case, for the action, the CLI and the demo alike: runs the kind the inputs name and
 * writes its report and markdown into `out-dir`.
 */
export async function produceEvidence(
  values: EvidenceInputValues,
  host: EvidenceHost,
): Promise<EvidenceOutcome> {
  const report = await runKind(values, host);
  const written = await writeEvidenceReport(host.resolvePath(values[I.OutDir]), report);
  return { report, written, failed: failedNames(report) };
}

function runKind(
  values: EvidenceInputValues,
  { logger, resolvePath }: EvidenceHost,
): Promise<EvidenceReport> {
  switch (values[I.Kind]) {
    case 'receiver-validation':
      return runReceiverValidation({
        receiverUrl: values[I.ReceiverUrl]!,
        signingSecret: values[I.SigningSecret]!,
        metricsUrl: receiverMetricsUrl(values),
        bearerToken: values[I.BearerToken],
        environment: values[I.Environment],
        toleranceMs: values[I.Tolerance],
        timeoutMs: values[I.Timeout],
        logger,
      });
    case 'receiver-drill': {
      const eventLog = values[I.EventLog];
      return runReceiverDrill({
        receiverUrl: values[I.ReceiverUrl]!,
        environments: values[I.Environments],
        metricsUrl: receiverMetricsUrl(values),
        eventLog: eventLog ? resolvePath(eventLog) : undefined,
        signingSecret: values[I.SigningSecret],
        bearerToken: values[I.BearerToken],
        deadlineMs: values[I.Deadline],
        timeoutMs: values[I.Timeout],
        logger,
      });
    }
    case 'load-calibration':
      return runLoadCalibration({
        targets: values[I.Targets],
        method: values[I.Method],
        requests: values[I.Requests],
        durationMs: values[I.Duration],
        rate: values[I.Rate] || undefined,
        concurrency: values[I.Concurrency],
        timeoutMs: values[I.Timeout],
        hardStopMs: values[I.HardStop],
        budgets: {
          p95Ms: values[I.LatencyBudgetP95],
          p99Ms: values[I.LatencyBudgetP99],
          errorRate: values[I.ErrorBudget],
        },
        headroom: values[I.Headroom],
        logger,
      });
  }
}

function failedNames(report: EvidenceReport): string[] {
  switch (report.kind) {
    case 'receiver-validation':
      return report.summary.failedChecks;
    case 'receiver-drill':
      return report.summary.failedEnvironments;
    case 'load-calibration':
      return report.targets.filter((t) => t.status === 'failed').map((t) => t.url);
  }
}

/** One line per failure, for annotations: a failed check, an undelivered environment, a target over budget. */
export function evidenceFailures(report: EvidenceReport): { title: string; message: string }[] {
  switch (report.kind) {
    case 'receiver-validation':
      return report.checks
        .filter((check) => check.status === 'failed')
        .map((check) => ({
          title: 'Receiver validation',
          message: `${check.name}: expected ${check.expected}, observed ${check.observed}${check.detail ? ` (${check.detail})` : ''}`,
        }));
    case 'receiver-drill':
      return report.environments
        .filter((env) => env.outcome !== 'delivered')
        .map((env) => ({
          title: 'Receiver drill',
          message: `${env.environment}: ${env.outcome}${env.detail ? `: ${env.detail}` : ''}`,
        }));
    case 'load-calibration':
      return report.targets
        .filter((target) => target.status === 'failed')
        .map((target) => ({
          title: 'Load calibration',
          message: `${target.method} ${target.url}: ${target.breaches.join('; ')}`,
        }));
  }
}

/** The step's closing line when the evidence failed: what failed and where the markdown is. */
export function evidenceFailedMessage({ report, written, failed }: EvidenceOutcome): string {
  return `${report.kind} failed: ${failed.join(', ')} (see ${written.markdownPath})`;
}
