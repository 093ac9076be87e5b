import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { httpRequest } from '../../packages/core/src/http/request.js';
import { type CliChild, runCli } from '../harness/cli.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const children: CliChild[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the CLI; a `receiver` keeps running, so its URL is read from stdout and it is stopped by a signal. */
function cli(args: string[], env: Record<string, string> = {}) {
  let child: CliChild | undefined;
  let output = () => ({ stdout: '', stderr: '' });
  let announced: (url: string) => void = () => {};
  const run = runCli(args, {
    env,
    onSpawn: (spawned, written) => {
      child = spawned;
      output = written;
      children.push(spawned);
      spawned.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(written().stdout);
        if (match) announced(match[1]!);
      });
    },
  });
  const exited = run.then((result) => result.code);
  const listening = Promise.race([
    new Promise<string>((resolve) => {
      announced = resolve;
    }),
    run.then((result) => Promise.reject(new Error(`exited: ${result.stderr}`))),
  ]);
  // A run nobody waits for (stopped by afterEach) must not become an unhandled rejection.
  exited.catch(() => {});
  listening.catch(() => {});
  return { exited, listening, output: () => output(), kill: (signal: NodeJS.Signals) => child!.kill(signal) };
}

const callback = JSON.stringify({
  type: 'release_gate.callback',
  timestamp: new Date().toISOString(),
  data: {
    environment: 'production',
    service: 'shop',
    ref: null,
    sha: null,
    version: '1.0.0',
    runUrl: null,
    drill: true,
    rollbackCallbackState: 'failed',
    rollbackState: 'accepted',
    durationMs: 900,
  },
});

describe('release-gate receiver (CLI)', () => {
  test('refuses to start without a secret unless --insecure', async () => {
    const refused = cli(['receiver', '--port', '0']);
    expect(await refused.exited).toBe(2);
    expect(refused.output().stderr).toMatch(/needs a signing secret .*--insecure/);
    const insecure = cli([
      'receiver',
      '--port',
      '0',
      '--insecure',
      '--event-log',
      join(await mkdtemp(join(tmpdir(), 'rcv-')), 'e.jsonl'),
    ]);
    await insecure.listening;
    // The warning is written before the listening line; give the stderr pipe a moment to deliver it.
    for (let i = 0; i < 20 && !insecure.output().stderr; i++) await new Promise((r) => setTimeout(r, 25));
    expect(insecure.output().stderr).toMatch(/unsigned events are accepted/);
  });

  test('an acknowledged event survives kill -9 (appended and fsynced before the answer); metrics count it', async () => {
    const eventLog = join(await mkdtemp(join(tmpdir(), 'rcv-')), 'events.jsonl');
    const receiver = cli(['receiver', '--port', '0', '--event-log', eventLog], {
      RELEASE_GATE_SIGNING_SECRET: SECRET,
    });
    const url = await receiver.listening;
    const timestamp = new Date();
    const answer = await httpRequest({
      url: `${url}/internal/release-gate/callbacks`,
      method: 'POST',
      body: callback,
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_kill9',
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': new Webhook(SECRET).sign('msg_kill9', timestamp, callback),
      },
      timeoutMs: 2000,
    });
    expect(answer.status).toBe(202);
    const metrics = (await httpRequest({ url: `${url}/metrics`, timeoutMs: 2000 })).body.toString();
    expect(metrics).toContain(
      'release_gate_rollback_callback_events_total{environment="production",state="failed"} 1',
    );
    receiver.kill('SIGKILL');
    await receiver.exited;
    const lines = (await readFile(eventLog, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      type: 'release_gate.callback',
      webhookId: 'msg_kill9',
      data: { drill: true },
    });

    // Restarted on the same log, the receiver still knows the key: a replay is a duplicate.
    const again = cli(['receiver', '--port', '0', '--event-log', eventLog, '--secret', SECRET]);
    const url2 = await again.listening;
    const replay = await httpRequest({
      url: `${url2}/internal/release-gate/callbacks`,
      method: 'POST',
      body: callback,
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_kill9',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': new Webhook(SECRET).sign('msg_kill9', new Date(), callback),
      },
      timeoutMs: 2000,
    });
    expect(replay.status).toBe(200);
    again.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(again.output().stdout).toContain('release-gate receiver stopped');
  });

  test('deploy and rollback through the CLI against the CLI receiver, with polling', async () => {
    const eventLog = join(await mkdtemp(join(tmpdir(), 'rcv-')), 'events.jsonl');
    const receiver = cli(['receiver', '--port', '0', '--event-log', eventLog, '--complete-after', '300ms'], {
      RELEASE_GATE_SIGNING_SECRET: SECRET,
    });
    const url = await receiver.listening;
    const env = { RELEASE_GATE_SIGNING_SECRET: SECRET };
    const deploy = cli(
      [
        'deploy',
        '--webhook-url',
        `${url}/deploy`,
        '--environment',
        'staging',
        '--sha',
        'abc1234',
        '--run-id',
        '77',
        '--wait',
        '--poll-interval',
        '100ms',
      ],
      env,
    );
    expect(await deploy.exited).toBe(0);
    expect(deploy.output().stdout).toMatch(/^deploy-state=succeeded$/m);
    const rollback = cli(
      [
        'rollback',
        '--webhook-url',
        `${url}/rollback`,
        '--environment',
        'staging',
        '--rollback-ref',
        'v1',
        '--drill',
      ],
      env,
    );
    expect(await rollback.exited).toBe(0);
    expect(rollback.output().stdout).toMatch(/^rollback-state=accepted$/m);
    expect(rollback.output().stderr).toMatch(/Idempotency-Key msg_[0-9a-f]{32} \(fresh/);
    const skipped = cli(['rollback', '--environment', 'staging'], env);
    expect(await skipped.exited).toBe(0);
    expect(skipped.output().stdout).toMatch(/^rollback-state=skipped_missing_webhook$/m);
    const bad = cli(['deploy', '--environment', 'staging'], env);
    expect(await bad.exited).toBe(2);
    expect(bad.output().stderr).toMatch(/--webhook-url is required/);
    receiver.kill('SIGTERM');
    await receiver.exited;
    const types = (await readFile(eventLog, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).type);
    expect(types).toEqual(['deploy.requested', 'rollback.requested']);
    expect(JSON.stringify(deploy.output()) + JSON.stringify(rollback.output())).not.toContain(SECRET);
  });
});
