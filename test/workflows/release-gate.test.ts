// The release-gate starter template, copied as a user copies it, run on push with the seed's secrets:
// GitHub's parser and evaluator drive the reusable workflow and our real bundles against a local GitHub
// API, a local artifact service, and a staging and a production environment of the service.
import type { JobRecord, RunRecord } from './runner/loader.js';
import { rowShas, runOutcome, startWorld, type World } from './world.js';

const GOOD_V2 = '2'.repeat(40);
const BAD_V3 = '3'.repeat(40);
const BAD_V4 = '4'.repeat(40);
const NEXT_V5 = '5'.repeat(40);

let world: World;
afterEach(async () => world?.close());

const report = (name: string) => world.artifactJson(name);
const deploymentsOf = (environment: string) =>
  world.github.deployments.filter((d) => d.environment === environment);
const statesOf = (id: number) =>
  world.github.deployments.find((d) => d.id === id)!.statuses.map((s) => s.state);
const stepOf = (job: JobRecord, id: string) => {
  const step = job.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id} in ${job.key}`);
  return step;
};

/** Nothing the runs wrote that GitHub shows (logs, summaries, outputs) nor the evidence holds a secret. */
const expectNoSecretShown = (runs: RunRecord[]) => expect(world.leaks(runs)).toEqual([]);

function expectApiClean() {
  expect(world.github.invalidRequests).toEqual([]);
  expect(world.github.invalidResponses).toEqual([]);
  expect(world.github.forbiddenRequests).toEqual([]);
}

describe.each(['repository', 'environment'] as const)('with the seed secrets as %s secrets', (where) => {
  test('1. a good push: each environment calls its own webhooks and smokes its own URLs, signed; production only after staging promoted', async () => {
    world = await startWorld({ where });
    const run = await world.run({ event: 'push', sha: GOOD_V2 });

    expect(runOutcome(run)).toEqual({ conclusion: 'success', failedSteps: [] });
    expect(run.job('staging').outputs).toMatchObject({
      verdict: 'promote',
      'smoke-result': 'passed',
      'rollback-state': '',
    });
    expect(run.job('production').outputs).toMatchObject({ verdict: 'promote', 'smoke-result': 'passed' });

    for (const [target, environment] of [
      [world.staging, 'staging'],
      [world.production, 'production'],
    ] as const) {
      // Its own deploy webhook, one delivery, signed, for its own environment; its own health endpoint smoked.
      expect(target.events.map((e) => [e.kind, e.type, e.data.environment, e.signatureValid])).toEqual([
        ['deploy', 'deploy.requested', environment, true],
      ]);
      expect(target.events[0]!.data).toMatchObject({ sha: GOOD_V2, version: GOOD_V2, drill: false });
      expect(target.events[0]!.idempotencyKey).toBe(target.events[0]!.webhookId);
      expect(target.healthChecks.length).toBeGreaterThanOrEqual(2);
      expect(target.current().sha).toBe(GOOD_V2);
      // One deployment, in_progress until the gate promoted it, with the version in its payload.
      const [deployment, ...others] = deploymentsOf(environment);
      expect(others).toEqual([]);
      expect(deployment!.sha).toBe(GOOD_V2);
      expect(deployment!.payload).toMatchObject({ version: GOOD_V2 });
      expect(statesOf(deployment!.id)).toEqual(['in_progress', 'success']);
      expect(report(`${environment}-release-gate-report`).verdict).toMatchObject({ value: 'promote' });
    }
    // Production starts only after the staging gate has finished and promoted.
    const stagingGate = run.job('staging/gate');
    expect(world.production.events[0]!.at).toBeGreaterThanOrEqual(stagingGate.finishedAt);
    expect(stagingGate.environment).toBe('staging');
    expectNoSecretShown([run]);
    expectApiClean();
  }, 120_000);
});

test('2. a bad push rolls back to the last release that promoted, verifies only after the rollback completed, and never reaches production; a second bad push rolls back to the same good release', async () => {
  // Staging takes 8 s to roll back.
  world = await startWorld({ rollbackMs: 8000 });
  const good = (await world.release(GOOD_V2))[0]!;

  world.badShas.add(BAD_V3).add(BAD_V4);
  const bad = await world.run({ event: 'push', sha: BAD_V3 });
  expect(bad.conclusion).toBe('failure');
  const gate = bad.job('staging/gate');
  expect(gate.result).toBe('failure');
  expect(bad.job('staging').outputs).toMatchObject({
    verdict: 'blocked',
    'smoke-result': 'failed',
    'rollback-state': 'succeeded',
    'rollback-callback-state': 'verified',
    'rollback-ref': GOOD_V2,
  });
  // Production never deploys the bad sha.
  expect(bad.job('production').result).toBe('skipped');
  expect(world.production.events.filter((e) => e.data.sha === BAD_V3)).toEqual([]);

  const events = world.staging.events.filter((e) => e.data.sha === BAD_V3);
  expect(events.map((e) => e.type)).toEqual(['deploy.requested', 'rollback.requested', 'rollback.verify']);
  const [, rollback, verify] = events;
  // The callback went to staging's receiver, which checked its signature before accepting it.
  const callbacks = world.receivers.staging.events.filter((e) => e.data.sha === BAD_V3);
  expect(callbacks.map((e) => e.type)).toEqual(['release_gate.callback']);
  const callback = callbacks[0];
  expect(rollback!.data).toMatchObject({ rollbackRef: GOOD_V2, drill: false });
  expect(events.every((e) => e.signatureValid)).toBe(true);
  // The verification started after the rollback completed (8 s), and only the good version counted.
  expect(verify!.at - rollback!.at).toBeGreaterThanOrEqual(8000);
  expect(verify!.data).toMatchObject({ rollbackRef: GOOD_V2, smokeResult: 'passed' });
  expect(callback!.data).toMatchObject({ rollbackCallbackState: 'verified' });
  expect(world.receivers.staging.events.filter((e) => e.data.rollbackCallbackState === 'failed')).toEqual([]);
  expect(world.staging.current()).toEqual({ sha: GOOD_V2, version: GOOD_V2 });
  const verifyStep = stepOf(gate, 'verify');
  expect(verifyStep.inputs['expected-version']).toBe(GOOD_V2);
  expect(verifyStep.inputs['version-from']).toBe('version');

  // The bad release's deployment is failure (rolled back), never success.
  const badDeployment = deploymentsOf('staging').find((d) => d.sha === BAD_V3)!;
  const badStatuses = world.github.deployments.find((d) => d.id === badDeployment.id)!.statuses;
  expect(badStatuses.map((s) => s.state)).not.toContain('success');
  expect(badStatuses.some((s) => s.state === 'failure' && /rolled back by/.test(s.description))).toBe(true);
  const blocked = report('staging-release-gate-report');
  expect(blocked.verdict.value).toBe('blocked');
  expect(blocked.rollback).toMatchObject({ state: 'succeeded', rollbackRef: GOOD_V2 });

  // A second bad push rolls back to the same good release, not to the first bad one.
  world.stagingOptions.rollbackMs = 500;
  const second = await world.run({ event: 'push', sha: BAD_V4 });
  expect(second.job('staging').outputs).toMatchObject({
    verdict: 'blocked',
    'rollback-ref': GOOD_V2,
    'rollback-callback-state': 'verified',
  });
  expect(
    world.staging.events.find((e) => e.type === 'rollback.requested' && e.data.sha === BAD_V4)!.data
      .rollbackRef,
  ).toBe(GOOD_V2);
  expect(world.production.events.map((e) => e.data.sha)).toEqual([GOOD_V2]);
  // Each gate found the previous run's release log (REST API + download-artifact) and extended it.
  expect(rowShas(world.releaseLog('staging'), [GOOD_V2, BAD_V3, BAD_V4])).toEqual([GOOD_V2, BAD_V3, BAD_V4]);
  expectNoSecretShown([good, bad, second]);
  expectApiClean();
}, 180_000);

test('3a. no STAGING_ROLLBACK_WEBHOOK: rollbackState skipped_missing_webhook in the report and as an output, no verify call, the job fails', async () => {
  world = await startWorld({ omitSecrets: ['STAGING_ROLLBACK_WEBHOOK'] });
  world.badShas.add(BAD_V3);
  const run = await world.run({ event: 'push', sha: BAD_V3 });
  expect(run.job('staging/gate').result).toBe('failure');
  expect(run.job('staging').outputs).toMatchObject({
    verdict: 'blocked',
    'rollback-state': 'skipped_missing_webhook',
    'rollback-callback-state': '',
  });
  expect(stepOf(run.job('staging/gate'), 'verify').outcome).toBe('skipped');
  expect(world.staging.events.map((e) => e.kind)).toEqual(['deploy']);
  expect(report('staging-release-gate-report').rollback).toMatchObject({ state: 'skipped_missing_webhook' });
  expect(run.job('production').result).toBe('skipped');
  expectNoSecretShown([run]);
}, 120_000);

test('3b. rollback webhook set, verify webhook unset: rollbackCallbackState skipped_missing_webhook, also an output', async () => {
  world = await startWorld({ omitSecrets: ['STAGING_ROLLBACK_VERIFY_WEBHOOK'], rollbackMs: 300 });
  await world.release(GOOD_V2);
  world.badShas.add(BAD_V3);
  const run = await world.run({ event: 'push', sha: BAD_V3 });
  expect(run.job('staging/gate').result).toBe('failure');
  expect(run.job('staging').outputs).toMatchObject({
    verdict: 'blocked',
    'rollback-state': 'succeeded',
    'rollback-callback-state': 'skipped_missing_webhook',
  });
  expect(world.staging.events.filter((e) => e.data.sha === BAD_V3).map((e) => e.kind)).toEqual([
    'deploy',
    'rollback',
  ]);
  expect(world.receivers.staging.events.filter((e) => e.data.sha === BAD_V3).map((e) => e.type)).toEqual([
    'release_gate.callback',
  ]);
  expect(report('staging-release-gate-report').rollbackCallback).toMatchObject({
    state: 'skipped_missing_webhook',
  });
  expectNoSecretShown([run]);
}, 120_000);

test('4. an invalid smoke input: result error, the gate treats it as not passed (rolls back), and the summary says why', async () => {
  world = await startWorld({ rollbackMs: 300 });
  await world.release(GOOD_V2);
  // A team member stores the smoke URL without its scheme.
  world.repo.secrets!.STAGING_SMOKE_URLS = 'staging.example.com/healthz';
  const run = await world.run({ event: 'push', sha: NEXT_V5 });
  const gate = run.job('staging/gate');
  expect(gate.result).toBe('failure');
  expect(stepOf(gate, 'smoke')).toMatchObject({
    outcome: 'failure',
    outputs: expect.objectContaining({ result: 'error' }),
  });
  expect(run.job('staging').outputs).toMatchObject({
    verdict: 'blocked',
    'smoke-result': 'error',
    'rollback-state': 'succeeded',
  });
  expect(world.staging.events.filter((e) => e.data.sha === NEXT_V5).map((e) => e.kind)).toContain('rollback');
  const summary = stepOf(gate, 'report').summary;
  expect(summary).toMatch(/smoke/i);
  expect(summary).toContain("'urls'");
  expect(stepOf(gate, 'smoke').summary).toContain("'urls'");
  expect(report('staging-release-gate-report').verdict.value).toBe('blocked');
  expect(run.job('production').result).toBe('skipped');
  expectNoSecretShown([run]);
}, 120_000);
