import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { scrubWorkflowLog } from '@release-actions/core';

/** A step log is kept up to this size; beyond it the tail is cut and the cut is said. */
const STEP_LOG_LIMIT = 1024 * 1024;

let captured = '';
let truncated = false;
let target: string | undefined;
let installed = false;

/**
 * Keeps a copy of everything the action writes to stdout (where `@actions/core` writes its log lines and
 * workflow commands), so the step's raw log can go into the evidence bundle. Installed by `runAction`.
 */
export function captureStepLog(): void {
  if (installed) return;
  installed = true;
  const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!truncated) {
      captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      if (captured.length > STEP_LOG_LIMIT) {
        captured = captured.slice(0, STEP_LOG_LIMIT);
        truncated = true;
      }
    }
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
}

/** Where this step's log goes: `release-gate/logs/<step>.log` beside the report (see `stepLogPath`). */
export function keepStepLogAt(path: string): void {
  target = path;
}

/** Writes the captured log, secrets scrubbed, if the action said where; never fails the step. */
export async function writeStepLog(): Promise<void> {
  if (!target) return;
  const text = scrubWorkflowLog(captured) + (truncated ? '\n[log cut at 1 MiB]\n' : '');
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  } catch {
    // A missing step log is visible in the bundle; failing the step for it would help no one.
  }
}
