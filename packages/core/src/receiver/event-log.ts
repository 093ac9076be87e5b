import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from 'zod';
import { WEBHOOK_TYPES } from '../webhooks/payload.js';

/** One line of the event log (JSON Lines). */
export const eventLogLineSchema = z.object({
  receivedAt: z.string(),
  type: z.enum(WEBHOOK_TYPES),
  webhookId: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type EventLogLine = z.infer<typeof eventLogLineSchema>;

/**
 * An append-only JSON Lines file. Every append is written and fsync'ed before it resolves, so an event
 * the receiver acknowledged survives the process being killed. Appends are serialised.
 */
export class EventLog {
  private handle: FileHandle | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly path: string) {}

  static async open(path: string): Promise<EventLog> {
    await mkdir(dirname(path), { recursive: true });
    const log = new EventLog(path);
    log.handle = await open(path, 'a');
    return log;
  }

  append(line: EventLogLine): Promise<void> {
    const text = `${JSON.stringify(line)}\n`;
    const next = this.queue.then(async () => {
      if (!this.handle) throw new Error('event log is closed');
      await this.handle.write(text);
      await this.handle.sync();
    });
    this.queue = next.catch(() => {});
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle?.close();
    this.handle = undefined;
  }
}

/**
 * Reads an event log; lines that are not valid events (a torn last line after a crash) are skipped and
 * counted.
 */
export async function readEventLog(path: string): Promise<{ events: EventLogLine[]; skipped: number }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], skipped: 0 };
    throw error;
  }
  const events: EventLogLine[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = eventLogLineSchema.safeParse(JSON.parse(line));
      if (parsed.success) events.push(parsed.data);
      else skipped += 1;
    } catch {
      skipped += 1;
    }
  }
  return { events, skipped };
}
