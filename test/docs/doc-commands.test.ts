import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { WebSocketServer } from 'ws';
import { repoRoot } from '../harness/action.js';
import { installPackedCli, type PackedCli } from '../harness/packed-cli.js';
import { type DocBlock, docBlocks, documents } from './doc-blocks.js';

/**
 * Every shell block of the docs that calls release-gate, run as written: the CLI installed from its packed
 * tarball (locally for `npx -p @release-actions/cli`, globally for a bare `release-gate`), each block in a
 * fresh folder, against local servers: a healthy service for the example hosts and, unless the block starts
 * its own, a reference receiver in the background for the example receiver addresses.
 */
const SHA = '3f2c9a7d1e8b4f6a0c5d2e9b7a1f4c8d6e3b0a95';
const SECRET = 'whsec_RmS0cGxhY2Vob2xkZXIta2V5LWZvci1kb2NzLXRlc3Q';
const BLOCK_TIMEOUT_MS = 60_000;

const blocks: DocBlock[] = [];
for (const path of await documents(repoRoot)) {
  blocks.push(...docBlocks(await readFile(join(repoRoot, path), 'utf8'), path));
}
const runnable = blocks.filter((block) => block.notRun === undefined);
const skipped = blocks.filter((block) => block.notRun !== undefined);
const ran: string[] = [];

let cli: PackedCli;
let service: { server: Server; port: number };

beforeAll(async () => {
  cli = await installPackedCli({ global: true });
  service = await startHealthyService();
}, 120_000);

afterAll(async () => {
  service?.server.close();
  await rm(cli?.work ?? '/nonexistent', { recursive: true, force: true });
  console.log(
    [
      `doc blocks: ${ran.length} ran, ${skipped.length} skipped`,
      ...skipped.map((block) => `  skipped ${block.where}: ${block.notRun}`),
    ].join('\n'),
  );
});

/** Answers every path with a healthy JSON body (the shape the docs' probes assert) and accepts WebSockets. */
async function startHealthyService() {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 'UP', version: '2.5.0', checks: { db: [{ status: 'UP' }] } }));
  });
  new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const startsReceiver = (text: string) => /release-gate receiver\b/.test(text);

/** The block's text with the example addresses, hosts and placeholders turned into local values. */
function localized(text: string, receiver: string): string {
  const local = `127.0.0.1:${service.port}`;
  return text
    .replace(/\b(https?|wss?):\/\/(?:[a-z0-9-]+\.)*example\.com/g, (_all, scheme: string) =>
      scheme.startsWith('ws') ? `ws://${local}` : `http://${local}`,
    )
    .replace(/\b[a-z0-9-]+\.internal:\d+/g, local)
    .replace(/127\.0\.0\.1:(8080|8787)\b/g, receiver)
    .replace(/--port 8787\b/g, `--port ${receiver.split(':')[1]}`)
    .replaceAll('<sha>', SHA)
    .replaceAll('npm install -g @release-actions/cli', `npm install -g --offline ${cli.tarball}`);
}

interface Finished {
  code: number | null;
  output: string;
  timedOut: boolean;
}

/**
 * Runs `script` with bash in its own process group and stops the whole group when it ends, so nothing a
 * block started in the background outlives it. With `until`, it is stopped once the output shows that text.
 */
function runScript(
  script: string,
  cwd: string,
  env: Record<string, string>,
  until?: string,
): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let done = false;
    const finish = (result: Omit<Finished, 'output'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group has already gone
      }
      resolve({ ...result, output });
    };
    const collect = (chunk: Buffer) => {
      output += chunk;
      if (until !== undefined && output.includes(until)) finish({ code: 0, timedOut: false });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => finish({ code, timedOut: false }));
    const timer = setTimeout(() => finish({ code: null, timedOut: true }), BLOCK_TIMEOUT_MS);
  });
}

/** The reference receiver, from the installed CLI, in the background; resolves its host:port once it listens. */
async function startReceiver(cwd: string, env: Record<string, string>) {
  const child = spawn(
    'npx',
    ['-p', '@release-actions/cli', 'release-gate', 'receiver', '--port', '0', '--complete-after', '1s'],
    {
      cwd,
      env: { ...env, RELEASE_GATE_SIGNING_SECRET: SECRET },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const address = await new Promise<string>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on http:\/\/(127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', () => reject(new Error(`the background receiver exited:\n${output}`)));
  });
  return { address, stop: () => process.kill(-child.pid!, 'SIGKILL') };
}

describe('the docs collect their shell blocks', () => {
  test('the README, the docs pages and the CLI README all have release-gate blocks, each skip has a reason', () => {
    const files = new Set(blocks.map((block) => block.where.split(':')[0]));
    for (const expected of [
      'README.md',
      'docs/getting-started.md',
      'smoke/README.md',
      'packages/cli/README.md',
    ]) {
      expect(files).toContain(expected);
    }
    for (const block of skipped) expect(block.notRun).toMatch(/\w{3,}/);
    expect(runnable.length).toBeGreaterThan(skipped.length);
  });
});

describe.each(runnable.map((block) => [block.where, block] as const))('%s', (where, block) => {
  test(
    'runs as written against local servers',
    async () => {
      const cwd = join(cli.project, 'blocks', where.replace(/[/:.]/g, '-'));
      await mkdir(cwd, { recursive: true });
      const env: Record<string, string> = {
        ...cli.env,
        SHA,
        USER: 'docs-test',
        RELEASE_GATE_SIGNING_SECRET: SECRET,
      };
      const receiver = startsReceiver(block.text)
        ? { address: `127.0.0.1:${await freePort()}`, stop: () => {} }
        : await startReceiver(cwd, env);
      env.ROLLBACK_WEBHOOK_URL = `http://${receiver.address}/rollback`;
      env.DEPLOY_WEBHOOK_URL = `http://${receiver.address}/deploy`;
      try {
        for (const [path, text] of Object.entries(block.files)) {
          await mkdir(dirname(join(cwd, path)), { recursive: true });
          await writeFile(join(cwd, path), localized(text, receiver.address));
        }
        const script = `set -eu -o pipefail\n${localized(block.text, receiver.address)}`;
        const result = await runScript(script, cwd, env, block.serves);
        const failure = result.timedOut
          ? `did not finish within ${BLOCK_TIMEOUT_MS / 1000}s`
          : `exited with ${result.code}`;
        if (result.timedOut || result.code !== 0) {
          throw new Error(
            `${where} ${failure}\n--- script\n${script}\n--- output\n${result.output.slice(-4000)}`,
          );
        }
        ran.push(where);
      } finally {
        receiver.stop();
      }
    },
    BLOCK_TIMEOUT_MS + 30_000,
  );
});
