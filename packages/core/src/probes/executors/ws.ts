import type { WsProbe } from '../schema.js';
import type { Executor, Observation } from './types.js';
import { wsClientOptions, wsHandshakeError } from './ws-connect.js';

/**
 * One WebSocket attempt: the upgrade handshake must answer 101 within the timeout; the socket is then
 * closed normally. `ws` is imported on first use so runs without ws probes never load it. Redirects are
 * not followed (a handshake answered with 3xx fails and names the status).
 */
export const executeWs: Executor<WsProbe> = async (probe, context) => {
  const { WebSocket } = await import('ws');
  const started = performance.now();
  return new Promise<Observation>((resolve) => {
    let settled = false;
    const socket = new WebSocket(probe.url, wsClientOptions(probe, context.timeoutMs));
    const finish = (observation: Omit<Observation, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onAbort);
      resolve({ durationMs: performance.now() - started, ...observation });
    };
    const timer = setTimeout(() => {
      socket.terminate();
      finish({ error: { kind: 'timeout', message: `no handshake within ${context.timeoutMs}ms (timeout)` } });
    }, context.timeoutMs);
    const onAbort = () => {
      socket.terminate();
      finish({ error: { kind: 'aborted', message: 'cancelled' } });
    };
    context.signal.addEventListener('abort', onAbort, { once: true });
    socket.on('open', () => {
      finish({ status: 101 });
      socket.close(1000);
    });
    socket.on('unexpected-response', (_request, response) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      finish({ status: response.statusCode ?? 0, headers });
      response.destroy();
      socket.terminate();
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish({ error: wsHandshakeError(error, context.timeoutMs) }),
    );
  });
};
