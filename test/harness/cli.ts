import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { repoRoot } from './action.js';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The folder the command ran in (a fresh temp folder unless one was given). */
  cwd: string;
  durationMs: number;
}

export type CliChild = ChildProcessByStdio<null, Readable, Readable>;

export interface CliOptions {
  /** Where to run; default: a fresh temp folder. */
  cwd?: string;
  /**
   * Added to the child's environment, which otherwise holds only PATH and HOME (the cwd), so nothing from the
   * test process (NODE_OPTIONS, secrets, proxies) leaks in. `undefined` removes a variable.
   */
  env?: Record<string, string | undefined>;
  /** Files to write into cwd first (relative paths; folders are created). */
  files?: Record<string, string>;
  /** The child is killed with SIGKILL and the run fails with the output so far after this long. Default 30s. */
  timeoutMs?: number;
  /**
   * Called once the process has started, e.g. to send it a signal; `output` reads what it has written so far,
   * for a long-running command whose output is watched while it runs.
   */
  onSpawn?: (child: CliChild, output: () => { stdout: string; stderr: string }) => void;
}

/** The CLI's bundle, the `release-gate` bin of @release-actions/cli. */
export const cliBundle = join(repoRoot, 'packages/cli/dist/index.js');

/** Runs `node packages/cli/dist/index.js <args>` as a user would and collects its exit, output and timing. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const cwd = options.cwd ?? (await mkdtemp(join(tmpdir(), 'release-gate-cli-')));
  for (const [path, text] of Object.entries(options.files ?? {})) {
    await mkdir(dirname(join(cwd, path)), { recursive: true });
    await writeFile(join(cwd, path), text);
  }
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: cwd };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }

  const started = performance.now();
  const child = spawn(process.execPath, [cliBundle, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  options.onSpawn?.(child, () => ({ stdout, stderr }));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `release-gate ${args[0]} did not exit within ${timeoutMs}ms\nstdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.on('close', (exitCode, exitSignal) => {
      clearTimeout(timer);
      resolve([exitCode, exitSignal]);
    });
  });
  return { code, signal, stdout, stderr, cwd, durationMs: performance.now() - started };
}
