import { connect } from 'node:net';
import type { TcpProbe } from '../schema.js';
import type { Executor, Observation } from './types.js';

/** One TCP attempt: the connection must open within the timeout; it is closed right away. */
export const executeTcp: Executor<TcpProbe> = (probe, context) => {
  const started = performance.now();
  return new Promise<Observation>((resolve) => {
    let settled = false;
    const socket = connect({ host: probe.host, port: probe.port, autoSelectFamily: true });
    const finish = (observation: Omit<Observation, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ durationMs: performance.now() - started, ...observation });
    };
    const timer = setTimeout(
      () =>
        finish({
          error: { kind: 'timeout', message: `no connection within ${context.timeoutMs}ms (timeout)` },
        }),
      context.timeoutMs,
    );
    const onAbort = () => finish({ error: { kind: 'aborted', message: 'cancelled' } });
    context.signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish({}));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({ error: { kind: 'connection', message: `connection failed: ${error.code ?? error.message}` } }),
    );
  });
};
