import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { drillReport, HOUR, NOW, workspaceWith } from '../drill/fixtures.js';
import { runCli } from '../harness/cli.js';

const facts = [
  '--release-owner',
  'alice',
  '--rollback-owner',
  'bob',
  '--rollback-ref',
  'v1.3.9',
  '--now',
  NOW.toISOString(),
];
// The checklist keeps this test about the CLI: only the fact rules and the report assertion.
const checklist = `rules:\n  drillDeltaReport: false\n  receiverValidationReport: false\n  receiverDrillReport: false\n  loadCalibrationReport: false\nrequire:\n  - { name: reconnect, path: smoke.captured.reconnectOk, equals: true }\n`;

test('release-gate readiness: GO exits 0, NO-GO exits 1 naming the rule, the record is written', async () => {
  const cwd = await workspaceWith({
    'checklist.yml': checklist,
    'release-gate/report.json': drillReport('staging', {
      updatedAt: new Date(NOW.getTime() - HOUR).toISOString(),
      captured: { reconnectOk: true },
    }),
  });
  const go = await runCli(['readiness', '--checklist', 'checklist.yml', '--target-ref', 'main', ...facts], {
    cwd,
  });
  expect(go.stderr).toBe('');
  expect(go.code).toBe(0);
  expect(go.stdout).toContain('# Readiness: ✅ GO');
  expect(go.stdout).toContain('| drillDeltaReport | ⏸️ off |');
  const record = JSON.parse(
    await readFile(join(cwd, 'build-artifacts/release-gate-readiness-decision.json'), 'utf8'),
  );
  expect(record.decision).toBe('GO');

  const noGo = await runCli(
    ['readiness', '--checklist', 'checklist.yml', '--target-ref', 'refs/heads/feature/x', '--json', ...facts],
    { cwd },
  );
  expect(noGo.code).toBe(1);
  expect(JSON.parse(noGo.stdout).failedRules.map((rule: { id: string }) => rule.id)).toEqual([
    'targetIsMain',
  ]);
});

test('release-gate readiness: bad usage exits 2', async () => {
  const cwd = await workspaceWith({ 'checklist.yml': 'rules: { nope: false }' });
  expect((await runCli(['readiness', '--target'], { cwd })).code).toBe(2);
  const typo = await runCli(['readiness', '--checklist', 'checklist.yml'], { cwd });
  expect(typo.code).toBe(2);
  expect(typo.stderr).toContain("field 'rules.nope': unknown rule");
  const age = await runCli(['readiness', '--report-max-age', 'old'], { cwd });
  expect(age.code).toBe(2);
  expect(age.stderr).toContain("'old' is not a duration");
});
