import { statSync } from 'node:fs';
import * as core from '@actions/core';
import { ConfigurationError, errorMessage, GateBlocked } from '@release-actions/core';
import { captureStepLog, scrubStepFiles, writeStepLog } from './step-log.js';
import { writeSummary } from './summary.js';

type CancelHandler = (signal: NodeJS.Signals) => Promise<void>;

/** What an action does besides the summary when its input is invalid; returns a line for the summary. */
export type InvalidInputHandler = (error: ConfigurationError) => string | undefined;

/**
 * The one outer catch of every action. A ConfigurationError (the user's to fix) and a GateBlocked (a gate
 * that said no: blocked, NO-GO) are shown as they are; any other error is a bug and is shown with its
 * stack for a report. `setFailed` sets the exit code without exiting, so summaries written in `finally`
 * blocks still land.
 *
 * `onCancel` runs once on SIGTERM/SIGINT (a cancelled job) so the action can write its partial report.
 * A ConfigurationError that ends a step before it wrote a summary gets one (an empty summary tells the
 * reader nothing); `onInvalidInput` adds what the action does then (rollback-verify's failed state).
 */
export async function runAction(
  name: string,
  body: () => Promise<void>,
  onCancel?: CancelHandler,
  onInvalidInput?: InvalidInputHandler,
): Promise<void> {
  captureStepLog();
  const summaryAtStart = summarySize();
  const handlers: Array<[NodeJS.Signals, () => void]> = [];
  if (onCancel) {
    let cancelling = false;
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const handler = () => {
        if (cancelling) return;
        cancelling = true;
        core.warning(`${name}: cancelled (${signal}); writing a partial report`);
        onCancel(signal)
          .catch((error) => core.error(`${name}: could not write the partial report: ${errorMessage(error)}`))
          .finally(() => finishStep().finally(() => process.exit(130)));
      };
      process.on(signal, handler);
      handlers.push([signal, handler]);
    }
  }
  try {
    await body();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      core.setFailed(`${name}: ${error.message}`);
      const note = onInvalidInput?.(error);
      if (summarySize() === summaryAtStart) await writeInvalidInputSummary(name, error.message, note);
    } else if (error instanceof GateBlocked) {
      core.setFailed(`${name}: ${error.message}`);
    } else {
      core.setFailed(
        `${name}: unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    await finishStep();
  }
}

/** What every step's end does, cancelled or not: the step log and the outputs and summary, scrubbed. */
async function finishStep(): Promise<void> {
  await writeStepLog();
  await scrubStepFiles();
}

/** The step summary's size in bytes (0 when there is none yet): whether the action has written one. */
function summarySize(): number {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (!path) return 0;
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** `### ⛔ <action>: invalid input`, the message one line a bullet, and the action's note. */
async function writeInvalidInputSummary(name: string, message: string, note?: string): Promise<void> {
  const lines = message
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line) => `- ${line}`);
  const markdown = `### ⛔ ${name}: invalid input\n\nThe step stopped on its input: fix it and re-run.\n\n${lines.join('\n')}\n${note ? `\n${note}\n` : ''}`;
  if (process.env.GITHUB_STEP_SUMMARY) await writeSummary(markdown);
}
