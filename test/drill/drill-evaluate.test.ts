import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { drillDeltaReportSchema } from '../../packages/core/src/drill/schema.js';
import { ALERT_SCENARIOS } from '../alerts/scenarios.js';
import { runBundle } from '../harness/action.js';
import { DAY, drillReport, eventLog, HOUR, healthyEvents, NOW, workspaceWith } from './fixtures.js';

const now = NOW.toISOString();

async function evaluate(files: Record<string, string | object>, inputs: Record<string, string> = {}) {
  const workspace = await workspaceWith(files);
  const run = await runBundle('drill-evaluate', {
    workspace,
    inputs: {
      staging: files['staging.json'] ? 'staging.json' : '',
      production: files['production.json'] ? 'production.json' : '',
      events: files['events.jsonl'] !== undefined ? 'events.jsonl' : '',
      now,
      ...inputs,
    },
  });
  const reportPath = join(workspace, 'build-artifacts/release-gate-drill-delta-report.json');
  const report =
    run.code === 0 ? drillDeltaReportSchema.parse(JSON.parse(await readFile(reportPath, 'utf8'))) : undefined;
  return { run, report, workspace };
}

const healthy = () => ({
  'staging.json': drillReport('staging'),
  'production.json': drillReport('production'),
  'events.jsonl': eventLog(healthyEvents()),
});

test('both environments pass: drill_passed twice, no alerts, three files, one log row', async () => {
  const { run, report, workspace } = await evaluate(healthy(), { owner: 'alice' });
  expect(run.code).toBe(0);
  expect(run.outputs['staging-status']).toBe('drill_passed');
  expect(run.outputs['production-status']).toBe('drill_passed');
  expect(JSON.parse(run.outputs.alerts!)).toEqual([]);
  expect(run.outputs['report-path']).toBe(
    join(workspace, 'build-artifacts/release-gate-drill-delta-report.json'),
  );
  expect(report!.generatedAt).toBe(now);
  expect(report!.staging.reasons).toEqual([]);
  expect(report!.events!.callbackEvents).toBe(8);
  expect(report!.deltas).toEqual([]);
  // Calibration defaults are echoed.
  expect(report!.calibration.failuresPresent).toEqual({ windowMs: 6 * HOUR, minFailures: 1 });
  expect(report!.calibration.failureRate).toEqual({ windowMs: 24 * HOUR, threshold: 0.2, minEvents: 3 });
  expect(report!.calibration.drillMissing).toEqual({ windowMs: 14 * DAY });
  const markdown = await readFile(
    join(workspace, 'build-artifacts/release-gate-drill-delta-report.md'),
    'utf8',
  );
  expect(markdown).toContain('| staging | ✅ drill_passed |');
  const log = await readFile(join(workspace, 'build-artifacts/release-gate-drill-log.md'), 'utf8');
  expect(log).toContain(
    '| Date (UTC) | Staging Status | Production Status | Delta Applied | Owner | Notes |',
  );
  expect(log.trim().split('\n').at(-1)).toBe(
    '| 2026-01-15 12:00 | drill_passed | drill_passed | no | alice | - |',
  );
  expect(run.summary).toContain('# Rollback drill evaluation');
});

test('production missing: no production report file means missing, staging still evaluated', async () => {
  const files: Record<string, string | object> = healthy();
  delete files['production.json'];
  const { run, report } = await evaluate(files, { production: 'drill/production/report.json' });
  expect(run.code).toBe(0);
  expect(run.outputs['staging-status']).toBe('drill_passed');
  expect(run.outputs['production-status']).toBe('missing');
  expect(report!.production.reasons[0]).toContain("no production report at '");
  expect(run.stdout).toContain('production: missing');
});

test('staging rollback verify failed: attention_required naming every reason', async () => {
  const files = {
    ...healthy(),
    'staging.json': drillReport('staging', { verifyState: 'failed', rollbackMs: 11 * 60_000 }),
  };
  const { run, report } = await evaluate(files);
  expect(run.outputs['staging-status']).toBe('attention_required');
  expect(run.outputs['production-status']).toBe('drill_passed');
  expect(report!.staging.reasons).toEqual([
    'rollback verify failed',
    'rollback took 11m, over its budget of 10m',
  ]);
  expect(run.stdout).toContain('::warning title=drill attention_required::staging: rollback verify failed');
  // The rollback that took 110% of its budget yields a concrete delta.
  expect(report!.deltas).toContainEqual(
    expect.objectContaining({ setting: 'budgets.rollback', current: '10m', proposed: '17m' }),
  );
});

test('skipped steps and an undelivered callback are each a reason', async () => {
  const files = {
    ...healthy(),
    'production.json': drillReport('production', {
      rollbackState: 'skipped_missing_webhook',
      omit: ['metricsCallback'],
    }),
  };
  const { report } = await evaluate(files);
  expect(report!.production.status).toBe('attention_required');
  expect(report!.production.reasons).toEqual([
    'rollback was skipped (no webhook configured)',
    'callback was not delivered (the report has no metricsCallback section)',
  ]);
});

test("a rollback only 'accepted' (the receiver offers no status URL) cannot prove a drill, and says so by name", async () => {
  const files = { ...healthy(), 'staging.json': drillReport('staging', { rollbackState: 'accepted' }) };
  const { report } = await evaluate(files);
  expect(report!.staging.status).toBe('attention_required');
  expect(report!.staging.reasons).toEqual([
    expect.stringMatching(
      /^rollback is only 'accepted': the rollback webhook gave no status URL .*wait: true$/,
    ),
  ]);
});

test.each(ALERT_SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
  'alert scenario: %s',
  async (_name, scenario) => {
    const { run, report } = await evaluate({ ...healthy(), 'events.jsonl': eventLog(scenario.events) });
    expect(run.code).toBe(0);
    const expected = [...new Set(Object.values(scenario.firing).flat())].sort();
    expect(JSON.parse(run.outputs.alerts!).sort()).toEqual(expected);
    const productionFiring = scenario.firing.production ?? [];
    expect(run.outputs['production-status']).toBe(
      productionFiring.length ? 'attention_required' : 'drill_passed',
    );
    for (const name of productionFiring) {
      expect(report!.production.reasons.some((reason) => reason.startsWith(`alert ${name}:`))).toBe(true);
    }
  },
);

test('2 events only: the rate alert cannot fire and a delta proposes a wider rate window', async () => {
  const scenario = ALERT_SCENARIOS.find((item) => item.name.startsWith('2 events only'))!;
  const { report } = await evaluate({ ...healthy(), 'events.jsonl': eventLog(scenario.events) });
  const rate = report!.alerts.find(
    (alert) => alert.environment === 'production' && alert.name.endsWith('RateCritical'),
  )!;
  expect(rate.firing).toBe(false);
  expect(rate.detail).toContain('below the minimum volume of 3 events');
  const delta = report!.deltas.find((item) => item.setting === 'failureRate.window')!;
  expect(delta.current).toBe('24h');
  expect(delta.proposed).toBe('45d');
  expect(delta.reason).toContain('fewer than the minimum volume of 3, so the rate alert could not fire');
});

test('rollback p95 close to its budget proposes raising it', async () => {
  const events = healthyEvents().map((event) => ({ ...event, durationMs: 552_000 }));
  const { report } = await evaluate({ ...healthy(), 'events.jsonl': eventLog(events) });
  const delta = report!.deltas.find((item) => item.setting === 'budgets.rollback')!;
  expect(delta.current).toBe('10m');
  expect(delta.proposed).toBe('14m');
  expect(delta.reason).toMatch(
    /rollback p95 over the last 30d \(4 callbacks\) is 9m1[12]s, 92% of its 10m budget/,
  );
});

test('calibration inline widens the presence window: a failure 8h ago now fires', async () => {
  const scenario = ALERT_SCENARIOS.find((item) => item.name.startsWith('callback failure outside 6h'))!;
  const files = { ...healthy(), 'events.jsonl': eventLog(scenario.events) };
  const { run, report } = await evaluate(files, {
    calibration: 'failuresPresent: { window: 12h }\nbudgets: { rollback: 15m }',
  });
  expect(JSON.parse(run.outputs.alerts!)).toEqual(['ReleaseGateRollbackCallbackFailuresPresent']);
  expect(report!.calibration.failuresPresent.windowMs).toBe(12 * HOUR);
  expect(report!.calibration.budgets.rollbackMs).toBe(15 * 60_000);
  expect(report!.calibration.budgets.smokeMs).toBe(5 * 60_000);
});

test('calibration from a file, and a bad calibration names the field', async () => {
  const good = await evaluate(
    { ...healthy(), 'calib.yml': 'failureRate:\n  threshold: 10%\n' },
    { calibration: 'calib.yml' },
  );
  expect(good.report!.calibration.failureRate.threshold).toBeCloseTo(0.1);
  const bad = await evaluate(
    { ...healthy(), 'calib.yml': 'failureRate:\n  threshold: 120%\n' },
    { calibration: 'calib.yml' },
  );
  expect(bad.run.code).toBe(1);
  expect(bad.run.stdout).toContain("calibration file 'calib.yml': field 'failureRate.threshold'");
  const missing = await evaluate(healthy(), { calibration: 'nope.yml' });
  expect(missing.run.stdout).toContain("calibration file 'nope.yml' cannot be read (ENOENT)");
});

test('a malformed report fails with the file named; a wrong-schema report names the field', async () => {
  const malformed = await evaluate({ ...healthy(), 'staging.json': '{ "schemaVersion": 1,' });
  expect(malformed.run.code).toBe(1);
  expect(malformed.run.stdout).toMatch(/staging report '.*staging\.json' is not valid JSON/);
  const wrong = drillReport('production') as Record<string, unknown>;
  (wrong.rollback as Record<string, unknown>).state = 'exploded';
  const wrongSchema = await evaluate({ ...healthy(), 'production.json': wrong });
  expect(wrongSchema.run.code).toBe(1);
  expect(wrongSchema.run.stdout).toMatch(
    /production report '.*production\.json' does not match its schema: field 'rollback\.state'/,
  );
  expect(wrongSchema.run.outputs['production-status']).toBeUndefined();
});

test('the previous drill log is extended without rewriting earlier rows', async () => {
  const previous =
    '# Our drills\n\n| Date (UTC) | Staging Status | Production Status | Delta Applied | Owner | Notes |\n|---|---|---|---|---|---|\n' +
    '| 2026-01-08 11:00 | drill_passed | attention_required |  no | bob | odd   spacing kept |\n';
  const { run, workspace } = await evaluate(
    { ...healthy(), 'previous/release-gate-drill-log.md': previous },
    {
      'previous-log': 'previous/release-gate-drill-log.md',
      'delta-applied': 'yes: budgets.rollback 15m',
      owner: 'carol',
    },
  );
  const log = await readFile(run.outputs['log-path']!, 'utf8');
  expect(log.startsWith(previous)).toBe(true);
  expect(log.slice(previous.length)).toBe(
    '| 2026-01-15 12:00 | drill_passed | drill_passed | yes: budgets.rollback 15m | carol | - |\n',
  );
  // A second evaluation in the same workspace extends the log in out-dir.
  const again = await runBundle('drill-evaluate', {
    workspace,
    inputs: { staging: 'staging.json', now: '2026-01-22T12:00:00Z', events: 'events.jsonl' },
  });
  const extended = await readFile(again.outputs['log-path']!, 'utf8');
  expect(extended.startsWith(log)).toBe(true);
  expect(extended.slice(log.length)).toMatch(
    /^\| 2026-01-22 12:00 \| drill_passed \| missing \| no \| octocat \| /,
  );
});

test('events after now are ignored and malformed lines are counted, not fatal', async () => {
  const lines = `${eventLog(healthyEvents())}{"receivedAt": "2026-01-15T11:00:00Z", "type": "release_gate.callback", "dat\n${eventLog([{ environment: 'production', state: 'failed', ageMs: -HOUR }])}`;
  const { run, report } = await evaluate({ ...healthy(), 'events.jsonl': lines });
  expect(run.code).toBe(0);
  expect(report!.events!.malformedLines).toBe(1);
  expect(report!.events!.futureEvents).toBe(1);
  expect(JSON.parse(run.outputs.alerts!)).toEqual([]);
  expect(report!.notes).toEqual([
    '1 malformed line(s) in the event log were skipped',
    '1 event(s) after the evaluation time 2026-01-15T12:00:00.000Z were ignored',
  ]);
});

test('invalid inputs name the input and an example; fail-on-attention fails the step', async () => {
  const bad = await evaluate(healthy(), { now: 'yesterday', 'fail-on-attention': 'maybe' });
  expect(bad.run.code).toBe(1);
  expect(bad.run.stdout).toContain("Input 'now' 'yesterday' is invalid: must be an ISO 8601 timestamp");
  expect(bad.run.stdout).toContain("Input 'fail-on-attention' 'maybe' is invalid: must be true or false");
  const files: Record<string, string | object> = healthy();
  delete files['production.json'];
  const failing = await evaluate(files, { 'fail-on-attention': 'true' });
  expect(failing.run.code).toBe(1);
  expect(failing.run.stdout).toContain(
    'drill needs attention: production missing (fail-on-attention is true)',
  );
  expect(failing.run.outputs['production-status']).toBe('missing');
});

test('thousands of environments in the log stay bounded: folded past 1000, summary under the 1 MiB limit', async () => {
  const events = Array.from({ length: 1500 }, (_, index) => ({
    environment: `region-${index}`,
    state: 'failed' as const,
    ageMs: HOUR,
  }));
  const { run, report } = await evaluate({
    ...healthy(),
    'events.jsonl': eventLog([...healthyEvents(), ...events]),
  });
  expect(run.code).toBe(0);
  const environments = report!.events!.environments.map((env) => env.environment);
  expect(environments).toHaveLength(1001);
  expect(environments).toContain('(other)');
  expect(report!.events!.environments.find((env) => env.environment === '(other)')!.total).toBe(502);
  expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
  expect(
    run.summary.indexOf('| ReleaseGateRollbackCallbackFailuresPresent | region-0 | yes (warning)'),
  ).toBeLessThan(run.summary.indexOf('| no |'));
});
