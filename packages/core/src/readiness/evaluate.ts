import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { evaluateAssertion } from '../assertions.js';
import { formatDuration } from '../duration.js';
import { ConfigurationError } from '../errors.js';
import { getJsonPath } from '../json-path.js';
import { checkUserEvidence } from '../receiver-evidence/user-evidence.js';
import { releaseGateReportSchema } from '../report/schema.js';
import { type Checklist, EMPTY_CHECKLIST, type Facts } from './checklist.js';
import { checkEvidence, type EvidenceLocation, type EvidenceResult, type EvidenceSpec } from './evidence.js';
import { DECISION_KIND, DECISION_SCHEMA_VERSION, type ReadinessDecision, type RuleResult } from './record.js';
import {
  builtInRuleIds,
  checkTargetRef,
  DEFAULT_EVIDENCE,
  type DefaultEvidence,
  FACT_RULES,
  isNamed,
  statusCheck,
} from './rules.js';

const DAY = 86_400_000;

export interface EvaluateReadinessOptions {
  checklist?: Checklist;
  /** Shown in the record; the checklist itself is passed parsed. */
  checklistPath?: string;
  /** Facts from inputs; they win over the checklist's `facts`. */
  facts?: Facts;
  /** The latest release-gate report (workspace-relative or absolute). */
  reportPath?: string;
  /** How old the latest report may be, judged from its `updatedAt`. */
  reportMaxAgeMs?: number;
  /** Path overrides for default evidence, keyed by id (e.g. `{ drillDeltaReport: 'drill/x.json' }`). */
  evidencePaths?: Record<string, string | undefined>;
  workspace: string;
  artifactsDir?: string;
  now: Date;
  /** The default evidence list (DEFAULT_EVIDENCE); injectable for tests and future additions. */
  defaults?: DefaultEvidence[];
  /** The gate's evidence bundle for `userEvidence` rules; default: the report's folder (release-gate/). */
  bundleDir?: string;
}

function evidenceSpecs(
  checklist: Checklist,
  defaults: DefaultEvidence[],
  overrides: Record<string, string | undefined>,
): Array<{ spec: EvidenceSpec; kind: 'evidence'; builtIn: boolean; description: string }> {
  const specs: Array<{ spec: EvidenceSpec; kind: 'evidence'; builtIn: boolean; description: string }> = [];
  const byId = new Map(checklist.evidence.filter((entry) => entry.id).map((entry) => [entry.id!, entry]));
  for (const entry of defaults) {
    const custom = byId.get(entry.id);
    const override = overrides[entry.id];
    const useArtifact = custom?.artifact && !override;
    const accept = custom?.accept ?? [];
    const refused = accept.filter((status) => !entry.status?.acceptable.includes(status));
    if (refused.length)
      throw new ConfigurationError(
        `checklist: evidence '${entry.id}': accept: [${refused.join(', ')}] does not apply to the ${entry.name} (${entry.status?.acceptable.length ? `it may accept: ${entry.status.acceptable.join(', ')}` : 'it has no status short of passed to accept'})`,
      );
    specs.push({
      builtIn: true,
      kind: 'evidence',
      description: entry.description,
      spec: {
        id: entry.id,
        name: custom?.name ?? entry.name,
        path: useArtifact ? undefined : (override ?? custom?.path ?? entry.path),
        artifact: useArtifact ? custom?.artifact : undefined,
        file: custom?.file,
        maxAgeMs: custom?.maxAge ?? entry.maxAgeMs,
        timestampPath: custom?.timestampPath ?? entry.timestampPath,
        checks: [...entry.checks, ...statusCheck(entry, accept), ...(custom?.checks ?? [])],
        schema: entry.schema,
        explain: entry.explain,
      },
    });
  }
  const defaultIds = new Set(defaults.map((entry) => entry.id));
  for (const [index, entry] of checklist.evidence.entries()) {
    if (entry.id && defaultIds.has(entry.id)) continue;
    const name = entry.name ?? entry.id;
    if (!name) throw new ConfigurationError(`checklist: field 'evidence.${index}.name': is required`);
    if (!entry.path && !entry.artifact)
      throw new ConfigurationError(
        `checklist: field 'evidence.${index}': give a path or an artifact for '${name}'`,
      );
    if (entry.maxAge === undefined)
      throw new ConfigurationError(
        `checklist: field 'evidence.${index}.maxAge': is required for '${name}' (e.g. 24h)`,
      );
    if (entry.accept)
      throw new ConfigurationError(
        `checklist: field 'evidence.${index}.accept': applies to a built-in report (e.g. id: receiverValidationReport); '${name}' says what is healthy with statusPath and healthy`,
      );
    const checks = [...(entry.checks ?? [])];
    if (entry.statusPath && entry.healthy)
      checks.unshift({ name: `${name} status`, path: entry.statusPath, op: { in: entry.healthy } });
    specs.push({
      builtIn: false,
      kind: 'evidence',
      description: `required evidence '${name}'`,
      spec: {
        id: entry.id ?? `evidence:${name}`,
        name,
        path: entry.path,
        artifact: entry.artifact,
        file: entry.file,
        maxAgeMs: entry.maxAge,
        timestampPath: entry.timestampPath,
        checks,
      },
    });
  }
  return specs;
}

type LoadedReport =
  | {
      ok: true;
      document: Record<string, unknown>;
      updatedAt: string;
      smoke?: { result: string; failedCount: number; passedCount: number };
    }
  | { ok: false; problem: 'missing' | 'unparseable'; reason: string };

/** A path as given when absolute, else relative to the workspace. */
function inWorkspace(path: string, workspace: string): string {
  return isAbsolute(path) ? path : join(workspace, path);
}

async function loadLatestReport(path: string | undefined, workspace: string): Promise<LoadedReport> {
  if (!path) return { ok: false, problem: 'missing', reason: 'no release-gate report given (input report)' };
  const file = inWorkspace(path, workspace);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      problem: 'missing',
      reason: `release-gate report is missing: ${code === 'ENOENT' ? 'no file at' : `cannot read (${code})`} ${path}`,
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problem: 'unparseable',
      reason: `release-gate report ${path} is not valid JSON: ${(error as Error).message}`,
    };
  }
  const parsed = releaseGateReportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problem: 'unparseable',
      reason: `release-gate report ${path} does not match its schema: field '${issue?.path.join('.') || '(root)'}': ${issue?.message}`,
    };
  }
  return {
    ok: true,
    document: data as Record<string, unknown>,
    updatedAt: parsed.data.updatedAt,
    smoke: parsed.data.smoke,
  };
}

interface Check {
  ok: boolean;
  reason: string;
}

function ownerNamed(value: string | undefined, what: string): Check {
  return isNamed(value)
    ? { ok: true, reason: `${what}: ${value}` }
    : {
        ok: false,
        reason: `no ${what} named (input ${what.replace(' ', '-')})${value ? `: '${value}' names nobody` : ''}`,
      };
}

function rollbackRefSet(rollbackRef: string | undefined, targetRef: string | undefined): Check {
  const ref = rollbackRef?.trim();
  if (!ref) return { ok: false, reason: 'no rollback ref set (input rollback-ref): nothing to roll back to' };
  if (targetRef && ref === targetRef.trim())
    return {
      ok: false,
      reason: `rollback ref '${ref}' is the target ref itself: rolling back would redeploy the same release`,
    };
  return { ok: true, reason: `rollback ref: ${ref}` };
}

function latestSmokePassed(report: LoadedReport | undefined, now: Date, maxAgeMs: number): Check {
  if (!report?.ok) return { ok: false, reason: report?.reason ?? 'no report' };
  const age = now.getTime() - Date.parse(report.updatedAt);
  if (Number.isNaN(age))
    return { ok: false, reason: `release-gate report updatedAt '${report.updatedAt}' is not a timestamp` };
  if (age > maxAgeMs)
    return {
      ok: false,
      reason: `release-gate report is stale: updatedAt ${report.updatedAt} is ${formatDuration(age)} old, more than ${formatDuration(maxAgeMs)}`,
    };
  if (!report.smoke)
    return {
      ok: false,
      reason: 'the latest release-gate report has no smoke result: nobody checked this version',
    };
  if (report.smoke.result !== 'passed')
    return {
      ok: false,
      reason: `the latest smoke failed (${report.smoke.failedCount} of ${report.smoke.failedCount + report.smoke.passedCount} probes failed)`,
    };
  return {
    ok: true,
    reason: `the latest smoke passed (${report.smoke.passedCount} probes, report updated ${report.updatedAt})`,
  };
}

/**
 * The go/no-go decision: every built-in rule (unless turned off explicitly), every required evidence
 * entry, every report assertion. GO only when all enabled rules pass.
 */
export async function evaluateReadiness(options: EvaluateReadinessOptions): Promise<ReadinessDecision> {
  const checklist = options.checklist ?? EMPTY_CHECKLIST;
  const defaults = options.defaults ?? DEFAULT_EVIDENCE;
  const known = builtInRuleIds(defaults);
  for (const id of Object.keys(checklist.rules)) {
    if (!known.includes(id))
      throw new ConfigurationError(
        `checklist: field 'rules.${id}': unknown rule; valid rules are: ${known.join(', ')}`,
      );
  }
  const enabled = (id: string) => checklist.rules[id] !== false;
  const rulesOff = known.filter((id) => !enabled(id));
  const facts = {
    ...checklist.facts,
    ...Object.fromEntries(Object.entries(options.facts ?? {}).filter(([, v]) => v !== undefined && v !== '')),
  };
  const mainBranch = facts.mainBranch || 'main';
  const now = options.now;
  const rules: RuleResult[] = [];
  const off = (id: string, kind: RuleResult['kind'], description: string): RuleResult => ({
    id,
    kind,
    description,
    status: 'off',
    reason: `turned off in the checklist (rules: { ${id}: false })`,
    evidence: [],
  });
  const rule = (
    id: string,
    kind: RuleResult['kind'],
    description: string,
    ok: boolean,
    reason: string,
    evidence: EvidenceResult[] = [],
  ): RuleResult => ({
    id,
    kind,
    description,
    status: ok ? 'passed' : 'failed',
    reason,
    evidence,
  });

  const describe = (id: string) => FACT_RULES.find((entry) => entry.id === id)?.description ?? id;
  /** A fact rule: off when the checklist turns it off, else passed or failed as `check` finds. */
  const fact = (id: string, check: () => Check) => {
    if (!enabled(id)) rules.push(off(id, 'fact', describe(id)));
    else {
      const { ok, reason } = check();
      rules.push(rule(id, 'fact', describe(id), ok, reason));
    }
  };

  fact('targetIsMain', () => checkTargetRef(facts.targetRef, mainBranch, facts.releaseTagPattern));
  fact('releaseOwnerNamed', () => ownerNamed(facts.releaseOwner, 'release owner'));
  fact('rollbackOwnerNamed', () => ownerNamed(facts.rollbackOwner, 'rollback owner'));
  fact('rollbackRefSet', () => rollbackRefSet(facts.rollbackRef, facts.targetRef));

  const needReport = enabled('latestSmokePassed') || checklist.require.length > 0;
  const report = needReport ? await loadLatestReport(options.reportPath, options.workspace) : undefined;
  const reportMaxAgeMs = options.reportMaxAgeMs ?? 7 * DAY;
  fact('latestSmokePassed', () => latestSmokePassed(report, now, reportMaxAgeMs));

  const where: EvidenceLocation = {
    workspace: options.workspace,
    artifactsDir: options.artifactsDir ?? options.workspace,
  };
  for (const { spec, builtIn, description } of evidenceSpecs(
    checklist,
    defaults,
    options.evidencePaths ?? {},
  )) {
    if (builtIn && !enabled(spec.id)) {
      rules.push(off(spec.id, 'evidence', description));
      continue;
    }
    const result = await checkEvidence(spec, where, now);
    rules.push(rule(spec.id, 'evidence', description, result.status === 'ok', result.reason, [result]));
  }

  if (checklist.userEvidence.length) {
    const reportFile = inWorkspace(options.reportPath || 'release-gate/report.json', options.workspace);
    const bundleDir = options.bundleDir
      ? inWorkspace(options.bundleDir, options.workspace)
      : dirname(reportFile);
    for (const spec of checklist.userEvidence) {
      const result = await checkUserEvidence(spec, bundleDir, now);
      rules.push(
        rule(
          `userEvidence:${spec.name}`,
          'evidence',
          `required user evidence '${spec.name}' in the gate's evidence bundle`,
          result.status === 'ok',
          result.reason,
          [result],
        ),
      );
    }
  }

  for (const check of checklist.require) {
    const id = `report:${check.name}`;
    const description = `latest release-gate report: ${check.path} ${Object.keys(check.op)[0]}`;
    if (!report?.ok) {
      rules.push(rule(id, 'report-check', description, false, report?.reason ?? 'no report'));
      continue;
    }
    const lookup = getJsonPath(report.document, check.path);
    const outcome = evaluateAssertion(check.op, lookup.found, lookup.value);
    rules.push(
      rule(
        id,
        'report-check',
        description,
        outcome.ok,
        outcome.ok
          ? `${check.path} is ${outcome.actual} (${outcome.expected})`
          : `${check.path} is ${outcome.actual}, expected ${outcome.expected}`,
      ),
    );
  }

  const failed = rules.filter((item) => item.status === 'failed');
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : null);
  return {
    schemaVersion: DECISION_SCHEMA_VERSION,
    kind: DECISION_KIND,
    decision: failed.length ? 'NO-GO' : 'GO',
    decidedAt: now.toISOString(),
    targetRef: text(facts.targetRef),
    mainBranch,
    releaseTagPattern: text(facts.releaseTagPattern),
    releaseOwner: text(facts.releaseOwner),
    rollbackOwner: text(facts.rollbackOwner),
    rollbackRef: text(facts.rollbackRef),
    checklist: options.checklistPath ?? null,
    reportPath: options.reportPath ?? null,
    rules,
    failedRules: failed.map((item) => ({ id: item.id, reason: item.reason })),
    rulesOff,
  };
}
