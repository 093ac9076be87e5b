import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An API that allows only SSO sign-in, on 127.0.0.1 (port 0), as a release owner would smoke it:
 *
 * - `GET /v1/auth/mode` -> `{"mode":"sso"}` (`?mode=password` answers the old mode)
 * - `POST /v1/auth/login` -> 410 `{"error":"SsoOnly"}` (password login is closed)
 * - `GET /v1/auth/sso/start?provider=google` -> 302 to `https://test.auth.example.com/oauth2/authorize?...`
 *   (`&host=evil.example.net` redirects to the wrong identity host)
 * - `GET /v1/auth/sso/docs` -> an HTML page with "Sign in with your company account"
 * - `POST /v1/session` with `{"user":"smoke-bot","password":<password>}` as application/json (415 otherwise) -> `{"session":{"token":<fresh>}}`
 *   (a service account for smoke tests); the token is also in `x-session-token`
 * - `GET /v1/me` with `Authorization: Bearer <token>` -> `{"user":"smoke-bot"}`, else 401
 * - `GET /v1/echo` with a bearer token -> echoes the token in the body (a careless endpoint)
 * - `GET /v1/health?seq=old_new_...&k=<key>` (underscores: commas would split a `urls` input) -> 200 with `x-app-version` and `{"version","sha"}` from the
 *   sequence, one entry per request (per key), the last entry repeating: pods of a rolling deploy
 * Every answer carries `x-app-version` of the "current" pod when not given by the sequence.
 */
export interface SsoApi {
  base: string;
  /** The password the service account accepts. */
  password: string;
  /** Every token handed out, in order. */
  tokens: string[];
  /** Every `sid` cookie value set by /v1/auth/mode. */
  cookies: string[];
  /** Request times (performance.now) per path with query. */
  times: Map<string, number[]>;
  close(): Promise<void>;
}

export const IDENTITY_HOST = 'test.auth.example.com';
export const VERSIONS = {
  old: { version: '1.9.0', sha: 'b'.repeat(40) },
  new: { version: '2.0.0', sha: 'c0ffee1'.padEnd(40, '0') },
};

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

export async function startSsoApi(): Promise<SsoApi> {
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const tokens: string[] = [];
  const cookies: string[] = [];
  const times = new Map<string, number[]>();
  const counters = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    times.set(req.url ?? '/', [...(times.get(req.url ?? '/') ?? []), performance.now()]);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const current = { 'x-app-version': VERSIONS.new.version };
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /v1/auth/mode': {
        // A fresh anonymous session cookie on every answer (HttpOnly, but not Secure: a finding to catch).
        const sid = randomBytes(8).toString('hex');
        cookies.push(sid);
        return json(
          res,
          200,
          { mode: url.searchParams.get('mode') ?? 'sso', providers: ['google'] },
          {
            ...current,
            'set-cookie': `sid=${sid}; HttpOnly; Path=/`,
          },
        );
      }
      case 'POST /v1/auth/login':
        await readBody(req);
        return json(res, 410, { error: 'SsoOnly', message: 'password sign-in is closed' }, current);
      case 'GET /v1/auth/sso/start': {
        const host = url.searchParams.get('host') ?? IDENTITY_HOST;
        const provider = url.searchParams.get('provider') ?? 'none';
        res.writeHead(302, {
          location: `https://${host}/oauth2/authorize?client_id=shop&provider=${provider}&state=st-123`,
          ...current,
        });
        return res.end();
      }
      case 'GET /v1/auth/sso/docs':
        res.writeHead(200, { 'content-type': 'text/html', ...current });
        return res.end('<html><body><h1>Sign in with your company account</h1></body></html>');
      case 'POST /v1/session': {
        if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
          return json(res, 415, { error: 'UnsupportedMediaType', expected: 'application/json' });
        const body = JSON.parse((await readBody(req)) || '{}') as { user?: string; password?: string };
        if (body.user !== 'smoke-bot' || body.password !== password)
          return json(res, 401, { error: 'BadLogin' });
        const token = `tok-${randomBytes(12).toString('hex')}`;
        tokens.push(token);
        return json(
          res,
          201,
          { session: { token, user: 'smoke-bot' } },
          { 'x-session-token': token, ...current },
        );
      }
      case 'GET /v1/me':
        if (!bearer || !tokens.includes(bearer)) return json(res, 401, { error: 'Unauthenticated' });
        return json(res, 200, { user: 'smoke-bot', roles: ['smoke'] }, current);
      case 'GET /v1/echo':
        return json(res, 200, { youSent: bearer ?? null }, current);
      case 'GET /v1/health': {
        const sequence = (url.searchParams.get('seq') ?? 'new').split('_') as Array<keyof typeof VERSIONS>;
        const key = req.url ?? '';
        const count = counters.get(key) ?? 0;
        counters.set(key, count + 1);
        const pod = VERSIONS[sequence[Math.min(count, sequence.length - 1)]!];
        return json(
          res,
          200,
          { status: 'ok', version: pod.version, build: { sha: pod.sha } },
          {
            'x-app-version': pod.version,
          },
        );
      }
      default:
        return json(res, 404, { error: 'NotFound' });
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    password,
    tokens,
    cookies,
    times,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
