import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  type AddressInfo,
  createServer as createTcpServer,
  type Socket,
  type Server as TcpServer,
} from 'node:net';
import { WebSocketServer } from 'ws';

/**
 * A service to smoke, on 127.0.0.1 (port 0): every health format, flaky, throttled, resetting, hanging,
 * dripping, huge and looping endpoints, a WebSocket endpoint and a TCP port. A second server on another
 * port is a different origin for redirect tests.
 */
export interface SmokeTarget {
  base: string;
  wsBase: string;
  tcpPort: number;
  /** Another origin; `/echo` records what it received. */
  otherBase: string;
  /** An address where nothing listens. */
  closedPort: number;
  /** Requests per path (path with query). */
  hits: Map<string, number>;
  /** Headers received per path, last request wins; the other origin's paths start with `other:`. */
  received: Map<string, Record<string, string | string[] | undefined>>;
  /** Times (performance.now) of requests per path, for Retry-After checks. */
  times: Map<string, number[]>;
  close(): Promise<void>;
}

const ACTUATOR = 'application/vnd.spring-boot.actuator.v3+json';

function json(res: ServerResponse, status: number, body: unknown, type = 'application/json') {
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(body));
}

export async function startSmokeTarget(): Promise<SmokeTarget> {
  const hits = new Map<string, number>();
  const received = new Map<string, Record<string, string | string[] | undefined>>();
  const times = new Map<string, number[]>();
  const sockets = new Set<Socket>();
  const record = (req: IncomingMessage, prefix = '') => {
    const key = `${prefix}${req.url ?? '/'}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    received.set(key, { ...req.headers });
    times.set(key, [...(times.get(key) ?? []), performance.now()]);
    return hits.get(key)!;
  };
  let otherBase = '';

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const count = record(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    switch (path) {
      case '/ok':
        return json(res, 200, { status: 'ok', version: '1.4.2', checks: { db: [{ status: 'up' }] } });
      case '/health-json/pass':
        return json(res, 200, { status: 'pass', version: '1' }, 'application/health+json');
      case '/health-json/warn':
        return json(
          res,
          200,
          {
            status: 'warn',
            checks: { 'disk:utilization': [{ status: 'warn' }], 'db:responseTime': [{ status: 'pass' }] },
          },
          'application/health+json',
        );
      case '/health-json/fail':
        return json(
          res,
          503,
          {
            status: 'fail',
            checks: { 'db:connections': [{ status: 'fail' }], 'cache:hits': [{ status: 'pass' }] },
          },
          'application/health+json',
        );
      case '/actuator/up':
        return json(res, 200, { status: 'UP', components: { db: { status: 'UP' } } }, ACTUATOR);
      case '/actuator/down':
        // HTTP 200 with DOWN: the body decides.
        return json(
          res,
          200,
          {
            status: 'DOWN',
            components: { db: { status: 'DOWN' }, redis: { status: 'DOWN' }, diskSpace: { status: 'UP' } },
          },
          ACTUATOR,
        );
      case '/actuator/out-of-service':
        return json(res, 200, { status: 'OUT_OF_SERVICE' });
      case '/readyz': {
        const failing = url.searchParams.get('fail');
        const lines = [
          '[+]ping ok',
          '[+]log ok',
          failing ? `[-]${failing} failed: reason withheld` : '[+]etcd ok',
        ];
        lines.push(failing ? 'readyz check failed' : 'readyz check passed');
        res.writeHead(failing ? 500 : 200, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end(`${lines.join('\n')}\n`);
      }
      case '/flaky': {
        const fail = Number(url.searchParams.get('fail') ?? 1);
        if (count <= fail) return json(res, 503, { status: 'starting' });
        return json(res, 200, { status: 'ok' });
      }
      case '/always':
        return json(res, Number(url.searchParams.get('status') ?? 503), { status: 'nope' });
      case '/throttled': {
        if (count === 1) {
          res.writeHead(429, { 'retry-after': url.searchParams.get('after') ?? '1' });
          return res.end('slow down');
        }
        return json(res, 200, { status: 'ok' });
      }
      case '/reset':
        return req.socket.destroy();
      case '/hang':
        return; // never answers
      case '/drip': {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => res.write('.'), 50);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/huge': {
        // 50 MiB: the probe reads 1 MiB and passes on its status.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 120);
        let sent = 0;
        const pump = () => {
          while (sent < 800) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => {});
        return pump();
      }
      case '/loop/a':
        res.writeHead(302, { location: '/loop/b' });
        return res.end();
      case '/loop/b':
        res.writeHead(302, { location: '/loop/a' });
        return res.end();
      case '/chain': {
        const n = Number(url.searchParams.get('n') ?? 0);
        res.writeHead(302, { location: n > 0 ? `/chain?n=${n - 1}` : '/ok' });
        return res.end();
      }
      case '/to-other':
        res.writeHead(302, { location: `${otherBase}/echo` });
        return res.end();
      case '/to-self':
        res.writeHead(307, { location: '/echo' });
        return res.end();
      case '/echo':
        return json(res, 200, { authorization: req.headers.authorization ?? null });
      case '/slow': {
        const timer = setTimeout(
          () => json(res, 200, { status: 'ok' }),
          Number(url.searchParams.get('ms') ?? 50),
        );
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case '/ws-denied':
        res.writeHead(403);
        return res.end();
      default:
        return json(res, 404, { error: 'not found' });
    }
  };

  const server: Server = createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    record(req);
    if (req.url?.startsWith('/ws-denied')) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => client.on('error', () => {}));
  });

  const other: Server = createServer((req, res) => {
    record(req, 'other:');
    json(res, 200, { authorization: req.headers.authorization ?? null });
  });
  other.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const tcp: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.end();
  });

  const listen = (s: Server | TcpServer) =>
    new Promise<number>((resolve) =>
      s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)),
    );
  const [port, otherPort, tcpPort] = await Promise.all([listen(server), listen(other), listen(tcp)]);
  otherBase = `http://127.0.0.1:${otherPort}`;
  // A port that was open and is closed now: connections are refused.
  const probe = createTcpServer();
  const closedPort = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  return {
    base: `http://127.0.0.1:${port}`,
    wsBase: `ws://127.0.0.1:${port}`,
    tcpPort,
    otherBase,
    closedPort,
    hits,
    received,
    times,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      for (const client of wss.clients) client.terminate();
      wss.close();
      await Promise.all(
        [server, other, tcp].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
      );
    },
  };
}
