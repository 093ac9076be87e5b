// The report bundle takes the previous release log only from a trusted run's artifact: the newest artifact
// of the name from a push/schedule/workflow_dispatch run of a trusted workflow on the default branch of
// this repository. Forged rows from a pull_request run, a fork or another workflow never reach the log.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundle } from '../harness/action.js';
import { leakedSecrets, readTree } from '../harness/secrets.js';
import { promotedReport, writeReport } from '../report/fixtures.js';
import { startWorld, type World } from './world.js';

const HEADER = 'date_utc\tenvironment\tservice\tsha\tversion\tsmoke\tverdict\towner\trun_url';
const row = (version: string, owner = 'alice') =>
  `2026-11-20T10:00:00Z\tstaging\tshop\t${'a'.repeat(40)}\t${version}\tpassed\tpromote\t${owner}\thttps://github.com/acme/shop/actions/runs/5001`;
const NAME = 'staging-release-gate-report';

/** What a log reader sees: the runner replaces every value registered with `::add-mask::` by `***`. */
function asRunnerShows(text: string): string {
  const masks = [...text.matchAll(/^::add-mask::(.+)$/gm)].map((m) => m[1]!);
  let shown = text.replace(/^::add-mask::.*$/gm, '');
  for (const mask of masks) shown = shown.split(mask).join('***');
  return shown;
}

/** The token is registered as a secret first, and appears nowhere else (outputs, summary, log, bundle). */
async function expectNoLeak(run: { everything: string; stdout: string }, token: string, bundle: string) {
  expect(run.stdout).toContain(`::add-mask::${token}`);
  const unmasked = run.everything.replace(/^::add-mask::.*$/gm, '');
  expect(leakedSecrets(unmasked + (await readTree(bundle)), { token })).toEqual([]);
  expect(asRunnerShows(run.stdout)).not.toContain(token);
}

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

let nextGateRun = 6001;

/** One gate's report step, each in a run of its own (its bundle upload would clash within one run). */
async function gate(inputs: Record<string, string>, token: string) {
  const workspace = await mkdtemp(join(tmpdir(), 'ra-trust-report-'));
  await writeReport(workspace, promotedReport());
  const run = await runBundle('report', {
    workspace,
    inputs: { 'github-token': token, ...inputs },
    env: world.env({ runId: nextGateRun++ }),
  });
  const bundle = join(workspace, 'release-gate');
  const log = await readFile(join(bundle, 'release-log.tsv'), 'utf8').catch(() => '');
  return { run, bundle, log };
}

test('the trusted push run on main is extended; newer pull_request, fork and other-workflow artifacts are skipped with notices', async () => {
  const trusted = await world.upload({ runId: 5001 }, NAME, {
    'release-log.tsv': `${HEADER}\n${row('1.3.0')}\n`,
  });
  const forged = `${HEADER}\n${row('6.6.6', 'mallory')}\n`;
  const pr = await world.upload({ runId: 5002, event: 'pull_request', headBranch: 'evil' }, NAME, {
    'release-log.tsv': forged,
  });
  const fork = await world.upload({ runId: 5003, headRepository: 'evil/shop' }, NAME, {
    'release-log.tsv': forged,
  });
  const other = await world.upload({ runId: 5004, workflowPath: '.github/workflows/other.yml' }, NAME, {
    'release-log.tsv': forged,
  });
  const token = world.api.issueToken({ actions: 'read' }, 'report-6001');

  const { run, log, bundle } = await gate({ 'previous-log-artifact': NAME }, token);
  expect(run.code).toBe(0);
  expect(run.outputs.verdict).toBe('promote');
  const lines = log.trimEnd().split('\n');
  expect(lines[0]).toBe(HEADER);
  expect(lines[1]).toBe(row('1.3.0'));
  expect(lines).toHaveLength(3);
  expect(lines[2]).toMatch(/^\d{4}-\d\d-\d\dT[\d:]+Z\tstaging\tshop\t/);
  expect(log).not.toContain('mallory');
  expect(run.summary).not.toContain('mallory');

  expect(run.stdout).toContain(
    `::notice::skipped artifact ${other} from run 5004: workflow other.yml is not in trusted-workflows`,
  );
  expect(run.stdout).toContain(
    `::notice::skipped artifact ${fork} from run 5003: head repository evil/shop (a fork)`,
  );
  expect(run.stdout).toContain(
    `::notice::skipped artifact ${pr} from run 5002: event pull_request, branch evil`,
  );
  expect(run.stdout).toContain(`previous release log: artifact ${trusted} '${NAME}' from run 5001`);
  expect(run.stdout).not.toContain('::warning::previous release log');

  // Each candidate's run was read once; every request matched GitHub's description.
  const operations = world.api.requests
    .filter((r) => r.tokenLabel === 'report-6001')
    .map((r) => r.operationId);
  expect(operations).toEqual([
    'repos/get',
    'actions/list-artifacts-for-repo',
    'actions/get-workflow-run',
    'actions/get-workflow-run',
    'actions/get-workflow-run',
    'actions/get-workflow-run',
    'actions/download-artifact',
  ]);
  expect(world.api.invalidRequests).toEqual([]);
  expect(world.api.invalidResponses).toEqual([]);
  await expectNoLeak(run, token, bundle);
});

test('a token without actions: read is a warning naming the permission; the verdict and a new log are still written', async () => {
  const token = world.api.issueToken({ deployments: 'write' }, 'no-actions');
  const { run, log, bundle } = await gate({ 'previous-log-artifact': NAME }, token);
  expect(run.code).toBe(0);
  expect(run.outputs.verdict).toBe('promote');
  expect(run.stdout).toMatch(/::warning::previous release log: cannot look up artifact .*403.*actions: read/);
  expect(log.trimEnd().split('\n')).toHaveLength(2);
  expect(world.api.forbiddenRequests.filter((r) => r.tokenLabel === 'no-actions')[0]?.required).toBe(
    'actions: read',
  );
  await expectNoLeak(run, token, bundle);
});

test('a malformed trusted log is a warning and a new log; the verdict is still written', async () => {
  const name = 'production-release-gate-report';
  await world.upload({ runId: 5101, event: 'workflow_dispatch' }, name, {
    'release-log.tsv': `${HEADER}\n${row('1.3.0')}\nnot\ta\trow\n`,
  });
  const token = world.api.issueToken({ actions: 'read' });
  const { run, log } = await gate({ 'previous-log-artifact': name }, token);
  expect(run.code).toBe(0);
  expect(run.outputs.verdict).toBe('promote');
  expect(run.stdout).toMatch(
    /::warning::previous release log is malformed \(release log '.*release-log\.tsv' line 3: expected 9 tab-separated values, got 3\): starting a new log/,
  );
  expect(run.summary).not.toContain('no verdict');
  expect(log.trimEnd().split('\n')).toHaveLength(2);
  expect(log).not.toContain('1.3.0');
});

test('no trusted artifact of the name is a notice and a new log', async () => {
  await world.upload({ runId: 5201, event: 'pull_request', headBranch: 'feature' }, 'lonely-report', {
    'release-log.tsv': `${HEADER}\n${row('9.9.9', 'mallory')}\n`,
  });
  const { run, log } = await gate(
    { 'previous-log-artifact': 'lonely-report' },
    world.api.issueToken({ actions: 'read' }),
  );
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/::notice::previous release log: no trusted artifact 'lonely-report'/);
  expect(log).not.toContain('mallory');
  expect(log.trimEnd().split('\n')).toHaveLength(2);
});

test('a markdown or HTML cell in the previous log is escaped in the summary and release-log.md', async () => {
  const evil = '<img src=x onerror=alert(1)> [click](https://evil.example) **bold** | `code`';
  const name = 'injection-report';
  await world.upload({ runId: 5301, event: 'schedule' }, name, {
    'release-log.tsv': `${HEADER}\n${row('1.3.0', evil)}\n`,
  });
  const { run, bundle } = await gate(
    { 'previous-log-artifact': name },
    world.api.issueToken({ actions: 'read' }),
  );
  expect(run.code).toBe(0);
  const markdown = await readFile(join(bundle, 'release-log.md'), 'utf8');
  for (const text of [run.summary, markdown]) {
    expect(text).not.toContain('<img');
    expect(text).not.toContain('[click](');
    expect(text).not.toContain('**bold**');
    expect(text).toContain(
      '&lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(https://evil.example\\) \\*\\*bold\\*\\* \\| \\`code\\`',
    );
  }
});

test('previous-log-artifact empty keeps the previous-log path behaviour', async () => {
  const { run, log } = await gate({ 'previous-log': 'nothing-here.tsv' }, world.api.token);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("previous release log '");
  expect(log.trimEnd().split('\n')).toHaveLength(2);
});
