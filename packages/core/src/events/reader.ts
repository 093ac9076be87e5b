import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ConfigurationError } from '../errors.js';

/** The event type the reference receiver logs for a rollback-callback delivery. */
export const CALLBACK_EVENT_TYPE = 'release_gate.callback';

/**
 * One line of the reference receiver's JSON-lines event log: `{ receivedAt, type, webhookId, data }`.
 * Only the fields the drill evaluation needs are kept; `receivedAtMs` is `receivedAt` parsed once.
 */
export interface ReceiverEvent {
  receivedAt: string;
  receivedAtMs: number;
  type: string;
  webhookId: string;
  data: Record<string, unknown>;
}

export interface EventLogStats {
  /** Non-empty lines read. */
  lines: number;
  /** Lines skipped unparsed because they cannot be of a wanted type (see `onlyTypes`). */
  skippedLines: number;
  /** Lines that were not JSON or lacked `receivedAt` / `type` / `data` (e.g. a torn last line). */
  malformedLines: number;
  /** The first malformed line numbers (at most 5), to point the user at them. */
  malformedExamples: number[];
}

/**
 * Parses one event line without a schema library: the log can hold a year of events, and a per-line zod
 * parse would cost more than the rest of the evaluation. Returns undefined for a malformed line.
 */
export function parseEventLine(line: string): ReceiverEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const { receivedAt, type, webhookId, data } = record;
  if (typeof receivedAt !== 'string' || typeof type !== 'string') return undefined;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const receivedAtMs = Date.parse(receivedAt);
  if (Number.isNaN(receivedAtMs)) return undefined;
  return {
    receivedAt,
    receivedAtMs,
    type,
    webhookId: typeof webhookId === 'string' ? webhookId : '',
    data: data as Record<string, unknown>,
  };
}

/**
 * Streams the event log line by line (node:readline over a file stream): memory stays flat however long
 * the history is. `visit` is called for every well-formed event in file order (with `onlyTypes`, only
 * for lines naming one of those types); malformed lines are counted, not fatal, so one torn line does
 * not hide a year of history.
 */
export async function streamEventLog(
  path: string,
  visit: (event: ReceiverEvent) => void,
  options: { onlyTypes?: readonly string[] } = {},
): Promise<EventLogStats> {
  // A line that does not even contain a wanted type's name cannot be such an event: skip its JSON.parse.
  // (Most of a receiver's log is deploy/rollback/verify events when only callbacks are wanted.)
  const wanted = options.onlyTypes;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new ConfigurationError(`event log '${path}' cannot be read: ${(error as Error).message}`);
  }
  const stats: EventLogStats = { lines: 0, skippedLines: 0, malformedLines: 0, malformedExamples: [] };
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
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
    throw new ConfigurationError(`event log '${path}' cannot be read: ${(error as Error).message}`);
  } finally {
    lines.close();
    stream.destroy();
  }
  return stats;
}
