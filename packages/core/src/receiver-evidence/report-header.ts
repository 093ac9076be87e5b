import { maskedTarget } from '../webhooks/client.js';
import { round } from './delivery.js';
import { EVIDENCE_REPORT_SCHEMA_VERSION } from './schemas.js';

export interface EvidenceReportHeader<K extends string> {
  schemaVersion: typeof EVIDENCE_REPORT_SCHEMA_VERSION;
  kind: K;
  generatedAt: string;
  status: 'passed' | 'failed';
  durationMs: number;
}

/**
 * The fields every evidence report opens with: schema version, kind, when it was generated, passed or
 * failed, and how long the run took since `started` (a `performance.now()` reading).
 */
export function evidenceReportHeader<K extends string>(
  kind: K,
  failed: boolean,
  started: number,
  now: Date,
): EvidenceReportHeader<K> {
  return {
    schemaVersion: EVIDENCE_REPORT_SCHEMA_VERSION,
    kind,
    generatedAt: now.toISOString(),
    status: failed ? 'failed' : 'passed',
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
