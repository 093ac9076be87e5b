import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as core from '@actions/core';
import { redactOutput, runSecrets, scrubWorkflowLog, unescapeCommandValue } from '@release-actions/core';

/** A step log is kept up to this size; beyond it the tail is cut and the cut is said. */
const STEP_LOG_LIMIT = 1024 * 1024;

let captured = '';
let truncated = false;
let target: string | undefined;
/** The value of the `::add-mask::` line being registered: masked already, not again. */
let registering: string | undefined;

type Write = (...args: unknown[]) => boolean;
const HOOKED = Symbol('release-gate output redaction');

/**
 * The one redaction step of an action: everything it writes to stdout and stderr (log lines, annotations,
 * workflow commands) passes here. An `::add-mask::` line (core.setSecret, from anywhere) registers the
 * value and each of its parts with the run's secrets (`runSecrets`), and each new part is masked with
 * `core.setSecret` too; every other line is scrubbed of every registered part in every form. A copy of
 * what was written, scrubbed, becomes the step log. The files the step writes go through the same
 * secrets: the report and bundle writers scrub with them, and `scrubStepFiles` rewrites the outputs and
 * the summary. Installed by `runAction`, once per step (in-process tests run several steps).
 */
export function captureStepLog(): void {
  captured = '';
  truncated = false;
  target = undefined;
  runSecrets.clear();
  runSecrets.onNewPart = (part) => {
    if (part === registering) return;
    core.setSecret(part);
    // The runner matches masks exactly; servers and URL parsers lower-case.
    if (part.toLowerCase() !== part) core.setSecret(part.toLowerCase());
  };
  hook(process.stdout, true);
  hook(process.stderr, false);
}

function hook(stream: NodeJS.WriteStream, keep: boolean): void {
  if ((stream.write as { [HOOKED]?: boolean })[HOOKED]) return;
  const write = stream.write.bind(stream) as Write;
  const redacting = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    const shown = redactLines(text);
    if (keep) keepInLog(shown);
    return write(shown, ...rest);
  }) as Write & { [HOOKED]?: boolean };
  redacting[HOOKED] = true;
  stream.write = redacting as typeof stream.write;
}

/** Registers the values of `::add-mask::` lines (which pass as they are: the runner consumes them) and scrubs the rest. */
function redactLines(text: string): string {
  return text
    .split(/(?<=\n)/)
    .map((line) => {
      const mask = /^::add-mask::(.*?)\r?\n?$/.exec(line);
      if (!mask) return redactOutput(line);
      const value = unescapeCommandValue(mask[1] ?? '');
      registering = value;
      try {
        runSecrets.add(value);
      } finally {
        registering = undefined;
      }
      return line;
    })
    .join('');
}

function keepInLog(text: string): void {
  if (truncated) return;
  captured += text;
  if (captured.length > STEP_LOG_LIMIT) {
    captured = captured.slice(0, STEP_LOG_LIMIT);
    truncated = true;
  }
}

/** Where this step's log goes: `release-gate/logs/<step>.log` beside the report (see `stepLogPath`). */
export function keepStepLogAt(path: string): void {
  target = path;
}

/** Writes the captured log, secrets scrubbed, if the action said where; never fails the step. */
export async function writeStepLog(): Promise<void> {
  if (!target) return;
  const text = redactOutput(scrubWorkflowLog(captured)) + (truncated ? '\n[log cut at 1 MiB]\n' : '');
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  } catch {
    // A missing step log is visible in the bundle; failing the step for it would help no one.
  }
}

/**
 * Scrubs the step's outputs file and summary (written by `core.setOutput` and `core.summary` straight to
 * disk) with the run's secrets, once the step is done; never fails the step.
 */
export async function scrubStepFiles(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  for (const path of [env.GITHUB_OUTPUT, env.GITHUB_STEP_SUMMARY]) {
    if (!path) continue;
    try {
      const text = await readFile(path, 'utf8');
      const clean = redactOutput(text);
      if (clean !== text) await writeFile(path, clean);
    } catch {
      // No file (a run outside a runner) or no access: nothing of ours to scrub.
    }
  }
}
