import {
  EVIDENCE_REPORT_SCHEMA_VERSIONS,
  type EvidenceKind,
  evidenceReportSchemas,
  receiverValidationReportV1Schema,
} from '../../packages/core/src/receiver-evidence/schemas.js';

/**
 * The smallest passing report of each evidence kind that matches its zod schema (readiness checks every
 * built-in evidence file against its schema, so a document with just the checked fields fails).
 */
export function passingEvidenceReport(kind: EvidenceKind, generatedAt: string): Record<string, unknown> {
  const common = {
    schemaVersion: EVIDENCE_REPORT_SCHEMA_VERSIONS[kind],
    generatedAt,
    status: 'passed',
    durationMs: 1200,
    kind,
  };
  const documents: Record<EvidenceKind, Record<string, unknown>> = {
    'receiver-validation': {
      ...common,
      receiver: { url: 'https://hooks.example.com/callbacks', metricsUrl: null },
      environment: 'staging',
      toleranceMs: 300_000,
      checks: [
        {
          name: 'signed-event-accepted',
          description: 'a signed event is accepted',
          status: 'passed',
          expected: '2xx',
          observed: '200',
          httpStatus: 200,
          latencyMs: 12,
        },
      ],
      summary: { passed: 1, failed: 0, skipped: 0, failedChecks: [], skippedChecks: [] },
      latency: { minMs: 12, meanMs: 12, maxMs: 12 },
    },
    'receiver-drill': {
      ...common,
      receiver: { url: 'https://hooks.example.com/callbacks', metricsUrl: null, eventLog: null },
      deadlineMs: 30_000,
      environments: [
        {
          environment: 'staging',
          webhookId: 'msg_1',
          outcome: 'delivered',
          httpStatus: 200,
          responseLatencyMs: 10,
          deliveryLatencyMs: 40,
          confirmedBy: ['event-log'],
        },
      ],
      summary: { delivered: 1, failed: 0, failedEnvironments: [] },
    },
    'load-calibration': {
      ...common,
      settings: {
        requests: 100,
        durationMs: null,
        rate: null,
        concurrency: 2,
        timeoutMs: 10_000,
        hardStopMs: 60_000,
        headroom: 1.5,
      },
      budgets: { p95Ms: 500, p99Ms: 1000, errorRate: 0.01 },
      targets: [],
      observed: null,
      proposals: [],
    },
  };
  return evidenceReportSchemas[kind].parse(documents[kind]) as Record<string, unknown>;
}

/**
 * A receiver validation run without the receiver's metrics URL: the two counting checks skipped. Version 2
 * says `partial`; version 1 (written before partial existed) said `passed`.
 */
export function partialValidationReport(
  generatedAt: string,
  schemaVersion: 1 | 2 = 2,
): Record<string, unknown> {
  const passing = passingEvidenceReport('receiver-validation', generatedAt);
  const skipped = ['replay-not-counted-twice', 'rejected-events-not-counted'].map((name) => ({
    name,
    description: name,
    status: 'skipped',
    expected: 'counter +1 over both calls',
    observed: 'not measured',
    httpStatus: null,
    latencyMs: null,
    detail: 'no metrics URL given',
  }));
  const summary = { passed: 1, failed: 0, skipped: 2, failedChecks: [] };
  const report = {
    ...passing,
    checks: [...(passing.checks as object[]), ...skipped],
    ...(schemaVersion === 2
      ? { status: 'partial', summary: { ...summary, skippedChecks: skipped.map((check) => check.name) } }
      : { schemaVersion: 1, status: 'passed', summary }),
  };
  const schema =
    schemaVersion === 2 ? evidenceReportSchemas['receiver-validation'] : receiverValidationReportV1Schema;
  return schema.parse(report) as Record<string, unknown>;
}
