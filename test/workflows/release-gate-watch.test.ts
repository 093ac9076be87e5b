// The reusable release gate's `watch` input (bake time): left empty, the smoke does not bake; set, the smoke
// and the rollback's re-smoke re-run every probe for the window, so a release that answers its first health
// check and fails a few seconds later is rolled back instead of promoted.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { repoRoot } from '../harness/action.js';
import type { JobRecord, RunRecord } from './runner/loader.js';
import { runOutcome, startWorld, type World } from './world.js';

const GOOD_V2 = '2'.repeat(40);
const FLAKY_V3 = '3'.repeat(40);
// One re-run 10 s (the smoke's watch-interval) after the first pass.
const WATCH = '12s';

let world: World;
let callers: string | undefined;
afterEach(async () => {
  await world?.close();
  if (callers) await rm(callers, { recursive: true, force: true });
});

const stepOf = (job: JobRecord, id: string) => {
  const step = job.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id} in ${job.key}`);
  return step;
};
const smokeOf = (environment: string) => world.artifactJson(`${environment}-release-gate-report`).smoke;

/** The release-gate template as a user copies it, with `watch:` added to both environments' `with:`. */
async function callerWithWatch(watch: string): Promise<string> {
  const template = await readFile(join(repoRoot, 'action-templates/release-gate.yml'), 'utf8');
  const withWatch = template.replaceAll(
    '      version-from: version\n',
    `      version-from: version\n      watch: ${watch}\n`,
  );
  expect(withWatch.split(`watch: ${watch}`).length - 1).toBe(2);
  callers = join(repoRoot, '.tmp', `release-gate-watch-${process.pid}`);
  await mkdir(callers, { recursive: true });
  // Named as the template is, so its own release log is trusted on the next run.
  const caller = join(callers, 'release-gate.yml');
  await writeFile(caller, withWatch);
  return relative(repoRoot, caller);
}

test('watch left empty: the smoke step gets an empty watch (its default, no bake) and the gate promotes after one round of probes', async () => {
  world = await startWorld();
  const run = await world.run({ event: 'push', sha: GOOD_V2 });
  expect(runOutcome(run)).toEqual({ conclusion: 'success', failedSteps: [] });
  for (const environment of ['staging', 'production']) {
    const smoke = stepOf(run.job(`${environment}/gate`), 'smoke');
    expect(smoke.inputs.watch).toBe('');
    const section = smokeOf(environment);
    expect(section.result).toBe('passed');
    expect(section.policy.watch).toBeUndefined();
    for (const probe of section.probes) expect(probe.watch).toBeUndefined();
  }
  // Two probes of one health endpoint, each passing at once: no re-runs.
  expect(world.staging.healthChecks.length).toBeLessThanOrEqual(4);
}, 120_000);

test(`watch: ${WATCH}: smoke bakes every probe (pass rate and worst latency in the report) and promotes; a release that fails after its first pass is caught in the window, rolled back, and the rollback re-smoke bakes too`, async () => {
  world = await startWorld({ rollbackMs: 300 });
  const workflow = await callerWithWatch(WATCH);

  const good = await world.run({ workflow, event: 'push', sha: GOOD_V2 });
  expect(runOutcome(good)).toEqual({ conclusion: 'success', failedSteps: [] });
  for (const environment of ['staging', 'production']) {
    const gate = good.job(`${environment}/gate`);
    const smoke = stepOf(gate, 'smoke');
    expect(smoke.inputs.watch).toBe(WATCH);
    // The bake took the window: the step lasted at least one watch-interval past the first pass.
    expect(smoke.finishedAt - smoke.startedAt).toBeGreaterThanOrEqual(10_000);
    const section = smokeOf(environment);
    expect(section.result).toBe('passed');
    expect(section.policy.watch).toMatchObject({ windowMs: 12_000, intervalMs: 10_000, failureLimit: 0 });
    expect(section.probes).toHaveLength(2);
    for (const probe of section.probes) {
      expect(probe.verdict).toBe('passed');
      expect(probe.watch).toMatchObject({ runs: 1, failures: 0, passRate: 1 });
      expect(probe.watch.worstLatencyMs).toEqual(expect.any(Number));
    }
  }
  expect(good.job('staging').outputs).toMatchObject({ verdict: 'promote', 'smoke-result': 'passed' });
  expect(good.job('production').outputs).toMatchObject({ verdict: 'promote', 'smoke-result': 'passed' });

  // FLAKY_V3 answers its first health checks, then fails 3 s later (it crashes soon after starting).
  const checksBefore = world.staging.healthChecks.length;
  let crash: NodeJS.Timeout | undefined;
  const watchesV3 = setInterval(() => {
    const passedOnV3 = world.staging.healthChecks
      .slice(checksBefore)
      .some((check) => check.version === FLAKY_V3 && check.status === 200);
    if (!passedOnV3) return;
    clearInterval(watchesV3);
    crash = setTimeout(() => world.badShas.add(FLAKY_V3), 3000);
  }, 50);
  let flaky: RunRecord;
  try {
    flaky = await world.run({ workflow, event: 'push', sha: FLAKY_V3 });
  } finally {
    clearInterval(watchesV3);
    clearTimeout(crash);
  }
  expect(world.badShas.has(FLAKY_V3)).toBe(true);
  const gate = flaky.job('staging/gate');
  expect(gate.result).toBe('failure');
  expect(flaky.job('staging').outputs).toMatchObject({
    verdict: 'blocked',
    'smoke-result': 'failed',
    'rollback-state': 'succeeded',
    'rollback-callback-state': 'verified',
    'rollback-ref': GOOD_V2,
  });
  expect(flaky.job('production').result).toBe('skipped');
  // The first checks of FLAKY_V3 passed: without the bake this release would have been promoted.
  const v3Checks = world.staging.healthChecks.slice(checksBefore).filter((c) => c.version === FLAKY_V3);
  expect(v3Checks[0]!.status).toBe(200);
  expect(v3Checks.some((c) => c.status === 503)).toBe(true);
  // Both probes passed first, then failed their re-run in the window.
  const probes = smokeOf('staging').probes;
  expect(probes).toHaveLength(2);
  for (const probe of probes) {
    expect(probe.verdict).toBe('failed');
    expect(probe.reason).toMatch(/failed in the 12s bake window/);
    expect(probe.watch).toMatchObject({ runs: 1, failures: 1, passRate: 0 });
  }
  // The rollback's re-smoke got the same window and held it on the known-good version.
  const verify = stepOf(gate, 'verify');
  expect(verify.inputs.watch).toBe(WATCH);
  expect(verify.inputs.deadline).toBe('5m');
  expect(verify.finishedAt - verify.startedAt).toBeGreaterThanOrEqual(10_000);
  expect(world.staging.current().sha).toBe(GOOD_V2);
  expect(world.leaks([good, flaky])).toEqual([]);
}, 240_000);
