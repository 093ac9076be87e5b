import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The demo's sample service on 127.0.0.1 (a free port): stages add the routes they need. */
export interface SampleService {
  base: string;
  /** health+json `pass`. */
  healthyUrl: string;
  /** Spring Boot actuator `DOWN` (db, redis) with HTTP 200: only the body tells. */
  unhealthyUrl: string;
  route(path: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

export async function startSampleService(): Promise<SampleService> {
  const routes = new Map<string, RouteHandler>();
  routes.set('/healthz', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/health+json' });
    res.end(
      JSON.stringify({
        status: 'pass',
        version: '2.4.0',
        checks: { 'db:connections': [{ status: 'pass' }] },
      }),
    );
  });
  routes.set('/actuator/health', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/vnd.spring-boot.actuator.v3+json' });
    res.end(
      JSON.stringify({
        status: 'DOWN',
        components: { db: { status: 'DOWN' }, redis: { status: 'DOWN' }, diskSpace: { status: 'UP' } },
      }),
    );
  });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://sample').pathname;
    const handler = routes.get(path);
    if (handler) return handler(req, res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    healthyUrl: `${base}/healthz`,
    unhealthyUrl: `${base}/actuator/health`,
    route: (path, handler) => routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
