import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import { type ActionRun, parseOutputFile, type RunOptions, repoRoot, stepEnvironment } from './action.js';

/** What an in-process run adds to a bundle run's record: the exit code `core.setFailed` set. */
export type InProcessRun = Omit<ActionRun, 'code' | 'signal'> & { exitCode: number };

/**
 * Runs an action's exported `run()` (from `actions/<action>/main.ts`) in this process, with the same step
 * environment a bundle run gets: cheaper than a child process for input checks and summaries. The
 * environment, `process.exitCode` and the step summary buffer are restored afterwards.
 */
export async function runInProcess(action: string, options: RunOptions = {}): Promise<InProcessRun> {
  const step = await stepEnvironment(action, options);
  const savedEnv = { ...process.env };
  const savedExitCode = process.exitCode;
  const written: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  for (const key of Object.keys(process.env)) if (!(key in step.env)) delete process.env[key];
  Object.assign(process.env, step.env);
  resetSummary();
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    return true;
  }) as typeof process.stdout.write;
  const started = performance.now();
  let exitCode: number;
  try {
    const module = (await import(join(repoRoot, 'actions', action, 'main.ts'))) as {
      run(): Promise<void>;
    };
    await module.run();
    exitCode = Number(process.exitCode ?? 0);
  } finally {
    process.stdout.write = write;
    process.exitCode = savedExitCode;
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    resetSummary();
  }
  const stdout = written.join('');
  const outputFile = await readFile(step.outputPath, 'utf8');
  const summary = await readFile(step.summaryPath, 'utf8');
  return {
    exitCode,
    stdout,
    stderr: '',
    outputs: parseOutputFile(outputFile),
    outputFile,
    summary,
    workspace: step.workspace,
    durationMs: performance.now() - started,
    everything: [stdout, outputFile, summary].join('\n'),
  };
}

/** `core.summary` is one object per process that remembers its file: forget it between runs. */
function resetSummary(): void {
  core.summary.emptyBuffer();
  (core.summary as unknown as { _filePath?: string })._filePath = undefined;
}
