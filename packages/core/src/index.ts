export * from './assertions.js';
export * from './bundle/index.js';
export * from './drill/index.js';
export * from './duration.js';
export * from './errors.js';
export * from './events/index.js';
export * from './health/index.js';
export * from './http/exchange.js';
export * from './http/request.js';
export * from './inputs/index.js';
export * from './json-path.js';
export * from './list.js';
export * from './logger.js';
export * from './probes/index.js';
export * from './readiness/index.js';
export {
  EVIDENCE_REPORT_FILES,
  EVIDENCE_REPORT_SCHEMA_VERSION,
  type EvidenceKind,
  type EvidenceReport,
  evidenceReportSchemas,
  type LoadCalibrationReport,
  loadCalibrationReportSchema,
  type ReceiverDrillReport,
  type ReceiverValidationReport,
  receiverDrillReportSchema,
  receiverValidationReportSchema,
  renderEvidenceReport,
  runLoadCalibration,
  runReceiverDrill,
  runReceiverValidation,
  writeEvidenceReport,
} from './receiver-evidence/index.js';
export * from './redact.js';
export * from './render/index.js';
export * from './report/context.js';
export * from './report/file.js';
export * from './report/release-log.js';
export * from './report/schema.js';
export * from './report/smoke-section.js';
export * from './report/verdict.js';
export * from './report/webhook-sections.js';
export * from './retry.js';
export * from './status-list.js';
