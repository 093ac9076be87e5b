import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  ConfigurationError
} from "./chunk-ZUWSAP7Z.js";

// packages/core/src/events/reader.ts
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
var CALLBACK_EVENT_TYPE = "release_gate.callback";
function parseEventLine(line) {
  let value;
  try {
    value = JSON.parse(line);
  } catch {
    return void 0;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return void 0;
  const record = value;
  const { receivedAt, type, webhookId, data } = record;
  if (typeof receivedAt !== "string" || typeof type !== "string") return void 0;
  if (data === null || typeof data !== "object" || Array.isArray(data)) return void 0;
  const receivedAtMs = Date.parse(receivedAt);
  if (Number.isNaN(receivedAtMs)) return void 0;
  return {
    receivedAt,
    receivedAtMs,
    type,
    webhookId: typeof webhookId === "string" ? webhookId : "",
    data
  };
}
async function streamEventLog(path, visit, options = {}) {
  const wanted = options.onlyTypes;
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 256 * 1024 });
  const opened = new Promise((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new ConfigurationError(`event log '${path}' cannot be read: ${error.message}`);
  }
  const stats = { lines: 0, skippedLines: 0, malformedLines: 0, malformedExamples: [] };
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === "") continue;
      stats.lines += 1;
      if (wanted && !wanted.some((type) => line.includes(type))) {
        stats.skippedLines += 1;
        continue;
      }
      const event = parseEventLine(line);
      if (!event) {
        stats.malformedLines += 1;
        if (stats.malformedExamples.length < 5) stats.malformedExamples.push(lineNumber);
        continue;
      }
      visit(event);
    }
  } catch (error) {
    throw new ConfigurationError(`event log '${path}' cannot be read: ${error.message}`);
  } finally {
    lines.close();
    stream.destroy();
  }
  return stats;
}

export {
  CALLBACK_EVENT_TYPE,
  streamEventLog
};
