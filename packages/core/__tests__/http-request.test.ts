import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { HttpFailure } from '../src/http/exchange.js';
import { httpRequest, proxyApplies } from '../src/http/request.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') res.end('hello');
    else if (req.url === '/huge') {
      // 50 MiB in 64 KiB chunks; the client must stop after its cap.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 120);
      let sent = 0;
      const pump = () => {
        while (sent < 800) {
          sent++;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else if (req.url === '/hang') {
      // never answers
    } else if (req.url === '/drip') {
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    } else if (req.url === '/reset') {
      req.socket.destroy();
    } else if (req.url === '/redirect') {
      res.writeHead(302, { location: '/ok' });
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('reads status, headers and body', async () => {
  const response = await httpRequest({ url: `${base}/ok`, timeoutMs: 2000 });
  expect(response.status).toBe(200);
  expect(response.body.toString()).toBe('hello');
  expect(response.bodyTruncated).toBe(false);
  expect(response.headers['content-length']).toBe('5');
});

test('caps a huge body and discards the rest', async () => {
  const response = await httpRequest({ url: `${base}/huge`, timeoutMs: 10_000, bodyLimit: 1024 * 1024 });
  expect(response.status).toBe(200);
  expect(response.body.length).toBe(1024 * 1024);
  expect(response.bodyTruncated).toBe(true);
});

test('a server that never answers hits the timeout', async () => {
  const error = await httpRequest({ url: `${base}/hang`, timeoutMs: 300 }).catch((e) => e);
  expect(error).toBeInstanceOf(HttpFailure);
  expect(error.kind).toBe('timeout');
  expect(error.durationMs).toBeLessThan(2000);
});

test('a body that never ends hits the same timeout', async () => {
  const error = await httpRequest({ url: `${base}/drip`, timeoutMs: 400 }).catch((e) => e);
  expect(error.kind).toBe('timeout');
  expect(error.durationMs).toBeGreaterThanOrEqual(350);
  expect(error.durationMs).toBeLessThan(2000);
});

test('a reset connection is a connection failure', async () => {
  const error = await httpRequest({ url: `${base}/reset`, timeoutMs: 2000 }).catch((e) => e);
  expect(error.kind).toBe('connection');
});

test('an unreachable port is refused', async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const error = await httpRequest({ url: `http://127.0.0.1:${port}/`, timeoutMs: 2000 }).catch((e) => e);
  expect(error.kind).toBe('connection');
  expect(error.message).toContain('ECONNREFUSED');
});

test('redirects are returned, not followed', async () => {
  const response = await httpRequest({ url: `${base}/redirect`, timeoutMs: 2000 });
  expect(response.status).toBe(302);
  expect(response.headers.location).toBe('/ok');
});

test('localhost works when the server listens on 127.0.0.1 only', async () => {
  const port = (server.address() as AddressInfo).port;
  const response = await httpRequest({ url: `http://localhost:${port}/ok`, timeoutMs: 3000 });
  expect(response.status).toBe(200);
});

test('a body of exactly the limit is complete, one byte more is truncated', async () => {
  const exact = await httpRequest({ url: `${base}/ok`, timeoutMs: 2000, bodyLimit: 5 });
  expect(exact.body.toString()).toBe('hello');
  expect(exact.bodyTruncated).toBe(false);
  const cut = await httpRequest({ url: `${base}/ok`, timeoutMs: 2000, bodyLimit: 4 });
  expect(cut.body.toString()).toBe('hell');
  expect(cut.bodyTruncated).toBe(true);
});

test('a cancelled request stops at once', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const error = await httpRequest({ url: `${base}/hang`, timeoutMs: 5000, signal: controller.signal }).catch(
    (e) => e,
  );
  expect(error.kind).toBe('aborted');
  expect(error.durationMs).toBeLessThan(2000);
});

describe('HTTP(S)_PROXY and NO_PROXY', () => {
  test.each([
    ['http://api.example.com/x', { HTTP_PROXY: 'http://proxy:3128' }, true],
    ['https://api.example.com/x', { HTTPS_PROXY: 'http://proxy:3128' }, true],
    ['https://api.example.com/x', { HTTP_PROXY: 'http://proxy:3128' }, true],
    ['http://api.example.com/x', { HTTPS_PROXY: 'http://proxy:3128' }, false],
    ['http://api.example.com/x', {}, false],
    ['http://api.example.com/x', { HTTP_PROXY: 'http://p:1', NO_PROXY: 'example.com' }, false],
    ['http://api.example.com/x', { HTTP_PROXY: 'http://p:1', NO_PROXY: '.example.com' }, false],
    ['http://api.example.org/x', { HTTP_PROXY: 'http://p:1', NO_PROXY: 'example.com' }, true],
    ['http://127.0.0.1:8080/x', { HTTP_PROXY: 'http://p:1', NO_PROXY: '127.0.0.1:9090' }, true],
    ['http://127.0.0.1:8080/x', { HTTP_PROXY: 'http://p:1', NO_PROXY: '127.0.0.1:8080' }, false],
    ['http://[::1]:8080/x', { HTTP_PROXY: 'http://p:1', NO_PROXY: '::1' }, false],
    ['http://[::1]:8080/x', { HTTP_PROXY: 'http://p:1', NO_PROXY: '[::1]:8080' }, false],
    ['http://[::1]:8080/x', { HTTP_PROXY: 'http://p:1', NO_PROXY: '[::1]:9090' }, true],
    ['http://anything/x', { HTTP_PROXY: 'http://p:1', NO_PROXY: '*' }, false],
  ])('%s with %j -> proxied %s', (url, env, expected) => {
    expect(proxyApplies(new URL(url), env)).toBe(expected);
  });

  test('requests go through the proxy when it applies, with the same timeout and body cap', async () => {
    // A CONNECT proxy on 127.0.0.1 that counts the tunnels it opened.
    const tunnels: string[] = [];
    const sockets: Array<{ destroy(): void }> = [];
    const proxy = createServer();
    proxy.on('connect', (req, client, head) => {
      tunnels.push(req.url ?? '');
      sockets.push(client);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
    process.env.HTTP_PROXY = proxyUrl;
    delete process.env.NO_PROXY;
    try {
      const response = await httpRequest({ url: `${base}/ok`, timeoutMs: 3000, bodyLimit: 4 });
      expect(response.status).toBe(200);
      expect(response.body.toString()).toBe('hell');
      expect(response.bodyTruncated).toBe(true);
      const error = await httpRequest({ url: `${base}/hang`, timeoutMs: 300 }).catch((e) => e);
      expect(error.kind).toBe('timeout');
      expect(tunnels.length).toBeGreaterThanOrEqual(1);
      expect(tunnels[0]).toBe(new URL(base).host);
    } finally {
      process.env.HTTP_PROXY = saved.HTTP_PROXY;
      if (saved.HTTP_PROXY === undefined) delete process.env.HTTP_PROXY;
      if (saved.NO_PROXY !== undefined) process.env.NO_PROXY = saved.NO_PROXY;
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});

test('a request Node refuses to send fails at once and leaves no timer behind', async () => {
  await expect(
    httpRequest({ url: `${base}/ok`, timeoutMs: 50, headers: { 'x-bad': 'line\r\nbreak' } }),
  ).rejects.toThrow(/Invalid character/);
  // Were a timer left armed, it would fire here and crash the test run.
  await new Promise((resolve) => setTimeout(resolve, 100));
});
