import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, test } from '@jest/globals';
import { httpRequest } from '../../packages/core/src/http/request.js';
import { startReceiver } from '../../packages/core/src/receiver/server.js';
import { buildEvent } from '../../packages/core/src/webhooks/payload.js';
import { signatureHeaders } from '../../packages/core/src/webhooks/signing.js';
import { cliBundle } from '../harness/cli.js';
import { runInProcess } from '../harness/in-process.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const data = {
  environment: 'production',
  service: 'shop',
  ref: null,
  sha: 'a'.repeat(40),
  version: '1.0.0',
  runUrl: null,
  drill: false,
  rollbackCallbackState: 'verified' as const,
  rollbackState: 'accepted',
  durationMs: 900,
};
const callback = () => JSON.stringify(buildEvent('release_gate.callback', data));

type Child = ChildProcessByStdio<null, Readable, Readable>;
const children: Child[] = [];
const temps: string[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rcv-durable-'));
  temps.push(dir);
  return dir;
}

/**
 * Starts `release-gate receiver` as its own process through a shell, so `ulimit` and node flags apply to it
 * alone; resolves with its URL once it listens.
 */
function receiverProcess(args: string[], { ulimit = '', nodeFlags = [] as string[] } = {}) {
  const script = `${ulimit ? `ulimit -f ${ulimit}; ` : ''}exec "$0" "$@"`;
  const child = spawn(
    'bash',
    ['-c', script, process.execPath, ...nodeFlags, cliBundle, 'receiver', '--port', '0', ...args],
    {
      env: { PATH: process.env.PATH ?? '', RELEASE_GATE_SIGNING_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`receiver exited ${code}: ${stderr}`)));
  });
  listening.catch(() => {});
  return { child, listening, output: () => ({ stdout, stderr }) };
}

async function postCallback(url: string, id: string) {
  const body = callback();
  const answer = await httpRequest({
    url: `${url}/internal/release-gate/callbacks`,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...signatureHeaders(SECRET, id, body) },
    timeoutMs: 5000,
  });
  return { status: answer.status, retryAfter: answer.headers['retry-after'] };
}

async function logLines(path: string): Promise<{ text: string; ids: string[] }> {
  const text = await readFile(path, 'utf8');
  return {
    text,
    ids: text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line).webhookId),
  };
}

describe('release-gate receiver keeps only whole lines (a real process)', () => {
  test('disk full (ulimit -f, a real short write): 503 with Retry-After, the fragment cut off, every acknowledged event on disk', async () => {
    const eventLog = join(await tempDir(), 'events.jsonl');
    // 4 blocks of 1024 bytes: room for about ten events, the next write is cut short by the kernel.
    const receiver = receiverProcess(['--event-log', eventLog], { ulimit: '4' });
    const url = await receiver.listening;
    const answers: { id: string; status: number; retryAfter?: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const id = `msg_full_${i}`;
      answers.push({ id, ...(await postCallback(url, id)) });
    }
    const acknowledged = answers.filter((a) => a.status === 202).map((a) => a.id);
    const refused = answers.filter((a) => a.status !== 202);
    expect(acknowledged.length).toBeGreaterThan(3);
    expect(refused.length).toBeGreaterThan(3);
    expect(new Set(refused.map((a) => `${a.status} ${a.retryAfter}`))).toEqual(new Set(['503 30']));
    expect(receiver.output().stderr).toMatch(/short write: \d+ of \d+ bytes/);
    const { text, ids } = await logLines(eventLog);
    expect(text.endsWith('\n')).toBe(true);
    expect(ids).toEqual(acknowledged);
    expect((await stat(eventLog)).size).toBeLessThanOrEqual(4 * 1024);
    receiver.child.kill('SIGKILL');

    // Room again: the refused events are retried and land as whole lines after the acknowledged ones.
    const roomy = receiverProcess(['--event-log', eventLog]);
    const url2 = await roomy.listening;
    for (const { id } of refused) expect((await postCallback(url2, id)).status).toBe(202);
    expect((await postCallback(url2, acknowledged[0]!)).status).toBe(200);
    expect((await logLines(eventLog)).ids).toEqual(answers.map((a) => a.id));
  });

  test('a 150 MB log with a 64 MB heap: streamed at start, a recent key still deduplicated', async () => {
    const eventLog = join(await tempDir(), 'events.jsonl');
    const old = new Date(Date.now() - 3 * 24 * 3600_000).toISOString();
    const line = (id: string, receivedAt: string) =>
      `${JSON.stringify({ receivedAt, type: 'release_gate.callback', webhookId: id, data })}\n`;
    const out = createWriteStream(eventLog);
    let written = 0;
    for (let batch = 0; written < 150 * 1024 * 1024; batch++) {
      let chunk = '';
      for (let i = 0; i < 2000; i++) chunk += line(`msg_old_${batch}_${i}`, old);
      written += chunk.length;
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    out.end(line('msg_recent', new Date(Date.now() - 60_000).toISOString()));
    await new Promise<void>((resolve) => out.once('finish', () => resolve()));

    const receiver = receiverProcess(['--event-log', eventLog], { nodeFlags: ['--max-old-space-size=64'] });
    const url = await receiver.listening;
    expect((await postCallback(url, 'msg_recent')).status).toBe(200);
    expect((await postCallback(url, 'msg_old_0_0')).status).toBe(202); // older than the 24h window
    expect(receiver.output().stderr).toMatch(
      /event log: \d+ events read, 1 keys inside the 24h dedupe window/,
    );
  }, 60_000);

  test('--max-connections: connections over the cap are closed on arrival', async () => {
    const receiver = receiverProcess([
      '--event-log',
      join(await tempDir(), 'e.jsonl'),
      '--max-connections',
      '1',
    ]);
    const url = new URL(await receiver.listening);
    const { connect } = await import('node:net');
    const held = connect(Number(url.port), url.hostname);
    await new Promise((resolve) => held.once('connect', resolve));
    const extra = connect(Number(url.port), url.hostname);
    extra.on('error', () => {});
    extra.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const answered = await new Promise<string>((resolve) => {
      let got = '';
      extra.on('data', (chunk) => {
        got += chunk;
      });
      extra.once('close', () => resolve(got));
    });
    expect(answered).toBe('');
    held.destroy();
  });
});

describe('a key reused for another event (both ends)', () => {
  test('trigger-rollback under a deploy key: the receiver answers 409 and the action fails naming the key', async () => {
    const receiver = await startReceiver({ secret: SECRET });
    try {
      const inputs = {
        environment: 'production',
        service: 'shop',
        sha: 'a'.repeat(40),
        'signing-secret': SECRET,
        'idempotency-key': 'shop-prod-reused',
      };
      const deploy = await runInProcess('deploy-webhook', {
        inputs: { ...inputs, 'webhook-url': `${receiver.url}/deploy` },
      });
      expect(deploy.exitCode).toBe(0);
      const rollback = await runInProcess('trigger-rollback', {
        inputs: { ...inputs, 'webhook-url': `${receiver.url}/rollback`, 'rollback-ref': 'v1.4.9' },
        env: { 'INPUT_GITHUB-TOKEN': '' },
      });
      expect(rollback.exitCode).toBe(1);
      expect(rollback.outputs['rollback-state']).toBe('failed');
      expect(rollback.stdout).toMatch(/HTTP 409: .*Idempotency-Key shop-prod-reused/);
      expect(receiver.events.map((e) => e.type)).toEqual(['deploy.requested']);
    } finally {
      await receiver.close();
    }
  });
});
