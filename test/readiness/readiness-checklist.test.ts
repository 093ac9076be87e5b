import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_CALIBRATION } from '../../packages/core/src/drill/calibration.js';
import { evaluateDrill } from '../../packages/core/src/drill/evaluate.js';
import { readinessDecisionSchema } from '../../packages/core/src/readiness/record.js';
import { DEFAULT_EVIDENCE } from '../../packages/core/src/readiness/rules.js';
import type { EvidenceKind } from '../../packages/core/src/receiver-evidence/schemas.js';
import type { ReleaseGateReport } from '../../packages/core/src/report/schema.js';
import { DAY, type DrillReportOptions, drillReport, HOUR, NOW, workspaceWith } from '../drill/fixtures.js';
import { runBundle } from '../harness/action.js';
import { startArtifactServer } from '../servers/artifact-server.js';
import { partialValidationReport, passingEvidenceReport } from './evidence-fixtures.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A drill delta report as drill-evaluate writes it, `ageMs` old, with the given production options. */
function drillDeltaReport(options: { ageMs?: number; production?: DrillReportOptions | null } = {}) {
  const at = new Date(NOW.getTime() - (options.ageMs ?? 2 * DAY));
  const report = (environment: string, opts: DrillReportOptions = {}) =>
    drillReport(environment, opts, at) as unknown as ReleaseGateReport;
  const events = ['staging', 'production'].map((environment) => ({
    environment,
    total: 3,
    failed: 0,
    lastEventAt: iso(at.getTime() - HOUR),
    presenceWindow: { total: 1, failed: 0 },
    rateWindow: { total: 3, failed: 0 },
    drillMissingWindow: { total: 3 },
    statsWindow: { total: 3, durationSamples: 3, durationP95Ms: 60_000, durationMaxMs: 60_000 },
  }));
  return evaluateDrill({
    staging: { path: 'staging.json', report: report('staging') },
    production:
      options.production === null
        ? { path: null, report: null }
        : { path: 'production.json', report: report('production', options.production ?? {}) },
    events: {
      path: 'events.jsonl',
      lines: 6,
      malformedLines: 0,
      callbackEvents: 6,
      futureEvents: 0,
      environments: events,
    },
    calibration: DEFAULT_CALIBRATION,
    owner: 'alice',
    now: at,
  });
}

const CHECKLIST = `
evidence:
  - name: db backup
    path: evidence/db-backup.json
    maxAge: 24h
    timestampPath: createdAt
    statusPath: status
    healthy: [ok, complete]
require:
  - name: reconnect
    path: smoke.captured.reconnectOk
    equals: true
`;

/**
 * A passing document for every other default evidence entry (added by other reports over time), built
 * from the entry's own `equals` checks, so these tests exercise the rules they are about.
 */
function otherDefaultEvidence(): Record<string, object> {
  const result: Record<string, object> = {};
  for (const entry of DEFAULT_EVIDENCE) {
    if (entry.id === 'drillDeltaReport') continue;
    const kind = entry.checks.find((check) => check.path === 'kind')?.op.equals as EvidenceKind;
    result[entry.path] = passingEvidenceReport(kind, iso(NOW.getTime() - HOUR));
  }
  return result;
}

function files(overrides: Record<string, string | object | undefined> = {}) {
  const base: Record<string, string | object | undefined> = {
    'release-checklist.yml': CHECKLIST,
    'release-gate/report.json': drillReport('staging', {
      updatedAt: iso(NOW.getTime() - 3 * HOUR),
      captured: { reconnectOk: true },
    }),
    'build-artifacts/release-gate-drill-delta-report.json': drillDeltaReport(),
    'evidence/db-backup.json': { createdAt: iso(NOW.getTime() - 2 * HOUR), status: 'ok', tables: 12 },
    ...otherDefaultEvidence(),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).filter(([, value]) => value !== undefined)) as Record<
    string,
    string | object
  >;
}

const INPUTS = {
  checklist: 'release-checklist.yml',
  'target-ref': 'refs/heads/main',
  'release-owner': 'alice',
  'rollback-owner': 'bob',
  'rollback-ref': 'v1.3.9',
  now: NOW.toISOString(),
};

async function readiness(
  fileSet: Record<string, string | object>,
  inputs: Record<string, string> = {},
  env = {},
) {
  const workspace = await workspaceWith(fileSet);
  const run = await runBundle('readiness-checklist', { workspace, inputs: { ...INPUTS, ...inputs }, env });
  let record: ReturnType<typeof readinessDecisionSchema.parse> | undefined;
  try {
    record = readinessDecisionSchema.parse(
      JSON.parse(
        await readFile(join(workspace, 'build-artifacts/release-gate-readiness-decision.json'), 'utf8'),
      ),
    );
  } catch {
    record = undefined;
  }
  return { run, record, workspace };
}

test('a full GO: every rule passes, the decision record lists rules, evidence, owners and refs', async () => {
  const { run, record, workspace } = await readiness(files());
  expect(run.code).toBe(0);
  expect(run.outputs.decision).toBe('GO');
  expect(JSON.parse(run.outputs['failed-rules']!)).toEqual([]);
  expect(record!.rules.map((rule) => [rule.id, rule.status])).toEqual([
    ['targetIsMain', 'passed'],
    ['releaseOwnerNamed', 'passed'],
    ['rollbackOwnerNamed', 'passed'],
    ['rollbackRefSet', 'passed'],
    ['latestSmokePassed', 'passed'],
    ...DEFAULT_EVIDENCE.map((entry) => [entry.id, 'passed']),
    ['evidence:db backup', 'passed'],
    ['report:reconnect', 'passed'],
  ]);
  expect(record).toMatchObject({
    decision: 'GO',
    decidedAt: '2026-01-15T12:00:00.000Z',
    targetRef: 'refs/heads/main',
    releaseOwner: 'alice',
    rollbackOwner: 'bob',
    rollbackRef: 'v1.3.9',
    mainBranch: 'main',
    rulesOff: [],
  });
  const drill = record!.rules.find((rule) => rule.id === 'drillDeltaReport')!;
  expect(drill.evidence[0]).toMatchObject({
    status: 'ok',
    timestampField: 'generatedAt',
    timestamp: '2026-01-13T12:00:00.000Z',
    source: 'build-artifacts/release-gate-drill-delta-report.json',
  });
  expect(run.outputs['record-path']).toBe(
    join(workspace, 'build-artifacts/release-gate-readiness-decision.json'),
  );
  const markdown = await readFile(run.outputs['record-markdown-path']!, 'utf8');
  expect(markdown).toContain('# Readiness: ✅ GO');
  expect(markdown).toContain('| Rollback owner | bob |');
  expect(run.summary).toBe(markdown);
  // Outside a job the record stays on disk, with a clear warning.
  expect(run.stdout).toContain("::warning::decision record not uploaded as 'readiness-decision-record'");
});

const SINGLE_FAILURES: Array<
  [string, Record<string, string | object | undefined>, Record<string, string>, RegExp]
> = [
  [
    'targetIsMain',
    {},
    { 'target-ref': 'refs/heads/feature/login' },
    /branch 'feature\/login', not the main branch 'main'/,
  ],
  ['releaseOwnerNamed', {}, { 'release-owner': 'TBD' }, /no release owner named .*'TBD' names nobody/],
  ['rollbackOwnerNamed', {}, { 'rollback-owner': '' }, /no rollback owner named/],
  ['rollbackRefSet', {}, { 'rollback-ref': '' }, /no rollback ref set/],
  [
    'latestSmokePassed',
    {
      'release-gate/report.json': drillReport('staging', {
        updatedAt: iso(NOW.getTime() - HOUR),
        smokeResult: 'failed',
        captured: { reconnectOk: true },
      }),
    },
    {},
    /the latest smoke failed \(1 of 2 probes failed\)/,
  ],
  [
    'drillDeltaReport',
    {
      'build-artifacts/release-gate-drill-delta-report.json': drillDeltaReport({
        production: { verifyState: 'failed' },
      }),
    },
    {},
    /production\.status is "attention_required", expected equals "drill_passed"/,
  ],
  [
    'evidence:db backup',
    { 'evidence/db-backup.json': { createdAt: iso(NOW.getTime() - HOUR), status: 'partial' } },
    {},
    /db backup is unhealthy: status is "partial", expected in \["ok","complete"\]/,
  ],
  [
    'report:reconnect',
    {
      'release-gate/report.json': drillReport('staging', {
        updatedAt: iso(NOW.getTime() - HOUR),
        captured: { reconnectOk: false },
      }),
    },
    {},
    /smoke\.captured\.reconnectOk is false, expected equals true/,
  ],
];

test.each(SINGLE_FAILURES)(
  'rule %s failing alone gives NO-GO naming that rule',
  async (id, overrides, inputs, reason) => {
    const { run, record } = await readiness(files(overrides), inputs);
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('NO-GO');
    const failed = JSON.parse(run.outputs['failed-rules']!) as Array<{ id: string; reason: string }>;
    expect(failed.map((rule) => rule.id)).toEqual([id]);
    expect(failed[0]!.reason).toMatch(reason);
    expect(record!.decision).toBe('NO-GO');
    expect(run.stdout).toContain(`::error title=readiness rule ${id.replace(':', '%3A')} failed::`);
    expect(run.stdout).toContain(`::error::readiness-checklist: NO-GO: 1 rule(s) failed: ${id}`);
  },
);

test('stale evidence is judged from its own timestamp field, not the file time', async () => {
  const { run, record } = await readiness(
    files({
      'evidence/db-backup.json': { createdAt: iso(NOW.getTime() - 3 * DAY), status: 'ok' },
      'build-artifacts/release-gate-drill-delta-report.json': drillDeltaReport({ ageMs: 10 * DAY }),
    }),
  );
  expect(run.outputs.decision).toBe('NO-GO');
  const failed = JSON.parse(run.outputs['failed-rules']!) as Array<{ id: string; reason: string }>;
  expect(failed.map((rule) => rule.id)).toEqual(['drillDeltaReport', 'evidence:db backup']);
  expect(failed[0]!.reason).toBe(
    "drill delta report is stale: 'generatedAt' 2026-01-05T12:00:00.000Z is 240h old, more than 192h",
  );
  expect(failed[1]!.reason).toContain(
    "db backup is stale: 'createdAt' 2026-01-12T12:00:00.000Z is 72h old, more than 24h",
  );
  expect(record!.rules.find((rule) => rule.id === 'evidence:db backup')!.evidence[0]!.status).toBe('stale');
});

test('missing, unparseable and timestamp-less evidence each give their own reason', async () => {
  const cases: Array<[string | object | undefined, string, string]> = [
    [undefined, 'missing', 'db backup is missing: no file at evidence/db-backup.json'],
    ['{ "createdAt": ', 'unparseable', 'db backup at evidence/db-backup.json is not valid JSON'],
    [{ status: 'ok' }, 'no-timestamp', 'db backup has no timestamp field (looked for createdAt)'],
  ];
  for (const [content, status, reason] of cases) {
    const { run, record } = await readiness(files({ 'evidence/db-backup.json': content }));
    expect(run.outputs.decision).toBe('NO-GO');
    const rule = record!.rules.find((item) => item.id === 'evidence:db backup')!;
    expect({ status: rule.evidence[0]!.status, failed: rule.status }).toEqual({ status, failed: 'failed' });
    expect(rule.reason).toContain(reason);
  }
});

test('a missing or unparseable release-gate report fails latestSmokePassed with its own reason', async () => {
  const missing = await readiness(files({ 'release-gate/report.json': undefined }));
  const rule = (record: typeof missing.record, id: string) => record!.rules.find((item) => item.id === id)!;
  expect(rule(missing.record, 'latestSmokePassed').reason).toMatch(
    /release-gate report is missing: no file at .*report\.json/,
  );
  expect(rule(missing.record, 'report:reconnect').status).toBe('failed');
  const broken = await readiness(files({ 'release-gate/report.json': { schemaVersion: 1, environment: 3 } }));
  expect(rule(broken.record, 'latestSmokePassed').reason).toMatch(
    /does not match its schema: field 'environment'/,
  );
});

test('a feature-branch target is NO-GO; a release tag passes only with a matching release-tag-pattern', async () => {
  const feature = await readiness(files(), { 'target-ref': 'refs/heads/feature/x' });
  expect(feature.run.outputs.decision).toBe('NO-GO');
  const tag = await readiness(files(), { 'target-ref': 'refs/tags/v1.5.0', 'release-tag-pattern': 'v*' });
  expect(tag.run.outputs.decision).toBe('GO');
  expect(tag.record!.rules[0]!.reason).toBe("target refs/tags/v1.5.0 matches release-tag-pattern 'v*'");
  const noPattern = await readiness(files(), { 'target-ref': 'refs/tags/v1.5.0' });
  expect(JSON.parse(noPattern.run.outputs['failed-rules']!)[0].reason).toBe(
    "target is tag 'v1.5.0' but no release-tag-pattern allows tags",
  );
  const otherMain = await readiness(files(), { 'target-ref': 'refs/heads/trunk', 'main-branch': 'trunk' });
  expect(otherMain.run.outputs.decision).toBe('GO');
});

test('a rule turned off explicitly is shown as off in the record; unknown rule names are refused', async () => {
  const checklist = `rules: { targetIsMain: false, drillDeltaReport: false }\n${CHECKLIST}`;
  const { run, record } = await readiness(
    files({
      'release-checklist.yml': checklist,
      'build-artifacts/release-gate-drill-delta-report.json': undefined,
    }),
    { 'target-ref': 'refs/heads/feature/x' },
  );
  expect(run.outputs.decision).toBe('GO');
  expect(record!.rulesOff).toEqual(['targetIsMain', 'drillDeltaReport']);
  expect(record!.rules.find((rule) => rule.id === 'targetIsMain')).toMatchObject({
    status: 'off',
    reason: 'turned off in the checklist (rules: { targetIsMain: false })',
  });
  expect(run.summary).toContain('| targetIsMain | ⏸️ off |');
  const typo = await readiness(files({ 'release-checklist.yml': 'rules: { targetIsMian: false }' }));
  expect(typo.run.code).toBe(1);
  expect(typo.run.stdout).toContain(
    "field 'rules.targetIsMian': unknown rule; valid rules are: targetIsMain,",
  );
  const bad = await readiness(
    files({ 'release-checklist.yml': 'evidence:\n  - name: x\n    path: x.json\n    maxAge: soon\n' }),
  );
  expect(bad.run.stdout).toContain("field 'evidence.0.maxAge': 'soon' is not a duration");
});

test('a partial receiver validation is NO-GO naming the skipped checks; GO when the checklist accepts partial; version 1 reads as before', async () => {
  const VALIDATION = 'build-artifacts/release-gate-receiver-validation-report.json';
  const generatedAt = iso(NOW.getTime() - HOUR);
  const partial = await readiness(files({ [VALIDATION]: partialValidationReport(generatedAt) }));
  expect(partial.run.code).toBe(1);
  expect(partial.run.outputs.decision).toBe('NO-GO');
  expect(JSON.parse(partial.run.outputs['failed-rules']!)).toEqual([
    {
      id: 'receiverValidationReport',
      reason: expect.stringContaining(
        'status is "partial", expected equals "passed"; skipped: replay-not-counted-twice, rejected-events-not-counted (no receiver metrics URL), so the idempotency contract is not proved',
      ),
    },
  ]);
  expect(partial.run.stdout).toMatch(/::error title=.*receiverValidationReport.*replay-not-counted-twice/);

  const accepting = `evidence:\n  - id: receiverValidationReport\n    accept: [partial]\n${CHECKLIST.replace('evidence:\n', '')}`;
  const accepted = await readiness(
    files({ 'release-checklist.yml': accepting, [VALIDATION]: partialValidationReport(generatedAt) }),
  );
  expect(accepted.run.outputs.decision).toBe('GO');
  expect(accepted.record!.rules.find((rule) => rule.id === 'receiverValidationReport')).toMatchObject({
    status: 'passed',
  });

  const v1 = await readiness(files({ [VALIDATION]: partialValidationReport(generatedAt, 1) }));
  expect(v1.run.outputs.decision).toBe('GO');
});

test('evidence given as an artifact name is read from the downloaded artifact folder', async () => {
  const checklist = `evidence:\n  - name: load test\n    artifact: load-test-results\n    maxAge: 2d\n    statusPath: verdict\n    healthy: [pass]\n`;
  const { run, record } = await readiness(
    files({
      'release-checklist.yml': checklist,
      'artifacts/load-test-results/summary.json': { generatedAt: iso(NOW.getTime() - DAY), verdict: 'pass' },
    }),
    { 'artifacts-dir': 'artifacts' },
  );
  expect(run.outputs.decision).toBe('GO');
  expect(record!.rules.find((rule) => rule.id === 'evidence:load test')!.evidence[0]!.source).toBe(
    'artifact load-test-results/summary.json',
  );
});

test('the decision record is uploaded as an artifact through the results service', async () => {
  const server = await startArtifactServer();
  try {
    const { run } = await readiness(files(), { 'artifact-name': 'shop-readiness' }, server.env);
    expect(run.code).toBe(0);
    expect(server.uploads).toHaveLength(1);
    const upload = server.uploads[0]!;
    expect(upload.name).toBe('shop-readiness');
    expect([...upload.files.keys()].sort()).toEqual([
      'release-gate-readiness-decision.json',
      'release-gate-readiness-decision.md',
    ]);
    expect(JSON.parse(upload.files.get('release-gate-readiness-decision.json')!.toString()).decision).toBe(
      'GO',
    );
    expect(run.outputs['artifact-id']).toBe(String(upload.artifactId));
    // The signed upload URL is masked by the library (the runner hides it in logs) and never lands in
    // outputs, the summary or the record.
    expect(run.stdout).toContain(`::add-mask::${upload.signature}`);
    const record = await readFile(run.outputs['record-path']!, 'utf8');
    for (const text of [run.outputFile, run.summary, record]) expect(text).not.toContain(upload.signature);
  } finally {
    await server.close();
  }
});
