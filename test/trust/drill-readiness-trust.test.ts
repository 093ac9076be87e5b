// drill-evaluate takes the previous drill log, readiness-checklist its evidence, only from trusted runs'
// artifacts; a malformed drill log starts a new one; evidence that does not match its schema fails its rule.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_CALIBRATION } from '../../packages/core/src/drill/calibration.js';
import { evaluateDrill } from '../../packages/core/src/drill/evaluate.js';
import { DRILL_LOG_HEADER } from '../../packages/core/src/drill/markdown.js';
import type { ReleaseGateReport } from '../../packages/core/src/report/schema.js';
import { drillReport, eventLog, HOUR, healthyEvents, NOW, workspaceWith } from '../drill/fixtures.js';
import { runBundle } from '../harness/action.js';
import { startWorld, type World } from './world.js';

const DRILL_ARTIFACT = 'release-gate-drill-delta-report';
const LOG_FILE = 'release-gate-drill-log.md';
const trustedLog = `# Rollback drill log\n\n${DRILL_LOG_HEADER}| 2026-01-08 11:00 | drill_passed | drill_passed | no | bob | - |\n`;
const forgedLog = `# Rollback drill log\n\n${DRILL_LOG_HEADER}| 2026-01-09 11:00 | drill_passed | drill_passed | no | mallory | forged |\n`;

let world: World;
let nextRun = 7001;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

async function drill(inputs: Record<string, string>) {
  const workspace = await workspaceWith({
    'staging.json': drillReport('staging'),
    'production.json': drillReport('production'),
    'events.jsonl': eventLog(healthyEvents()),
  });
  const run = await runBundle('drill-evaluate', {
    workspace,
    inputs: {
      staging: 'staging.json',
      production: 'production.json',
      events: 'events.jsonl',
      now: NOW.toISOString(),
      owner: 'carol',
      'github-token': world.api.issueToken({ actions: 'read' }),
      ...inputs,
    },
    env: world.env({
      runId: nextRun++,
      event: 'schedule',
      workflowPath: '.github/workflows/release-gate-drill.yml',
    }),
  });
  const log = await readFile(join(workspace, 'build-artifacts', LOG_FILE), 'utf8').catch(() => '');
  return { run, log };
}

test('drill-evaluate extends the trusted schedule run’s drill log; a newer pull_request one is skipped', async () => {
  const name = DRILL_ARTIFACT;
  await world.upload(
    { runId: 6101, event: 'schedule', workflowPath: '.github/workflows/release-gate-drill.yml' },
    name,
    { [LOG_FILE]: trustedLog },
  );
  const pr = await world.upload({ runId: 6102, event: 'pull_request', headBranch: 'evil' }, name, {
    [LOG_FILE]: forgedLog,
  });
  const { run, log } = await drill({ 'previous-log-artifact': name });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(
    `::notice::skipped artifact ${pr} from run 6102: event pull_request, branch evil`,
  );
  expect(log.startsWith(trustedLog)).toBe(true);
  expect(log.slice(trustedLog.length)).toMatch(
    /^\| 2026-01-15 12:00 \| drill_passed \| drill_passed \| no \| carol \|/,
  );
  expect(log).not.toContain('mallory');
  expect(world.api.invalidRequests).toEqual([]);
  expect(world.api.invalidResponses).toEqual([]);
});

test('a malformed previous drill log is a warning and a new log; the statuses are still written', async () => {
  const name = 'drill-log-b';
  await world.upload({ runId: 6201, event: 'workflow_dispatch' }, name, {
    [LOG_FILE]: `${trustedLog}| 2026-01-09 11:00 | <script>alert(1)</script> | drill_passed | no | x | - |\n`,
  });
  const { run, log } = await drill({ 'previous-log-artifact': name });
  expect(run.code).toBe(0);
  expect(run.outputs['staging-status']).toBe('drill_passed');
  expect(run.stdout).toMatch(
    /::warning::previous drill log is malformed \(line 6 holds HTML \(< or >\)\): starting a new log/,
  );
  expect(log.startsWith(`# Rollback drill log\n\n${DRILL_LOG_HEADER}| 2026-01-15 12:00 |`)).toBe(true);
  expect(log).not.toContain('script');
  expect(log).not.toContain('bob');
});

function deltaReport(): Record<string, unknown> {
  const at = new Date(NOW.getTime() - 2 * HOUR);
  const report = (environment: string) => drillReport(environment, {}, at) as unknown as ReleaseGateReport;
  return evaluateDrill({
    staging: { path: 'staging.json', report: report('staging') },
    production: { path: 'production.json', report: report('production') },
    events: null,
    calibration: DEFAULT_CALIBRATION,
    owner: 'alice',
    now: at,
  }) as unknown as Record<string, unknown>;
}

const CHECKLIST = `rules:
  receiverValidationReport: false
  receiverDrillReport: false
  loadCalibrationReport: false
  latestSmokePassed: false
`;

async function readiness(names: string) {
  const workspace = await workspaceWith({ 'checklist.yml': CHECKLIST });
  const run = await runBundle('readiness-checklist', {
    workspace,
    inputs: {
      checklist: 'checklist.yml',
      'target-ref': 'refs/heads/main',
      'release-owner': 'alice',
      'rollback-owner': 'bob',
      'rollback-ref': 'v1.3.9',
      now: NOW.toISOString(),
      upload: 'false',
      'artifacts-dir': 'evidence',
      'evidence-artifacts': names,
      'github-token': world.api.issueToken({ actions: 'read' }),
    },
    env: world.env({ runId: nextRun++, workflowPath: '.github/workflows/readiness-checklist.yml' }),
  });
  const record = JSON.parse(
    await readFile(join(workspace, 'build-artifacts/release-gate-readiness-decision.json'), 'utf8'),
  ) as { decision: string; rules: Array<{ id: string; status: string; reason: string }> };
  return { run, record, drillRule: record.rules.find((rule) => rule.id === 'drillDeltaReport')! };
}

test('readiness takes the drill delta report from the trusted run, not the newer forged one', async () => {
  const name = 'delta-trusted';
  await world.upload(
    { runId: 6301, event: 'schedule', workflowPath: '.github/workflows/release-gate-drill.yml' },
    name,
    { 'release-gate-drill-delta-report.json': JSON.stringify(deltaReport()) },
  );
  const forged = await world.upload({ runId: 6302, headRepository: 'evil/shop' }, name, {
    'release-gate-drill-delta-report.json': JSON.stringify({ generatedAt: NOW.toISOString() }),
  });
  const { run, record, drillRule } = await readiness(name);
  expect(run.stdout).toContain(
    `::notice::skipped artifact ${forged} from run 6302: head repository evil/shop (a fork)`,
  );
  expect(drillRule.status).toBe('passed');
  expect(record.decision).toBe('GO');
  expect(run.code).toBe(0);
});

test('a three-field drill delta JSON from a trusted run fails the drill rule naming the schema error', async () => {
  const name = 'delta-three-fields';
  await world.upload({ runId: 6401, event: 'push' }, name, {
    'release-gate-drill-delta-report.json': JSON.stringify({
      generatedAt: new Date(NOW.getTime() - HOUR).toISOString(),
      staging: { status: 'drill_passed' },
      production: { status: 'drill_passed' },
    }),
  });
  const { run, record, drillRule } = await readiness(name);
  expect(drillRule.status).toBe('failed');
  expect(drillRule.reason).toMatch(/drill delta report at .* does not match its schema: field '/);
  expect(record.decision).toBe('NO-GO');
  expect(run.code).toBe(1);
});

test('an evidence artifact with no trusted upload is a notice and its evidence is missing', async () => {
  const name = 'delta-untrusted-only';
  await world.upload({ runId: 6501, workflowPath: '.github/workflows/other.yml' }, name, {
    'release-gate-drill-delta-report.json': JSON.stringify(deltaReport()),
  });
  const { run, drillRule } = await readiness(name);
  expect(run.stdout).toContain('workflow other.yml is not in trusted-workflows');
  expect(run.stdout).toMatch(new RegExp(`::notice::evidence artifact '${name}': no trusted artifact`));
  expect(drillRule.status).toBe('failed');
  expect(drillRule.reason).toMatch(/missing/);
});
