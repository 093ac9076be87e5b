import type { FileHandle } from 'node:fs/promises';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from 'zod';
import { type ReceiverEvent, streamEventLog } from '../events/reader.js';
import { WEBHOOK_TYPES, type WebhookType } from '../webhooks/payload.js';

/** One line of the event log (JSON Lines). */
export const eventLogLineSchema = z.object({
  receivedAt: z.string(),
  type: z.enum(WEBHOOK_TYPES),
  webhookId: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type EventLogLine = z.infer<typeof eventLogLineSchema>;

/**
 * An append could not put a whole line on disk (disk full, file size limit, I/O error). Whatever part of
 * it was written has been cut off again, so the log still ends with a whole line; the event is not stored.
 */
export class EventLogWriteFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventLogWriteFailed';
  }
}

/**
 * An append-only JSON Lines file. An append resolves only once its whole line is written and fsync'ed, so
 * an event the receiver acknowledged survives the process being killed. A short or failed write is cut
 * off at once (the file is truncated back to its last whole line) and the append rejects with
 * `EventLogWriteFailed`. Appends are serialised.
 */
export class EventLog {
  private handle: FileHandle | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Bytes on disk that end with a whole line: where the file is cut back to after a failed write. */
  private size = 0;
  /** A failed write could not be cut off: cut it off before the next write, or refuse that write too. */
  private torn = false;

  private constructor(readonly path: string) {}

  /**
   * Opens (creates) the log for appending. A torn last line, the fragment of a write a crash interrupted,
   * is cut off first, so the next line does not land glued onto it; `tornBytes` says how much was cut.
   */
  static async open(path: string): Promise<EventLog & { tornBytes: number }> {
    await mkdir(dirname(path), { recursive: true });
    const log = new EventLog(path);
    const handle = await open(path, 'a+');
    log.handle = handle;
    const { size } = await handle.stat();
    log.size = await lastWholeLineEnd(handle, size);
    const tornBytes = size - log.size;
    if (tornBytes > 0) {
      await handle.truncate(log.size);
      await handle.sync();
    }
    return Object.assign(log, { tornBytes });
  }

  append(line: EventLogLine): Promise<void> {
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    const next = this.queue.then(() => this.write(bytes));
    this.queue = next.catch(() => {});
    return next;
  }

  private async write(bytes: Buffer): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new Error('event log is closed');
    if (this.torn) await this.cutBack(handle, 'an earlier write left a fragment that could not be cut off');
    let problem: string;
    try {
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length);
      if (bytesWritten === bytes.length) {
        await handle.sync();
        this.size += bytes.length;
        return;
      }
      problem = `short write: ${bytesWritten} of ${bytes.length} bytes (disk full or file size limit)`;
    } catch (error) {
      problem = (error as Error).message;
    }
    this.torn = true;
    await this.cutBack(handle, problem);
    throw new EventLogWriteFailed(`event log write failed (${problem}); the event is not stored`);
  }

  /** Truncates the file back to its last whole line. */
  private async cutBack(handle: FileHandle, why: string): Promise<void> {
    try {
      await handle.truncate(this.size);
      await handle.sync();
      this.torn = false;
    } catch (error) {
      throw new EventLogWriteFailed(
        `event log write failed (${why}) and the fragment could not be cut off (${(error as Error).message}); the event is not stored`,
      );
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** The byte offset just past the last newline (0 when there is none): the end of the last whole line. */
async function lastWholeLineEnd(handle: FileHandle, size: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (newline >= 0) return start + newline + 1;
    end = start;
  }
  return 0;
}

export interface EventLogReplay {
  /** Events read. */
  events: number;
  /** Whole lines that are not events (not JSON, or an unknown type): left in place, skipped. */
  skipped: number;
}

/**
 * Streams an event log in file order (memory stays flat however long it is); a missing file is an empty
 * log. Open it with `EventLog.open` first, which cuts off a torn last line.
 */
export async function replayEventLog(
  path: string,
  visit: (event: ReceiverEvent & { type: WebhookType }) => void,
): Promise<EventLogReplay> {
  const known = new Set<string>(WEBHOOK_TYPES);
  let events = 0;
  let unknown = 0;
  const stats = await streamEventLog(path, (event) => {
    if (!known.has(event.type) || !event.webhookId) {
      unknown += 1;
      return;
    }
    events += 1;
    visit(event as ReceiverEvent & { type: WebhookType });
  });
  return { events, skipped: stats.malformedLines + unknown };
}
