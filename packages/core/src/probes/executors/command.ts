import type { CommandProbe } from '../schema.js';
import { commandOutputTail } from './command-output.js';
import type { Executor } from './types.js';

/** One command attempt through the injected runner; the exit code is judged in evaluate.ts. */
export const executeCommand: Executor<CommandProbe> = async (probe, context) => {
  const started = performance.now();
  if (!context.runCommand) {
    return {
      durationMs: 0,
      error: { kind: 'setup', message: 'command probes are not available here (no command runner given)' },
    };
  }
  const outcome = await context.runCommand({
    command: probe.command,
    args: probe.args,
    timeoutMs: context.timeoutMs,
    signal: context.signal,
  });
  const durationMs = performance.now() - started;
  if (outcome.error) return { durationMs, error: { kind: 'setup', message: outcome.error } };
  if (outcome.timedOut) {
    return {
      durationMs,
      stdout: outcome.stdout,
      outputTail: commandOutputTail(outcome),
      error: { kind: 'timeout', message: `command did not finish within ${context.timeoutMs}ms (timeout)` },
    };
  }
  if (context.signal.aborted && outcome.exitCode === null) {
    return { durationMs, error: { kind: 'aborted', message: 'cancelled' } };
  }
  return {
    durationMs,
    exitCode: outcome.exitCode,
    stdout: outcome.stdout,
    ...(outcome.exitCode === 0 ? {} : { outputTail: commandOutputTail(outcome) }),
  };
};
