import { type ChildProcess, spawn } from 'node:child_process';
import type { CommandOutcome, RunCommand } from '../probes/executors/types.js';

/** How much of each stream a command probe keeps (the rest is read and dropped). */
const OUTPUT_CAP_BYTES = 1024 * 1024;

export interface CommandRunnerOptions {
  /** The commands' environment; the caller leaves out what they must not see (the inputs' secrets). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs a command probe without a shell and ends it at its timeout or on cancellation. The command gets a
 * process group of its own, and the whole group (on Windows the whole tree) is killed, so nothing it
 * started outlives the probe or holds the step open. Keeps at most 1 MiB of each stream; never rejects.
 */
export function commandRunner(options: CommandRunnerOptions = {}): RunCommand {
  return (request) =>
    new Promise<CommandOutcome>((done) => {
      if (request.signal.aborted) {
        done({ exitCode: null, stdout: '', stderr: '', timedOut: false });
        return;
      }
      const stdout = cappedText();
      const stderr = cappedText();
      let stopped: 'timeout' | 'aborted' | undefined;
      let settled = false;
      const child = spawn(request.command, request.args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: options.env ?? process.env,
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      const settle = (outcome: Omit<CommandOutcome, 'stdout' | 'stderr'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.signal.removeEventListener('abort', onAbort);
        child.stdout?.destroy();
        child.stderr?.destroy();
        done({ ...outcome, stdout: stdout.text(), stderr: stderr.text() });
      };
      const stop = (reason: 'timeout' | 'aborted') => {
        if (stopped || settled) return;
        stopped = reason;
        killTree(child);
        // The command itself is already gone and something it left holds the pipes: do not wait for it.
        if (child.exitCode !== null || child.signalCode !== null) settle(stoppedOutcome(reason));
      };
      const timer = setTimeout(() => stop('timeout'), request.timeoutMs);
      const onAbort = () => stop('aborted');
      request.signal.addEventListener('abort', onAbort, { once: true });
      child.stdout?.on('data', stdout.add);
      child.stderr?.on('data', stderr.add);
      child.on('error', (error: NodeJS.ErrnoException) =>
        settle({
          exitCode: null,
          timedOut: false,
          error: `${request.command}: ${error.code ?? error.message}`,
        }),
      );
      child.on('exit', () => {
        if (stopped) settle(stoppedOutcome(stopped));
      });
      child.on('close', (code) =>
        settle(stopped ? stoppedOutcome(stopped) : { exitCode: code, timedOut: false }),
      );
    });
}

function stoppedOutcome(reason: 'timeout' | 'aborted'): Omit<CommandOutcome, 'stdout' | 'stderr'> {
  return { exitCode: null, timedOut: reason === 'timeout' };
}

/** Kills the command and everything it started: its process group, or on Windows its process tree. */
function killTree(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') {
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on(
        'error',
        () => child.kill('SIGKILL'),
      );
    } else {
      process.kill(-pid, 'SIGKILL');
    }
  } catch {
    // The group is gone already (or was never made): kill what is left of the command itself.
    child.kill('SIGKILL');
  }
}

function cappedText() {
  const chunks: Buffer[] = [];
  let bytes = 0;
  return {
    add: (chunk: Buffer) => {
      if (bytes >= OUTPUT_CAP_BYTES) return;
      const kept = chunk.subarray(0, OUTPUT_CAP_BYTES - bytes);
      chunks.push(kept);
      bytes += kept.length;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}
