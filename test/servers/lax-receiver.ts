import { appendFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A deliberately lax callback receiver, the kind the receiver validation must catch: it accepts every
 * POST with 200 (no signature check, no timestamp check, no JSON check, no deduplication) and counts every
 * one of them in `release_gate_rollback_callback_events_total`, replays included.
 */
export interface LaxReceiver {
  url: string;
  callbacksUrl: string;
  metricsUrl: string;
  /** Every POST body as received. */
  bodies: string[];
  close(): Promise<void>;
}

export async function startLaxReceiver(options: { eventLog?: string } = {}): Promise<LaxReceiver> {
  const counts = new Map<string, number>();
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      if (req.method === 'GET' && req.url === '/metrics') {
        const lines = ['# TYPE release_gate_rollback_callback_events_total counter'];
        for (const [key, value] of counts)
          lines.push(`release_gate_rollback_callback_events_total{${key}} ${value}`);
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`${lines.join('\n')}\n`);
        return;
      }
      if (req.method !== 'POST') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok\n');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      bodies.push(body);
      let environment = 'unknown';
      let state = 'unknown';
      try {
        const data = (JSON.parse(body) as { data?: Record<string, unknown> }).data ?? {};
        environment = String(data.environment ?? environment);
        state = String(data.rollbackCallbackState ?? state);
      } catch {
        // lax: a body that is not JSON is accepted and counted anyway
      }
      const key = `environment="${environment}",state="${state}"`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (options.eventLog) {
        const webhookId = req.headers['webhook-id'] ?? '';
        await appendFile(
          options.eventLog,
          `${JSON.stringify({ receivedAt: new Date().toISOString(), type: 'release_gate.callback', webhookId, data: { environment } })}\n`,
        );
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    callbacksUrl: `${url}/internal/release-gate/callbacks`,
    metricsUrl: `${url}/metrics`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
