import { maskedTarget } from '../webhooks/client.js';
import { round } from './delivery.js';
import { EVIDENCE_REPORT_SCHEMA_VERSIONS, type EvidenceKind, type EvidenceReportStatus } from './schemas.js';

export interface EvidenceReportHeader<K extends EvidenceKind, S extends EvidenceReportStatus> {
  schemaVersion: (typeof EVIDENCE_REPORT_SCHEMA_VERSIONS)[K];
  kind: K;
  generatedAt: string;
  status: S;
  durationMs: number;
}

/**
 * The fields every evidence report opens with: its kind's schema version, the kind, when it was
 * generated, its status, and how long the run took since `started` (a `performance.now()` reading).
 */
export function evidenceReportHeader<K extends EvidenceKind, S extends EvidenceReportStatus>(
  kind: K,
  status: S,
  started: number,
  now: Date,
): EvidenceReportHeader<K, S> {
  return {
    schemaVersion: EVIDENCE_REPORT_SCHEMA_VERSIONS[kind],
    kind,
    generatedAt: now.toISOString(),
    status,
    durationMs: round(performance.now() - started),
  };
}

/**
 * The receiver's URLs as a report shows them: the origin only, the rest as `***`. Teams keep them in
 * secrets (`<ENV>_RELEASE_GATE_METRICS_URL`, `<ENV>_RELEASE_GATE_RECEIVER_METRICS_URL`), like webhook URLs.
 */
export function shownReceiverUrls(options: { receiverUrl: string; metricsUrl?: string }) {
  return {
    url: maskedTarget(options.receiverUrl),
    metricsUrl: options.metricsUrl ? maskedTarget(options.metricsUrl) : null,
  };
}
