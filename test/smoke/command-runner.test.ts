import { readFileSync } from 'node:fs';
import { commandRunner } from '../../packages/core/src/process/command-runner.js';

// The one command runner the smoke action, the CLI and the demo use for command probes: it must end the
// command and everything the command started at the timeout or on cancellation, so nothing outlives the
// probe or holds the step open.

const node = process.execPath;
const run = commandRunner({ env: { PATH: process.env.PATH, ONLY_THIS: 'yes' } });
const request = (args: string[], timeoutMs = 5_000, signal = new AbortController().signal) =>
  run({ command: node, args, timeoutMs, signal });

/** Whether a process still runs: signal 0 only checks; a zombie (killed, not yet reaped by init) does not run. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

/** A script that starts a long-lived child (its pid on stdout), then waits itself. */
const SPAWNS_AND_WAITS = `
const child = require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
console.log(child.pid);
setTimeout(() => {}, 30000);`;

/** Grandchildren get a moment to die after the group's SIGKILL. */
async function eventuallyGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return !alive(pid);
}

test('a finished command gives its exit code and both streams, in the environment it was given', async () => {
  const outcome = await request([
    '-e',
    "console.log(process.env.ONLY_THIS, process.env.HOME ?? 'no-home'); console.error('warn'); process.exit(3)",
  ]);
  expect(outcome).toEqual({ exitCode: 3, stdout: 'yes no-home\n', stderr: 'warn\n', timedOut: false });
});

test('at the timeout the command and the processes it started are killed', async () => {
  const started = performance.now();
  const outcome = await request(['-e', SPAWNS_AND_WAITS], 500);
  expect(performance.now() - started).toBeLessThan(3_000);
  expect(outcome).toMatchObject({ exitCode: null, timedOut: true });
  const grandchild = Number(outcome.stdout.trim());
  expect(grandchild).toBeGreaterThan(0);
  expect(await eventuallyGone(grandchild)).toBe(true);
});

test('cancelling kills the command and what it started; it is not reported as a timeout', async () => {
  const controller = new AbortController();
  const running = request(['-e', SPAWNS_AND_WAITS], 30_000, controller.signal);
  await new Promise((resolve) => setTimeout(resolve, 300));
  controller.abort();
  const outcome = await running;
  expect(outcome).toMatchObject({ exitCode: null, timedOut: false });
  expect(await eventuallyGone(Number(outcome.stdout.trim()))).toBe(true);
});

test('a command that exits but leaves a process holding its output ends at the timeout, with that process', async () => {
  const started = performance.now();
  const outcome = await request(
    [
      '-e',
      `const c = require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'inherit' }); console.log(c.pid);`,
    ],
    500,
  );
  expect(performance.now() - started).toBeLessThan(3_000);
  expect(outcome.timedOut).toBe(true);
  expect(await eventuallyGone(Number(outcome.stdout.trim()))).toBe(true);
});

test('an already cancelled run starts nothing', async () => {
  const controller = new AbortController();
  controller.abort();
  expect(await request(['-e', 'console.log(1)'], 5_000, controller.signal)).toEqual({
    exitCode: null,
    stdout: '',
    stderr: '',
    timedOut: false,
  });
});

test('a command that cannot start is an error naming it, not a rejection', async () => {
  const outcome = await run({
    command: 'release-gate-no-such-command',
    args: [],
    timeoutMs: 5_000,
    signal: new AbortController().signal,
  });
  expect(outcome).toMatchObject({
    exitCode: null,
    timedOut: false,
    error: 'release-gate-no-such-command: ENOENT',
  });
});

test('at most 1 MiB of each stream is kept; the rest is read and dropped', async () => {
  const outcome = await request(['-e', "process.stdout.write('x'.repeat(3 * 1024 * 1024))"]);
  expect(outcome.exitCode).toBe(0);
  expect(outcome.stdout.length).toBe(1024 * 1024);
});
