import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeManifest } from '../src/bundle/manifest.js';
import { DEFAULT_EVIDENCE, evaluateReadiness, parseChecklist } from '../src/readiness/index.js';
import { startReceiver } from '../src/receiver/index.js';
import {
  EVIDENCE_REPORT_FILES,
  runLoadCalibration,
  runReceiverDrill,
  runReceiverValidation,
  writeEvidenceReport,
} from '../src/receiver-evidence/index.js';

const SECRET = `whsec_${Buffer.from('readiness-evidence-secret-abcdef').toString('base64')}`;
const facts = {
  targetRef: 'refs/heads/main',
  releaseOwner: 'alice',
  rollbackOwner: 'bob',
  rollbackRef: 'v1.2.2',
};
/** Only the evidence reports under test: the drill delta report and smoke have their own tests. */
const checklist = parseChecklist({ rules: { drillDeltaReport: false, latestSmokePassed: false } });

let workspace: string;
const outDir = () => join(workspace, 'build-artifacts');

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'ra-readiness-evidence-'));
  const eventLog = join(workspace, 'events.jsonl');
  const receiver = await startReceiver({ secret: SECRET, eventLog });
  try {
    const callbacks = `${receiver.url}/internal/release-gate/callbacks`;
    const metrics = `${receiver.url}/metrics`;
    await writeEvidenceReport(
      outDir(),
      await runReceiverValidation({ receiverUrl: callbacks, metricsUrl: metrics, signingSecret: SECRET }),
    );
    await writeEvidenceReport(
      outDir(),
      await runReceiverDrill({
        receiverUrl: callbacks,
        metricsUrl: metrics,
        eventLog,
        signingSecret: SECRET,
        environments: ['staging', 'production'],
      }),
    );
    await writeEvidenceReport(
      outDir(),
      await runLoadCalibration({
        targets: [`${receiver.url}/healthz`],
        requests: 100,
        concurrency: 2,
        budgets: { p95Ms: 2000, p99Ms: 2000 },
      }),
    );
  } finally {
    await receiver.close();
  }
});

const decide = (now = new Date()) => evaluateReadiness({ checklist, facts, workspace, now });

test('the default required evidence includes the three evidence reports at the paths they are written to', () => {
  const byId = Object.fromEntries(DEFAULT_EVIDENCE.map((entry) => [entry.id, entry.path]));
  expect(byId).toMatchObject({
    receiverValidationReport: `build-artifacts/${EVIDENCE_REPORT_FILES['receiver-validation']}.json`,
    receiverDrillReport: `build-artifacts/${EVIDENCE_REPORT_FILES['receiver-drill']}.json`,
    loadCalibrationReport: `build-artifacts/${EVIDENCE_REPORT_FILES['load-calibration']}.json`,
  });
  expect(byId.drillDeltaReport).toBeDefined();
});

test('fresh, passed reports give GO', async () => {
  const decision = await decide();
  expect(decision.failedRules).toEqual([]);
  expect(decision.decision).toBe('GO');
  expect(
    decision.rules.filter((r) => r.kind === 'evidence' && r.status === 'passed').map((r) => r.id),
  ).toEqual(['receiverValidationReport', 'receiverDrillReport', 'loadCalibrationReport']);
});

test('a missing, a failed, an unparseable and a stale report each give NO-GO naming it', async () => {
  const loadPath = join(outDir(), `${EVIDENCE_REPORT_FILES['load-calibration']}.json`);
  const validationPath = join(outDir(), `${EVIDENCE_REPORT_FILES['receiver-validation']}.json`);
  const drillPath = join(outDir(), `${EVIDENCE_REPORT_FILES['receiver-drill']}.json`);
  const load = await readFile(loadPath, 'utf8');
  const validation = await readFile(validationPath, 'utf8');
  const drill = await readFile(drillPath, 'utf8');
  try {
    await rm(loadPath);
    let decision = await decide();
    expect(decision.decision).toBe('NO-GO');
    expect(decision.failedRules).toEqual([
      {
        id: 'loadCalibrationReport',
        reason: expect.stringContaining('load budget calibration report is missing'),
      },
    ]);

    await writeFile(validationPath, JSON.stringify({ ...JSON.parse(validation), status: 'failed' }));
    await writeFile(drillPath, '{"schemaVersion":1,');
    decision = await decide();
    const reasons = Object.fromEntries(decision.failedRules.map((rule) => [rule.id, rule.reason]));
    expect(reasons.receiverValidationReport).toMatch(
      /receiver validation report is unhealthy: status is .*failed/,
    );
    expect(reasons.receiverDrillReport).toContain('is not valid JSON');
  } finally {
    await writeFile(loadPath, load);
    await writeFile(validationPath, validation);
    await writeFile(drillPath, drill);
  }
  const nineDaysLater = new Date(Date.now() + 9 * 86_400_000);
  const decision = await decide(nineDaysLater);
  expect(decision.failedRules.map((rule) => rule.id)).toEqual([
    'receiverValidationReport',
    'receiverDrillReport',
  ]);
  expect(decision.failedRules[0]?.reason).toContain('is stale');
});

describe('a partial receiver validation (no receiver metrics URL)', () => {
  let partial: Record<string, unknown>;
  let dir: string;
  const validationFile = () =>
    join(dir, 'build-artifacts', `${EVIDENCE_REPORT_FILES['receiver-validation']}.json`);
  const onlyValidation = {
    drillDeltaReport: false,
    latestSmokePassed: false,
    receiverDrillReport: false,
    loadCalibrationReport: false,
  };
  const decideWith = (list: object) =>
    evaluateReadiness({ checklist: parseChecklist(list), facts, workspace: dir, now: new Date() });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ra-readiness-partial-'));
    const receiver = await startReceiver({ secret: SECRET });
    try {
      const report = await runReceiverValidation({
        receiverUrl: `${receiver.url}/internal/release-gate/callbacks`,
        signingSecret: SECRET,
      });
      partial = report as unknown as Record<string, unknown>;
      await writeEvidenceReport(join(dir, 'build-artifacts'), report);
    } finally {
      await receiver.close();
    }
  });

  test('is NO-GO naming the skipped checks', async () => {
    expect(partial).toMatchObject({ schemaVersion: 2, status: 'partial' });
    const decision = await decideWith({ rules: onlyValidation });
    expect(decision.decision).toBe('NO-GO');
    expect(decision.failedRules).toEqual([
      {
        id: 'receiverValidationReport',
        reason:
          'receiver validation report is unhealthy: status is "partial", expected equals "passed"; skipped: replay-not-counted-twice, rejected-events-not-counted (no receiver metrics URL), so the idempotency contract is not proved; give the evidence step receiver-metrics-url, or accept it in the checklist: evidence: [{ id: receiverValidationReport, accept: [partial] }]',
      },
    ]);
  });

  test('is GO when the checklist accepts partial for that report', async () => {
    const decision = await decideWith({
      rules: onlyValidation,
      evidence: [{ id: 'receiverValidationReport', accept: ['partial'] }],
    });
    expect(decision.failedRules).toEqual([]);
    expect(decision.decision).toBe('GO');
    const rule = decision.rules.find((r) => r.id === 'receiverValidationReport');
    expect(rule?.evidence[0]?.checks).toContainEqual({
      name: 'receiver validation',
      path: 'status',
      ok: true,
      expected: 'in ["passed","partial"]',
      actual: '"partial"',
    });
  });

  test('a schemaVersion 1 report (passed, counting checks skipped) is read as before', async () => {
    const { skippedChecks: _, ...summary } = partial.summary as Record<string, unknown>;
    const v1 = { ...partial, schemaVersion: 1, status: 'passed', summary };
    await writeFile(validationFile(), JSON.stringify(v1));
    try {
      const decision = await decideWith({ rules: onlyValidation });
      expect(decision.failedRules).toEqual([]);
      // Version 1 never said partial: a v1 report claiming it does not match its schema.
      await writeFile(validationFile(), JSON.stringify({ ...v1, status: 'partial' }));
      const odd = await decideWith({ rules: onlyValidation });
      expect(odd.failedRules[0]?.reason).toMatch(/does not match its schema: field 'status'/);
    } finally {
      await writeFile(validationFile(), JSON.stringify(partial));
    }
  });

  test('accept is refused where it cannot apply, naming the entry', async () => {
    await expect(
      decideWith({ rules: onlyValidation, evidence: [{ id: 'receiverDrillReport', accept: ['partial'] }] }),
    ).rejects.toThrow(
      "checklist: evidence 'receiverDrillReport': accept: [partial] does not apply to the ops receiver drill report (it has no status short of passed to accept)",
    );
    await expect(
      decideWith({
        rules: onlyValidation,
        evidence: [{ name: 'backup', path: 'backup.json', maxAge: '1d', accept: ['partial'] }],
      }),
    ).rejects.toThrow("checklist: field 'evidence.0.accept': applies to a built-in report");
    expect(() =>
      parseChecklist({ evidence: [{ id: 'receiverValidationReport', accept: ['failed'] }] }),
    ).toThrow(/field 'evidence\.0\.accept\.0'/);
  });
});

describe('required user evidence from the bundle manifest', () => {
  async function bundle(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ra-bundle-'));
    await mkdir(join(dir, 'release-gate/evidence'), { recursive: true });
    await writeFile(join(dir, 'release-gate/report.json'), '{}');
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'release-gate', name), text);
    await writeManifest(join(dir, 'release-gate'));
    return dir;
  }
  const rules = {
    drillDeltaReport: false,
    latestSmokePassed: false,
    receiverValidationReport: false,
    receiverDrillReport: false,
    loadCalibrationReport: false,
  };
  const migrations = parseChecklist({
    rules,
    userEvidence: [
      {
        name: 'migrations',
        file: 'migrations.json',
        statusPath: 'status',
        healthy: ['applied'],
        skipped: ['skipped'],
      },
    ],
  });
  const decideIn = (dir: string, list = migrations) =>
    evaluateReadiness({
      checklist: list,
      facts,
      workspace: dir,
      reportPath: 'release-gate/report.json',
      now: new Date(),
    });

  test.each([
    [
      'applied',
      '{"status":"applied"}',
      'GO',
      /migrations is in the bundle \(sha256 verified\) and status is "applied"/,
    ],
    [
      'skipped with a reason',
      '{"status":"skipped","reason":"no schema change"}',
      'GO',
      /skipped with a recorded reason: no schema change/,
    ],
    ['skipped without a reason', '{"status":"skipped"}', 'NO-GO', /"skipped" without a recorded reason/],
    ['failed', '{"status":"failed"}', 'NO-GO', /status is "failed", expected "applied"/],
    ['not JSON', 'applied', 'NO-GO', /is not valid JSON/],
  ])('%s', async (_label, text, expected, reason) => {
    const decision = await decideIn(await bundle({ 'evidence/migrations.json': text }));
    expect(decision.decision).toBe(expected);
    const rule = decision.rules.find((r) => r.id === 'userEvidence:migrations');
    expect(rule?.reason).toMatch(reason);
  });

  test('a file not in the manifest, a tampered file and a bundle without manifest are each NO-GO', async () => {
    const absent = await decideIn(await bundle({ 'evidence/backup.json': '{}' }));
    expect(absent.failedRules[0]?.reason).toContain(
      'evidence/migrations.json or migrations.json is not listed',
    );

    const tampered = await bundle({ 'evidence/migrations.json': '{"status":"failed"}' });
    await writeFile(join(tampered, 'release-gate/evidence/migrations.json'), '{"status":"applied"}');
    const decision = await decideIn(tampered);
    expect(decision.failedRules[0]?.reason).toContain('does not match its manifest sha256');

    const bare = await mkdtemp(join(tmpdir(), 'ra-bundle-'));
    const none = await decideIn(bare);
    expect(none.failedRules[0]?.reason).toMatch(/has no manifest.json/);
  });

  test('presence alone (a log file) is enough without statusPath; the checklist rejects half a status rule', async () => {
    const dir = await bundle({ 'evidence/migrate.log': 'ok\n' });
    const decision = await decideIn(
      dir,
      parseChecklist({ rules, userEvidence: [{ name: 'migration log', file: 'migrate.log' }] }),
    );
    expect(decision.decision).toBe('GO');
    expect(() => parseChecklist({ userEvidence: [{ name: 'x', file: 'x.json', healthy: ['ok'] }] })).toThrow(
      /userEvidence.0.statusPath/,
    );
  });
});
