import * as core from '@actions/core';
import { ConfigurationError, errorMessage, GateBlocked } from '@release-actions/core';
import { captureStepLog, scrubStepFiles, writeStepLog } from './step-log.js';

type CancelHandler = (signal: NodeJS.Signals) => Promise<void>;

/**
 * The one outer catch of every action. A ConfigurationError (the user's to fix) and a GateBlocked (a gate
 * that said no: blocked, NO-GO) are shown as they are; any other error is a bug and is shown with its
 * stack for a report. `setFailed` sets the exit code without exiting, so summaries written in `finally`
 * blocks still land.
 *
 * `onCancel` runs once on SIGTERM/SIGINT (a cancelled job) so the action can write its partial report.
 */
export async function runAction(
  name: string,
  body: () => Promise<void>,
  onCancel?: CancelHandler,
): Promise<void> {
  captureStepLog();
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
    if (error instanceof ConfigurationError || error instanceof GateBlocked) {
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
