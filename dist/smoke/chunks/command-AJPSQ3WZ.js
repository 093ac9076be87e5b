import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import "./chunk-ONBS6DE5.js";

// packages/core/src/probes/executors/command-output.ts
var TAIL_LINES = 20;
var TAIL_BYTES = 2048;
function lastLines(text) {
  if (!text) return "";
  const lines = text.replace(/\s+$/, "").split(/\r?\n/);
  let tail = lines.slice(-TAIL_LINES).join("\n");
  const cut = lines.length > TAIL_LINES;
  if (Buffer.byteLength(tail) <= TAIL_BYTES) return cut ? `\u2026
${tail}` : tail;
  tail = Buffer.from(tail).subarray(-TAIL_BYTES).toString("utf8").replace(/^\uFFFD+/, "");
  return `\u2026${tail}`;
}
function commandOutputTail(output) {
  const blocks = [];
  for (const stream of ["stderr", "stdout"]) {
    const tail = lastLines(output[stream]);
    if (tail) blocks.push(`${stream} (last lines):
${tail.replace(/^/gm, "  ")}`);
  }
  return blocks.length ? `
${blocks.join("\n")}` : "";
}

// packages/core/src/probes/executors/command.ts
var executeCommand = async (probe, context) => {
  const started = performance.now();
  if (!context.runCommand) {
    return {
      durationMs: 0,
      error: { kind: "setup", message: "command probes are not available here (no command runner given)" }
    };
  }
  const outcome = await context.runCommand({
    command: probe.command,
    args: probe.args,
    timeoutMs: context.timeoutMs,
    signal: context.signal
  });
  const durationMs = performance.now() - started;
  if (outcome.error) return { durationMs, error: { kind: "setup", message: outcome.error } };
  if (outcome.timedOut) {
    return {
      durationMs,
      stdout: outcome.stdout,
      outputTail: commandOutputTail(outcome),
      error: { kind: "timeout", message: `command did not finish within ${context.timeoutMs}ms (timeout)` }
    };
  }
  if (context.signal.aborted && outcome.exitCode === null) {
    return { durationMs, error: { kind: "aborted", message: "cancelled" } };
  }
  return {
    durationMs,
    exitCode: outcome.exitCode,
    stdout: outcome.stdout,
    ...outcome.exitCode === 0 ? {} : { outputTail: commandOutputTail(outcome) }
  };
};
export {
  executeCommand
};
