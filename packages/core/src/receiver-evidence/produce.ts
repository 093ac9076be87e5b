import type { Logger } from '../logger.js';
import { type EvidenceInputValues, receiverMetricsUrl } from '../specs/evidence.js';
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
  const written = await writeEvidenceReport(host.resolvePath(values['out-dir']), report);
  return { report, written, failed: failedNames(report) };
}

function runKind(
  values: EvidenceInputValues,
  { logger, resolvePath }: EvidenceHost,
): Promise<EvidenceReport> {
  switch (values.kind) {
    case 'receiver-validation':
      return runReceiverValidation({
        receiverUrl: values['receiver-url']!,
        signingSecret: values['signing-secret']!,
        metricsUrl: receiverMetricsUrl(values),
        bearerToken: values['bearer-token'],
        environment: values.environment,
        toleranceMs: values.tolerance,
        timeoutMs: values.timeout,
        logger,
      });
    case 'receiver-drill': {
      const eventLog = values['event-log'];
      return runReceiverDrill({
        receiverUrl: values['receiver-url']!,
        environments: values.environments,
        metricsUrl: receiverMetricsUrl(values),
        eventLog: eventLog ? resolvePath(eventLog) : undefined,
        signingSecret: values['signing-secret'],
        bearerToken: values['bearer-token'],
        deadlineMs: values.deadline,
        timeoutMs: values.timeout,
        logger,
      });
    }
    case 'load-calibration':
      return runLoadCalibration({
        targets: values.targets,
        method: values.method,
        requests: values.requests,
        durationMs: values.duration,
        rate: values.rate || undefined,
        concurrency: values.concurrency,
        timeoutMs: values.timeout,
        hardStopMs: values['hard-stop'],
        budgets: {
          p95Ms: values['latency-budget-p95'],
          p99Ms: values['latency-budget-p99'],
          errorRate: values['error-budget'],
        },
        headroom: values.headroom,
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

/**
 * The step's closing warning when the evidence is partial: nothing failed, but what was skipped is not
 * proved, and readiness refuses it unless the checklist accepts `partial` for this report.
 */
export function evidencePartialMessage({ report, written }: EvidenceOutcome): string {
  const skipped = report.kind === 'receiver-validation' ? report.summary.skippedChecks : [];
  return `${report.kind} is partial: ${skipped.join(', ')} skipped (give receiver-metrics-url to prove them); readiness refuses a partial report unless its checklist entry says accept: [partial] (see ${written.markdownPath})`;
}

/** The step's closing line when the evidence failed: what failed and where the markdown is. */
export function evidenceFailedMessage({ report, written, failed }: EvidenceOutcome): string {
  return `${report.kind} failed: ${failed.join(', ')} (see ${written.markdownPath})`;
}
