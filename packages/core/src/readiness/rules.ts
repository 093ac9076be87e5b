import type * as z from 'zod';
import { drillDeltaReportSchema } from '../drill/schema.js';
import {
  READABLE_EVIDENCE_SCHEMA_VERSIONS,
  type ReceiverValidationReport,
  readableEvidenceReportSchemas,
} from '../receiver-evidence/schemas.js';
import type { StatusCheck } from './checklist.js';

const DAY = 86_400_000;

/** Report statuses short of `passed` that a checklist may accept for a report (`accept: [partial]`). */
export const ACCEPTABLE_STATUSES = ['partial'] as const;
export type AcceptableStatus = (typeof ACCEPTABLE_STATUSES)[number];

/**
 * A required report every readiness check asks for unless its rule is turned off. New defaults are one
 * more entry here: the id doubles as the rule name in `rules: { <id>: false }` and as the key of a path
 * override (`evidencePaths`, the action's path inputs).
 */
export interface DefaultEvidence {
  id: string;
  name: string;
  /** Workspace path used when neither the checklist nor an input points elsewhere. */
  path: string;
  maxAgeMs: number;
  timestampPath: string;
  checks: StatusCheck[];
  /** The report's own `status` must be `passed`, or one of the statuses the checklist accepts. */
  status?: { name: string; path: string; acceptable: readonly AcceptableStatus[] };
  /** Why a report fails beyond its checks (what a partial report did not prove), for the reason. */
  explain?: (document: unknown) => string | undefined;
  description: string;
  /** The report's zod schema: a file that does not match fails the rule naming the schema error. */
  schema?: z.ZodType;
}

/** The check on a report's `status`: `passed`, or also what the checklist accepts for it. */
export function statusCheck(entry: DefaultEvidence, accept: readonly string[] = []): StatusCheck[] {
  if (!entry.status) return [];
  const { name, path } = entry.status;
  return [{ name, path, op: accept.length ? { in: ['passed', ...accept] } : { equals: 'passed' } }];
}

/**
 * An evidence report as the evidence commands write it: `build-artifacts/release-gate-<kind>-report.json`,
 * fresh by its `generatedAt`, of its kind and a schema version readiness reads, and passed.
 */
function evidenceReport(report: {
  id: string;
  kind: keyof typeof readableEvidenceReportSchemas;
  name: string;
  maxAgeMs: number;
  /** The name of the check that the report's status is `passed`. */
  passedCheck: string;
  acceptable?: readonly AcceptableStatus[];
  explain?: DefaultEvidence['explain'];
  description: string;
}): DefaultEvidence {
  const versions = READABLE_EVIDENCE_SCHEMA_VERSIONS[report.kind];
  return {
    id: report.id,
    name: report.name,
    path: `build-artifacts/release-gate-${report.kind}-report.json`,
    maxAgeMs: report.maxAgeMs,
    timestampPath: 'generatedAt',
    checks: [
      { name: 'report kind', path: 'kind', op: { equals: report.kind } },
      {
        name: 'schema version',
        path: 'schemaVersion',
        op: versions.length === 1 ? { equals: versions[0] } : { in: versions },
      },
    ],
    status: { name: report.passedCheck, path: 'status', acceptable: report.acceptable ?? [] },
    ...(report.explain ? { explain: report.explain } : {}),
    description: report.description,
    schema: readableEvidenceReportSchemas[report.kind],
  };
}

/** What a partial receiver validation did not prove, and the two ways out. */
function explainPartialValidation(document: unknown): string | undefined {
  const report = document as ReceiverValidationReport;
  if (report.status !== 'partial') return undefined;
  const skipped = report.checks.filter((check) => check.status === 'skipped').map((check) => check.name);
  return `skipped: ${skipped.join(', ')} (no receiver metrics URL), so the idempotency contract is not proved; give the evidence step receiver-metrics-url, or accept it in the checklist: evidence: [{ id: receiverValidationReport, accept: [partial] }]`;
}

export const DEFAULT_EVIDENCE: DefaultEvidence[] = [
  {
    id: 'drillDeltaReport',
    name: 'drill delta report',
    path: 'build-artifacts/release-gate-drill-delta-report.json',
    // Drills run weekly; a day of slack for a late run.
    maxAgeMs: 8 * DAY,
    timestampPath: 'generatedAt',
    checks: [
      { name: 'staging drill', path: 'staging.status', op: { equals: 'drill_passed' } },
      { name: 'production drill', path: 'production.status', op: { equals: 'drill_passed' } },
    ],
    description:
      'the last rollback drill report is present, fresh, and neither environment is missing or attention_required',
    schema: drillDeltaReportSchema,
  },
  // The evidence reports (evidence action / validate-receiver, drill-receiver, calibrate-load): each
  // present, parseable (schemaVersion and kind checked), fresh by its generatedAt, and passed.
  evidenceReport({
    id: 'receiverValidationReport',
    kind: 'receiver-validation',
    name: 'receiver validation report',
    maxAgeMs: 8 * DAY,
    passedCheck: 'receiver validation',
    acceptable: ['partial'],
    explain: explainPartialValidation,
    description:
      'the callback receiver proved its signing and idempotency contract (receiver validation passed)',
  }),
  evidenceReport({
    id: 'receiverDrillReport',
    kind: 'receiver-drill',
    name: 'ops receiver drill report',
    maxAgeMs: 8 * DAY,
    passedCheck: 'receiver drill',
    description:
      'a drill callback reached the receiver in time for every environment (receiver drill passed)',
  }),
  evidenceReport({
    id: 'loadCalibrationReport',
    kind: 'load-calibration',
    name: 'load budget calibration report',
    // Load budgets move slowly; recalibrate monthly.
    maxAgeMs: 31 * DAY,
    passedCheck: 'load within budgets',
    description: 'bounded load stayed within the latency and error budgets (load calibration passed)',
  }),
];

/** The built-in fact rules, in the order the decision record lists them. */
export const FACT_RULES = [
  {
    id: 'targetIsMain',
    description: 'the target ref is the main branch (or a tag matching release-tag-pattern)',
  },
  { id: 'releaseOwnerNamed', description: 'a release owner is named' },
  { id: 'rollbackOwnerNamed', description: 'a rollback owner is named' },
  { id: 'rollbackRefSet', description: 'a rollback ref is set (and differs from the target)' },
  { id: 'latestSmokePassed', description: 'the latest release-gate report is fresh and its smoke passed' },
] as const;

export type FactRuleId = (typeof FACT_RULES)[number]['id'];

/** Every rule id a checklist may turn off. */
export function builtInRuleIds(defaults: DefaultEvidence[] = DEFAULT_EVIDENCE): string[] {
  return [...FACT_RULES.map((rule) => rule.id), ...defaults.map((entry) => entry.id)];
}

/** Values that name nobody. */
const PLACEHOLDERS = new Set(['', 'tbd', 'todo', 'unknown', 'none', 'n/a', 'na', '-', '?', 'nobody']);

export function isNamed(value: string | undefined): boolean {
  return value !== undefined && !PLACEHOLDERS.has(value.trim().toLowerCase());
}

/** `v*`, `release-?.*`: `*` any run of characters, `?` one character; everything else literal. */
export function tagPatternToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/** Whether a ref is the main branch or an allowed release tag, with the reason either way. */
export function checkTargetRef(
  targetRef: string | undefined,
  mainBranch: string,
  releaseTagPattern: string | undefined,
): { ok: boolean; reason: string } {
  if (!targetRef?.trim()) return { ok: false, reason: 'no target ref given (input target-ref)' };
  const ref = targetRef.trim();
  const tagAllowed = (tag: string) =>
    Boolean(releaseTagPattern) && tagPatternToRegExp(releaseTagPattern!).test(tag);
  if (ref.startsWith('refs/heads/')) {
    const branch = ref.slice('refs/heads/'.length);
    if (branch === mainBranch) return { ok: true, reason: `target ${ref} is the main branch` };
    return {
      ok: false,
      reason: `target ${ref} is branch '${branch}', not the main branch '${mainBranch}': no release from a feature branch`,
    };
  }
  if (ref.startsWith('refs/tags/')) {
    const tag = ref.slice('refs/tags/'.length);
    if (tagAllowed(tag))
      return { ok: true, reason: `target ${ref} matches release-tag-pattern '${releaseTagPattern}'` };
    return {
      ok: false,
      reason: releaseTagPattern
        ? `target tag '${tag}' does not match release-tag-pattern '${releaseTagPattern}'`
        : `target is tag '${tag}' but no release-tag-pattern allows tags`,
    };
  }
  if (ref === mainBranch) return { ok: true, reason: `target '${ref}' is the main branch` };
  if (tagAllowed(ref))
    return { ok: true, reason: `target '${ref}' matches release-tag-pattern '${releaseTagPattern}'` };
  return {
    ok: false,
    reason: `target '${ref}' is not the main branch '${mainBranch}'${releaseTagPattern ? ` nor a tag matching '${releaseTagPattern}'` : ''}`,
  };
}
