import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer; `hang` never answers (the client's timeout must end the call). */
export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  hang?: boolean;
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface ScriptedServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A webhook endpoint on 127.0.0.1 that answers from a script, one entry per request (the last entry
 * repeats), and records every request: for retries, timeouts and status codes a real receiver never gives.
 */
export async function startScriptedServer(script: ScriptedAnswer[]): Promise<ScriptedServer> {
  const requests: SeenRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: Date.now(),
    });
    const answer = script[Math.min(requests.length - 1, script.length - 1)] ?? { status: 202 };
    if (answer.hang) return; // never answer
    res.writeHead(answer.status ?? 202, { 'content-type': 'application/json', ...answer.headers });
    res.end(
      typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? { accepted: true }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
