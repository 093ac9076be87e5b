// The drill, readiness and manual rollback templates, copied as users copy them, run after real release
// gates: the weekly drill on `schedule` produces the evidence readiness requires, a manual rollback goes
// back to the promoted release before the running one, and the release log survives all of them.
import { rowShas, runOutcome, startWorld, type World } from './world.js';

const V1 = '1'.repeat(40);
const V2 = 'a'.repeat(40);
const V3 = 'b'.repeat(40);
const V4 = 'c'.repeat(40);

const DRILL = 'action-templates/release-gate-drill.yml';
const READINESS = 'action-templates/readiness-checklist.yml';
const ROLLBACK = 'action-templates/rollback.yml';

let world: World;
afterEach(async () => world?.close());

const json = (artifact: string, file: string) => world.artifactJson(artifact, file);

test('5. the weekly drill on schedule passes in both environments, rehearses only (drill: true everywhere), produces the receiver and load evidence; readiness next is GO with nothing made by hand', async () => {
  world = await startWorld({ rollbackMs: 300 });
  // Two promoted releases: V2 runs in both environments, V1 is the promoted release before it.
  await world.release(V1, V2);
  world.repo.vars = {
    RELEASE_GATE_LOAD_TARGETS: `${world.receivers.staging.url}/healthz`,
    ROLLBACK_OWNER: 'oncall',
  };
  const before = {
    staging: world.staging.events.length,
    production: world.production.events.length,
    stagingReceiver: world.receivers.staging.events.length,
    productionReceiver: world.receivers.production.events.length,
  };

  const drill = await world.run({ workflow: DRILL, event: 'schedule', sha: V2 });
  expect(runOutcome(drill)).toEqual({ conclusion: 'success', failedSteps: [] });
  expect(drill.job('drill').outputs).toEqual({
    'staging-status': 'drill_passed',
    'production-status': 'drill_passed',
  });

  // Every event the drill sent, to the services and to the receivers, is marked as a drill.
  const sent = [
    ...world.staging.events.slice(before.staging),
    ...world.production.events.slice(before.production),
    ...world.receivers.staging.events.slice(before.stagingReceiver),
    ...world.receivers.production.events.slice(before.productionReceiver),
  ];
  expect(sent.length).toBeGreaterThanOrEqual(8);
  expect(sent.filter((e) => e.data.drill !== true)).toEqual([]);
  // It rehearsed the rollback of the running release (V2) to the one before (V1): nothing changed.
  const rollbacks = sent.filter((e) => e.type === 'rollback.requested');
  expect(rollbacks.map((e) => e.data.rollbackRef)).toEqual([V1, V1]);
  expect(world.staging.current().sha).toBe(V2);
  expect(world.production.current().sha).toBe(V2);
  // No deployment was recorded for the drill, and the running release stays known-good.
  expect(world.github.deployments.filter((d) => d.sha === V2).map((d) => d.statuses.at(-1)!.state)).toEqual([
    'success',
    'success',
  ]);

  // The evidence readiness requires: each environment's receiver proven, and the load report.
  for (const environment of ['staging', 'production']) {
    const artifact = `${environment}-release-gate-evidence`;
    expect(json(artifact, 'release-gate-receiver-validation-report.json')).toMatchObject({
      status: 'passed',
    });
    expect(json(artifact, 'release-gate-receiver-drill-report.json')).toMatchObject({ status: 'passed' });
  }
  const delta = 'release-gate-drill-delta-report';
  expect(json(delta, 'release-gate-drill-delta-report.json')).toMatchObject({
    staging: { status: 'drill_passed' },
    production: { status: 'drill_passed' },
  });
  expect(json(delta, 'release-gate-load-calibration-report.json')).toMatchObject({ status: 'passed' });

  // The readiness template on the next push: GO, and production deploys.
  world.repo.files = { '.github/release-readiness.yml': '{}\n' };
  const release = await world.run({ workflow: READINESS, event: 'push', sha: V3 });
  expect(runOutcome(release)).toEqual({ conclusion: 'success', failedSteps: [] });
  expect(release.job('readiness').outputs.decision).toBe('GO');
  expect(release.job('production').outputs.verdict).toBe('promote');
  expect(world.production.current().sha).toBe(V3);
  // No secret (webhook, receiver and smoke URLs, tokens) in what the runs show or in any artifact.
  expect(world.leaks([drill, release])).toEqual([]);
}, 240_000);

test("5b. a callback receiver that answers 500: that environment's drill needs attention and readiness is NO-GO, naming it", async () => {
  world = await startWorld({ rollbackMs: 300 });
  await world.release(V1, V2);
  world.repo.vars = {
    RELEASE_GATE_LOAD_TARGETS: `${world.receivers.production.url}/healthz`,
    ROLLBACK_OWNER: 'oncall',
  };
  world.stagingOptions.callbackStatus = 500;
  world.repo.secrets!.STAGING_RELEASE_GATE_METRICS_URL = world.staging.urls.callbacks;

  const drill = await world.run({ workflow: DRILL, event: 'schedule', sha: V2 });
  expect(drill.job('drill').outputs).toEqual({
    'staging-status': 'attention_required',
    'production-status': 'drill_passed',
  });
  const staging = json('release-gate-drill-delta-report', 'release-gate-drill-delta-report.json').staging;
  expect(staging.reasons.join('\n')).toMatch(/callback/);

  world.repo.files = { '.github/release-readiness.yml': '{}\n' };
  const release = await world.run({ workflow: READINESS, event: 'push', sha: V3 });
  expect(release.job('readiness').outputs.decision).toBe('NO-GO');
  expect(release.job('readiness').outputs['failed-rules']).toMatch(/staging/);
  expect(release.job('production').result).toBe('skipped');
  expect(world.production.current().sha).toBe(V2);
}, 240_000);

test('6. the manual rollback template (workflow_dispatch, production, no ref) rolls back to the promoted release before the running one, waits, verifies and records it', async () => {
  world = await startWorld({ rollbackMs: 300 });
  await world.release(V1, V2);
  const run = await world.run({
    workflow: ROLLBACK,
    event: 'workflow_dispatch',
    sha: V2,
    inputs: { environment: 'production' },
  });
  expect(runOutcome(run)).toEqual({ conclusion: 'success', failedSteps: [] });
  expect(run.job('rollback').outputs).toMatchObject({
    'rollback-ref': V1,
    'rollback-state': 'succeeded',
    'rollback-callback-state': 'verified',
  });
  expect(world.production.current()).toEqual({ sha: V1, version: V1 });
  const verify = world.production.events.find((e) => e.type === 'rollback.verify')!;
  const rollback = world.production.events.find((e) => e.type === 'rollback.requested')!;
  expect(rollback.data).toMatchObject({ rollbackRef: V1, drill: false, reason: 'manual rollback' });
  expect(verify.at).toBeGreaterThanOrEqual(rollback.at + 300);
  const verifyStep = run.job('rollback/rollback').steps.find((s) => s.id === 'verify')!;
  expect(verifyStep.inputs['expected-version']).toBe(V1);
  // Recorded: the rolled-back release's deployment is marked, the report and the release log say so.
  const v2 = world.github.deployments.find((d) => d.environment === 'production' && d.sha === V2)!;
  expect(v2.statuses.at(-1)).toMatchObject({
    state: 'failure',
    description: expect.stringMatching(/^rolled back by/),
  });
  expect(json('production-release-gate-report', 'report.json').rollback).toMatchObject({
    state: 'succeeded',
    rollbackRef: V1,
  });
  expect(world.releaseLog('production')).toHaveLength(3);
  // Staging was not touched.
  expect(world.staging.current().sha).toBe(V2);
  expect(world.leaks([run])).toEqual([]);
}, 180_000);

test('6b. the manual rollback with no rollback webhook fails, with skipped_missing_webhook in the report', async () => {
  world = await startWorld({ omitSecrets: ['PRODUCTION_ROLLBACK_WEBHOOK'] });
  await world.release(V1, V2);
  const run = await world.run({
    workflow: ROLLBACK,
    event: 'workflow_dispatch',
    sha: V2,
    inputs: { environment: 'production' },
  });
  expect(run.conclusion).toBe('failure');
  expect(run.job('rollback').outputs).toMatchObject({
    'rollback-state': 'skipped_missing_webhook',
    'rollback-callback-state': '',
  });
  expect(run.job('rollback/rollback').steps.find((s) => s.id === 'verify')!.outcome).toBe('skipped');
  expect(json('production-release-gate-report', 'report.json').rollback).toMatchObject({
    state: 'skipped_missing_webhook',
  });
  expect(world.production.events.filter((e) => e.kind !== 'deploy')).toEqual([]);
}, 180_000);

test('7. a gate, a drill, a manual rollback and another gate in sequence: the staging release log holds every row, in order', async () => {
  world = await startWorld({ rollbackMs: 300 });
  await world.release(V1, V2);
  await world.run({ workflow: DRILL, event: 'schedule', sha: V2 });
  const rollback = await world.run({
    workflow: ROLLBACK,
    event: 'workflow_dispatch',
    sha: V2,
    inputs: { environment: 'staging' },
  });
  expect(rollback.job('rollback').outputs['rollback-state']).toBe('succeeded');
  const gate = await world.run({ event: 'push', sha: V4 });
  expect(gate.job('staging').outputs.verdict).toBe('promote');
  // V1 gate, V2 gate, drill (of V2 back to V1), manual rollback (V2 to V1), V4 gate.
  expect(rowShas(world.releaseLog('staging'), [V1, V2, V4])).toEqual([V1, V2, V2, V2, V4]);
}, 240_000);
