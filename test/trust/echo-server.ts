import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Where a server repeats a secret part back to the client. */
export const ECHO_CHANNELS = [
  'error-body',
  'status-body',
  'error-message',
  'redirect',
  'dns-failure',
  'connection-refused',
] as const;
export type EchoChannel = (typeof ECHO_CHANNELS)[number];

/** What one case's requests are answered with: the part to echo and how. */
export interface EchoCase {
  channel: EchoChannel;
  part: string;
}

/** The part as a careless server repeats it: as is, percent-encoded and lower-cased. */
export function echoOf(part: string): string {
  return `unknown hook ${part} (${encodeURIComponent(part)}, ${part.toLowerCase()})`;
}

export interface EchoServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The same server as an HTTP proxy (CONNECT or absolute-form), for URLs whose host carries the part. */
  proxy: string;
  /** Registers a case; its requests go to `/c/<id>/…`. */
  add(echo: EchoCase): string;
  close(): Promise<void>;
}

/**
 * One server for every case of the leak fuzz: a request under `/c/<id>/` is answered as its case says
 * (a 404 body, a 503 JSON message, a 202 whose status URL's 404 names the part, a redirect to a URL
 * carrying it); `/healthz` always passes (for the probes rollback-verify re-runs). Also an HTTP proxy,
 * so a URL with the part in its host name reaches it.
 */
export async function startEchoServer(): Promise<EchoServer> {
  const cases = new Map<string, EchoCase>();
  const server: Server = createServer(async (req, res) => {
    for await (const _ of req) {
      // drain the body
    }
    const url = new URL(req.url ?? '/', 'http://echo.invalid');
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"pass"}');
      return;
    }
    const id = /^\/c\/([^/]+)\//.exec(url.pathname)?.[1];
    const echo = id ? cases.get(id) : undefined;
    if (!echo) {
      res.writeHead(404).end();
      return;
    }
    const said = echoOf(echo.part);
    switch (echo.channel) {
      case 'status-body':
        if (req.method === 'POST') {
          res.writeHead(202, {
            'content-type': 'application/json',
            location: `${url.pathname}/status${url.search}`,
          });
          res.end('{"accepted":true}');
        } else {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: `no such delivery under ${said}` }));
        }
        return;
      case 'error-message':
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `token rejected: ${said}` }));
        return;
      case 'redirect':
        res.writeHead(302, {
          location: `http://${req.headers.host}/c/${id}/moved/${encodeURIComponent(echo.part)}/${echo.part.toLowerCase()}?token=${encodeURIComponent(echo.part)}`,
        });
        res.end();
        return;
      default:
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end(said);
    }
  });
  // As a proxy: a CONNECT tunnel ends in this same server.
  server.on('connect', (_req, socket: Socket, head: Buffer) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    server.emit('connection', socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let next = 0;
  return {
    url,
    proxy: url,
    add(echo) {
      const id = String(++next);
      cases.set(id, echo);
      return id;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on (bound, then released), for connection-refused cases. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
