import { drillReport, eventLog, HOUR, healthyEvents, NOW, workspaceWith } from '../drill/fixtures.js';
import { runCli } from '../harness/cli.js';
import { runInProcess } from '../harness/in-process.js';
import { rolledBackReport } from './fixtures.js';

// report, drill-evaluate and readiness-checklist through their run() in this process, beside the CLI command
// of the same name: one spec parsed by one function gives the same message for the same mistake, and a gate
// that says no (blocked, needs attention, NO-GO) fails with its message as it is, never as a bug.

type Action = 'report' | 'drill-evaluate' | 'readiness-checklist';
const now = NOW.toISOString();

/** The message with the input names written one way: `<x>`, examples as `<x> value`. */
function neutral(message: string, naming: 'action' | 'cli'): string {
  return naming === 'action'
    ? message.replace(/Example: ([\w-]+): /g, 'Example: <$1> ').replace(/Input '([\w-]+)'/g, '<$1>')
    : message.replace(/--([\w-]+)/g, '<$1>');
}

/** The step's failure, from its `::error::<action>: ...` annotation (file-command escapes undone). */
function failure(action: Action, stdout: string): string {
  const prefix = `::error::${action}: `;
  const line = stdout.split('\n').find((l) => l.startsWith(prefix)) ?? '';
  return line.slice(prefix.length).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

/** The command's failure: `release-gate <action>: <message>` on stderr. */
function cliFailure(action: Action, stderr: string): string {
  const prefix = `release-gate ${action}: `;
  const at = stderr.indexOf(prefix);
  return at < 0 ? '' : stderr.slice(at + prefix.length).trimEnd();
}

const flags = (inputs: Record<string, string>) =>
  Object.entries(inputs).flatMap(([name, value]) => [`--${name}`, value]);

test.each<[Action, Record<string, string>, string]>([
  [
    'report',
    { 'fail-on-blocked': 'yes' },
    "<fail-on-blocked> 'yes' is invalid: must be true or false. Example: <fail-on-blocked> true",
  ],
  ['report', { 'report-path': 'gate/' }, "<report-path> 'gate/' is invalid: must be a file path"],
  ['drill-evaluate', { now: 'yesterday' }, "<now> 'yesterday' is invalid: must be an ISO 8601 timestamp"],
  [
    'readiness-checklist',
    { 'report-max-age': 'old' },
    "<report-max-age> 'old' is invalid: 'old' is not a duration",
  ],
  [
    'readiness-checklist',
    { 'main-branch': 'my branch' },
    "<main-branch> 'my branch' is invalid: must be a branch name without spaces",
  ],
])('%s %j: the action and the CLI say the same', async (action, inputs, expected) => {
  const step = await runInProcess(action, { inputs });
  expect(step.exitCode).toBe(1);
  expect(step.stdout).not.toContain('unexpected error');
  const cli = await runCli([action, ...flags(inputs)]);
  expect(cli.code).toBe(2);
  const [fromAction, fromCli] = [
    neutral(failure(action, step.stdout), 'action'),
    neutral(cliFailure(action, cli.stderr), 'cli'),
  ];
  expect(fromAction).toContain(expected);
  expect(fromCli).toBe(fromAction);
});

test('two bad inputs are named together, in the action and the CLI alike', async () => {
  const inputs = { 'main-branch': 'my branch', now: 'soon' };
  const step = await runInProcess('readiness-checklist', { inputs });
  const message = neutral(failure('readiness-checklist', step.stdout), 'action');
  expect(message.split('\n')).toEqual([
    expect.stringContaining("<main-branch> 'my branch' is invalid"),
    expect.stringContaining("<now> 'soon' is invalid"),
  ]);
});

describe('a gate that says no fails with its own message: no stack, no "unexpected error"; the CLI exits 1', () => {
  const asGateBlocked = (stdout: string) => {
    expect(stdout).not.toContain('unexpected error');
    expect(stdout).not.toMatch(/\n\s+at /);
  };

  test('report: blocked with fail-on-blocked', async () => {
    const files = { 'release-gate/report.json': rolledBackReport() };
    const step = await runInProcess('report', {
      workspace: await workspaceWith(files),
      inputs: { 'fail-on-blocked': 'true' },
    });
    expect(step.exitCode).toBe(1);
    expect(step.outputs.verdict).toBe('blocked');
    const message = failure('report', step.stdout);
    expect(message).toMatch(
      /^release blocked: smoke failed: 1 of 2 probes failed \(checkout\); rolled back to /,
    );
    asGateBlocked(step.stdout);

    const cli = await runCli(['report'], { cwd: await workspaceWith(files) });
    expect(cli.code).toBe(1);
    expect(cliFailure('report', cli.stderr)).toBe(message);
    const allowed = await runCli(['report', '--fail-on-blocked', 'false'], {
      cwd: await workspaceWith(files),
    });
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain(`warning: ${message} (fail-on-blocked is false, so this step passes)`);
  });

  test('drill-evaluate: an environment needing attention with fail-on-attention', async () => {
    const files = { 'staging.json': drillReport('staging'), 'events.jsonl': eventLog(healthyEvents()) };
    const inputs = { staging: 'staging.json', events: 'events.jsonl', now };
    const step = await runInProcess('drill-evaluate', {
      workspace: await workspaceWith(files),
      inputs: { ...inputs, 'fail-on-attention': 'true' },
    });
    expect(step.exitCode).toBe(1);
    expect(step.outputs['production-status']).toBe('missing');
    const message = 'drill needs attention: production missing (fail-on-attention is true)';
    expect(failure('drill-evaluate', step.stdout)).toBe(message);
    asGateBlocked(step.stdout);

    const cli = await runCli(['drill-evaluate', ...flags(inputs), '--fail-on-attention'], {
      cwd: await workspaceWith(files),
    });
    expect(cli.code).toBe(1);
    expect(cliFailure('drill-evaluate', cli.stderr)).toBe(message);
  });

  test('readiness-checklist: NO-GO', async () => {
    const files = {
      'release-gate/report.json': drillReport('staging', {
        updatedAt: new Date(NOW.getTime() - HOUR).toISOString(),
      }),
    };
    const inputs = { 'target-ref': 'refs/heads/feature/x', 'release-owner': 'alice', now };
    const step = await runInProcess('readiness-checklist', { workspace: await workspaceWith(files), inputs });
    expect(step.exitCode).toBe(1);
    expect(step.outputs.decision).toBe('NO-GO');
    const message = failure('readiness-checklist', step.stdout);
    expect(message).toMatch(/^NO-GO: \d+ rule\(s\) failed: targetIsMain, /);
    asGateBlocked(step.stdout);

    const cli = await runCli(['readiness-checklist', ...flags(inputs)], { cwd: await workspaceWith(files) });
    expect(cli.code).toBe(1);
    expect(cliFailure('readiness-checklist', cli.stderr)).toBe(message);
  });
});

test('a malformed previous drill log: the action and the CLI warn naming the problem and start a new log', async () => {
  const files = { 'staging.json': drillReport('staging'), 'old/log.md': 'not a drill log\n' };
  const inputs = { staging: 'staging.json', 'previous-log': 'old/log.md', now };
  const step = await runInProcess('drill-evaluate', { workspace: await workspaceWith(files), inputs });
  expect(step.exitCode).toBe(0);
  const warning = /::warning::previous drill log is malformed \((.+)\): starting a new log/.exec(step.stdout);
  expect(warning).not.toBeNull();

  const cli = await runCli(['drill-evaluate', ...flags(inputs)], { cwd: await workspaceWith(files) });
  expect(cli.code).toBe(0);
  expect(cli.stderr).toContain(
    `warning: previous drill log is malformed (${warning![1]}): starting a new log`,
  );
});

test('the CLI refuses the inputs that act on GitHub by name, and a shorthand given with its input', async () => {
  const upload = await runCli(['report', '--upload', 'false', '--github-token', 'x']);
  expect(upload.code).toBe(2);
  expect(cliFailure('report', upload.stderr)).toBe(
    '--upload, --github-token: only the report action takes these inputs, on GitHub (artifacts, the GitHub API); the CLI works on local files, so leave them out',
  );
  const artifact = await runCli(['drill-evaluate', '--previous-log-artifact', 'drill-log']);
  expect(artifact.code).toBe(2);
  expect(cliFailure('drill-evaluate', artifact.stderr)).toContain(
    '--previous-log-artifact: only the drill-evaluate action takes this input',
  );
  const evidence = await runCli(['readiness', '--evidence-artifacts', 'a,b']);
  expect(evidence.code).toBe(2);
  expect(cliFailure('readiness-checklist', evidence.stderr)).toContain(
    '--evidence-artifacts: only the readiness-checklist action',
  );
  const both = await runCli(['report', '--allow-blocked', '--fail-on-blocked', 'true']);
  expect(both.code).toBe(2);
  expect(cliFailure('report', both.stderr)).toBe(
    '--allow-blocked is --fail-on-blocked false: give one of them',
  );
});
