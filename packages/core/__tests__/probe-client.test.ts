import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTlsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { runSmoke } from '../src/probes/engine.js';
import { normaliseProbe } from '../src/probes/load.js';
import { USER_AGENT } from '../src/version.js';

// What probes send and say as a client: webhooks' User-Agent by default (a WAF that blocks empty agents
// must not fail the smoke), the probe's own when it sets one; the self-signed hint for wss as for https.

const FAST = { timeoutMs: 2000, maxAttempts: 1 };
const seen: IncomingHttpHeaders[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.headers);
    response.end('ok');
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket, request) => {
    seen.push(request.headers);
    socket.close(1000);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function agentOf(entry: { url: string; headers?: Record<string, string> }) {
  seen.length = 0;
  const section = await runSmoke([normaliseProbe(entry, {}, 'a')], FAST);
  expect(section.probes[0]?.verdict).toBe('passed');
  return seen.map((headers) => headers['user-agent']);
}

test('http and ws probes send release-actions/<version> unless the probe sets its own User-Agent', async () => {
  expect(USER_AGENT).toMatch(/^release-actions\/\d/);
  expect(await agentOf({ url: `http://${base}/healthz` })).toEqual([USER_AGENT]);
  expect(await agentOf({ url: `ws://${base}/socket` })).toEqual([USER_AGENT]);
  const own = { 'User-Agent': 'edge-check/1.0' };
  expect(await agentOf({ url: `http://${base}/healthz`, headers: own })).toEqual(['edge-check/1.0']);
  expect(await agentOf({ url: `ws://${base}/socket`, headers: own })).toEqual(['edge-check/1.0']);
});

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

(openssl ? test : test.skip)(
  'a self-signed wss endpoint gets the same NODE_EXTRA_CA_CERTS hint as https',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'self-signed-'));
    let tls: HttpsServer | undefined;
    try {
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'] //
          .concat(['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]),
        { stdio: 'ignore' },
      );
      tls = createTlsServer({
        key: readFileSync(join(dir, 'key.pem')),
        cert: readFileSync(join(dir, 'cert.pem')),
      });
      new WebSocketServer({ server: tls });
      const listening = tls;
      await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
      const port = (tls.address() as AddressInfo).port;
      const section = await runSmoke(
        [
          normaliseProbe({ url: `https://localhost:${port}/healthz`, name: 'https' }, {}, 'a'),
          normaliseProbe({ url: `wss://localhost:${port}/socket`, name: 'wss' }, {}, 'b'),
        ],
        FAST,
      );
      const hint = 'connection failed: self-signed TLS certificate (set NODE_EXTRA_CA_CERTS)';
      expect(section.probes.map((probe) => [probe.name, probe.reason])).toEqual([
        ['https', hint],
        ['wss', hint],
      ]);
    } finally {
      await new Promise<void>((resolve) => (tls ? tls.close(() => resolve()) : resolve()));
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
