// Scenario 8: artifacts from runs that are not trusted (a pull request from another branch, a workflow
// nobody listed) never become history or evidence; a malformed history starts over without failing a gate;
// readiness evidence is schema-checked. The untrusted runs upload through the same artifact stand-in.
import { uploadArtifactAs } from '../harness/upload-as.js';
import type { JobEnvOptions } from '../servers/artifact-server.js';
import type { RunRecord } from './runner/loader.js';
import { rowShas, startWorld, type World } from './world.js';

const V1 = '1'.repeat(40);
const V2 = 'a'.repeat(40);
const V3 = 'b'.repeat(40);
const V4 = 'c'.repeat(40);
const FORGED = 'f'.repeat(40);

let world: World;
afterEach(async () => world?.close());

const asRun = (runId: number, fields: Partial<JobEnvOptions>): JobEnvOptions => ({
  runId,
  jobName: 'gate',
  repository: 'acme/shop',
  headBranch: 'main',
  headSha: FORGED,
  workflowPath: '.github/workflows/release-gate.yml',
  event: 'push',
  ...fields,
});
const reportStep = (run: RunRecord) => run.job('staging/gate').steps.find((s) => s.id === 'report')!;

test('8. forged release-log rows from a pull request and from an unlisted workflow are ignored; a malformed log starts a new one with a warning and never fails the gate', async () => {
  world = await startWorld();
  await world.run({ event: 'push', sha: V1 });
  const [header, row] = world
    .artifactFiles('staging-release-gate-report')
    .get('release-log.tsv')!
    .toString('utf8')
    .trim()
    .split('\n');
  const forgedLog = `${header}\n${row}\n${row!.replaceAll(V1.slice(0, 12), FORGED.slice(0, 12)).replace(/\tpromote\b/, '\tpromote <img src=x onerror=alert(1)>')}\n`;
  // Newer than the trusted artifact: a pull_request run from branch `evil`, and a push run of other.yml.
  await uploadArtifactAs(
    world.artifacts,
    asRun(9001, { event: 'pull_request', headBranch: 'evil' }),
    'staging-release-gate-report',
    { 'release-log.tsv': forgedLog },
  );
  await uploadArtifactAs(
    world.artifacts,
    asRun(9002, { workflowPath: '.github/workflows/other.yml' }),
    'staging-release-gate-report',
    { 'release-log.tsv': forgedLog },
  );

  const next = await world.run({ event: 'push', sha: V2 });
  expect(next.job('staging').outputs.verdict).toBe('promote');
  expect(rowShas(world.releaseLog('staging'), [V1, V2, FORGED])).toEqual([V1, V2]);
  const step = reportStep(next);
  expect(step.log).toMatch(/skipped artifact \d+ from run 9001: event pull_request, branch evil/);
  expect(step.log).toMatch(
    /skipped artifact \d+ from run 9002: workflow other\.yml is not in trusted-workflows/,
  );
  expect(step.summary).not.toContain(FORGED.slice(0, 12));
  expect(step.summary).not.toContain('<img');

  // A trusted run's log that does not parse: a warning, a new log, and the gate still decides.
  await uploadArtifactAs(world.artifacts, asRun(9003, {}), 'staging-release-gate-report', {
    'release-log.tsv': 'not\ta release log\n',
  });
  const after = await world.run({ event: 'push', sha: V3 });
  expect(after.job('staging').outputs.verdict).toBe('promote');
  expect(reportStep(after).annotations).toContainEqual({
    level: 'warning',
    message: expect.stringMatching(/previous release log is malformed .*starting a new log/),
  });
  expect(rowShas(world.releaseLog('staging'), [V1, V2, V3])).toEqual([V3]);
}, 180_000);

test('8b. readiness takes evidence only from trusted runs on the default branch, and schema-checks it', async () => {
  world = await startWorld({ rollbackMs: 300 });
  await world.release(V1, V2);
  world.repo.vars = {
    RELEASE_GATE_LOAD_TARGETS: `${world.receivers.staging.url}/healthz`,
    ROLLBACK_OWNER: 'oncall',
  };
  world.repo.files = { '.github/release-readiness.yml': '{}\n' };
  const drill = await world.run({
    workflow: 'action-templates/release-gate-drill.yml',
    event: 'schedule',
    sha: V2,
  });
  expect(drill.job('drill').outputs['staging-status']).toBe('drill_passed');

  // A newer, passing-looking delta report from a pull request: ignored, readiness uses the drill's.
  const threeFields = JSON.stringify({
    generatedAt: new Date().toISOString(),
    staging: 'drill_passed',
    production: 'drill_passed',
  });
  await uploadArtifactAs(
    world.artifacts,
    asRun(9101, {
      event: 'pull_request',
      headBranch: 'evil',
      workflowPath: '.github/workflows/release-gate-drill.yml',
    }),
    'release-gate-drill-delta-report',
    { 'release-gate-drill-delta-report.json': threeFields },
  );
  const go = await world.run({
    workflow: 'action-templates/readiness-checklist.yml',
    event: 'push',
    sha: V3,
  });
  expect(go.job('readiness').outputs.decision).toBe('GO');
  const readinessStep = go.job('readiness/readiness').steps.find((s) => s.id === 'readiness')!;
  expect(readinessStep.log).toMatch(/skipped artifact \d+ from run 9101: event pull_request, branch evil/);

  // The same three-field JSON from a trusted schedule run: read, and it fails its schema.
  await uploadArtifactAs(
    world.artifacts,
    asRun(9102, { event: 'schedule', workflowPath: '.github/workflows/release-gate-drill.yml' }),
    'release-gate-drill-delta-report',
    { 'release-gate-drill-delta-report.json': threeFields },
  );
  const nogo = await world.run({
    workflow: 'action-templates/readiness-checklist.yml',
    event: 'push',
    sha: V4,
  });
  expect(nogo.job('readiness').outputs.decision).toBe('NO-GO');
  expect(nogo.job('readiness').outputs['failed-rules']).toMatch(/schema/);
  expect(nogo.job('production').result).toBe('skipped');
}, 240_000);
