import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

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

export {
  commandOutputTail
};
