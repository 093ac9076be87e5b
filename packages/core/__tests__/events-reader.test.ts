import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEventLine, type ReceiverEvent, streamEventLog } from '../src/events/reader.js';
import { EventLog } from '../src/receiver/event-log.js';

test('reads what the reference receiver writes (its EventLog), in order', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'events-'));
  const path = join(dir, 'events.jsonl');
  const log = await EventLog.open(path);
  const data = {
    environment: 'production',
    service: 'shop',
    ref: null,
    sha: null,
    version: null,
    runUrl: null,
    drill: true,
    rollbackCallbackState: 'failed',
    rollbackState: 'succeeded',
    durationMs: 1234,
  };
  await log.append({
    receivedAt: '2026-01-15T10:00:00.000Z',
    type: 'release_gate.callback',
    webhookId: 'msg_1',
    data,
  });
  await log.append({
    receivedAt: '2026-01-15T11:00:00.000Z',
    type: 'deploy.requested',
    webhookId: 'msg_2',
    data: { ...data, wait: false },
  });
  await log.close();
  const seen: ReceiverEvent[] = [];
  const stats = await streamEventLog(path, (event) => seen.push(event));
  expect(stats).toEqual({ lines: 2, skippedLines: 0, malformedLines: 0, malformedExamples: [] });
  expect(seen.map((event) => [event.type, event.webhookId, event.receivedAtMs])).toEqual([
    ['release_gate.callback', 'msg_1', Date.parse('2026-01-15T10:00:00.000Z')],
    ['deploy.requested', 'msg_2', Date.parse('2026-01-15T11:00:00.000Z')],
  ]);
  expect(seen[0]!.data.rollbackCallbackState).toBe('failed');
});

test.each([
  ['{"receivedAt":"2026-01-15T10:00:00Z","type":"x","webhookId":"a","data":{}}', true],
  ['{"receivedAt":"2026-01-15T10:00:00Z","type":"x","data":{}}', true],
  ['{"receivedAt":"yesterday","type":"x","webhookId":"a","data":{}}', false],
  ['{"receivedAt":"2026-01-15T10:00:00Z","type":"x","webhookId":"a","data":[]}', false],
  ['{"receivedAt":"2026-01-15T10:00:00Z","webhookId":"a","data":{}}', false],
  ['[1,2]', false],
  ['null', false],
  ['{"receivedAt":"2026-01-15T10:00:00Z","type":"x","da', false],
])('parseEventLine %s -> %s', (line, ok) => {
  expect(parseEventLine(line) !== undefined).toBe(ok);
});

test('CRLF lines, blank lines and a torn last line: counted, not fatal', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'events-'));
  const path = join(dir, 'events.jsonl');
  const line =
    '{"receivedAt":"2026-01-15T10:00:00Z","type":"release_gate.callback","webhookId":"a","data":{}}';
  await writeFile(path, `${line}\r\n\r\n${line}\r\n{"receivedAt":"2026-01-`);
  let count = 0;
  const stats = await streamEventLog(path, () => {
    count += 1;
  });
  expect(count).toBe(2);
  expect(stats).toEqual({ lines: 3, skippedLines: 0, malformedLines: 1, malformedExamples: [4] });
});

test('a missing event log is a configuration error naming the file', async () => {
  await expect(streamEventLog('/nonexistent/events.jsonl', () => {})).rejects.toThrow(
    "event log '/nonexistent/events.jsonl' cannot be read: ENOENT",
  );
});

test('onlyTypes skips lines that cannot be a wanted event without parsing them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'events-'));
  const path = join(dir, 'events.jsonl');
  const callback =
    '{"receivedAt":"2026-01-15T10:00:00Z","type":"release_gate.callback","webhookId":"a","data":{}}';
  const deploy = '{"receivedAt":"2026-01-15T10:00:00Z","type":"deploy.requested","webhookId":"b","data":{}}';
  await writeFile(path, `${deploy}\n${callback}\n{torn deploy.requested\n`);
  const types: string[] = [];
  const stats = await streamEventLog(path, (event) => types.push(event.type), {
    onlyTypes: ['release_gate.callback'],
  });
  expect(types).toEqual(['release_gate.callback']);
  expect(stats).toEqual({ lines: 3, skippedLines: 2, malformedLines: 0, malformedExamples: [] });
});
