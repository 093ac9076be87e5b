import type { AttemptProbe } from '../schema.js';
import type { Executor, ExecutorTable } from './types.js';

export type * from './types.js';

/**
 * An executor whose module is imported by its first probe, so a run loads only what its probe types need
 * (node:http and node:https for http, `ws` for ws, the ws script runner for scripted ws probes).
 */
function onFirstUse<P extends AttemptProbe>(load: () => Promise<Executor<P>>): Executor<P> {
  return async (probe, context) => (await load())(probe, context);
}

const executeWs = onFirstUse(async () => (await import('./ws.js')).executeWs);
const executeWsScript = onFirstUse(async () => (await import('../scenario/ws-script.js')).executeWsScript);

/** One executor per probe type; a new type is a new file and a line here. */
export const EXECUTORS: ExecutorTable = {
  http: onFirstUse(async () => (await import('./http.js')).executeHttp),
  ws: (probe, context) =>
    probe.scenario?.script ? executeWsScript(probe, context) : executeWs(probe, context),
  tcp: onFirstUse(async () => (await import('./tcp.js')).executeTcp),
  command: onFirstUse(async () => (await import('./command.js')).executeCommand),
};

export function executorFor<P extends { type: keyof ExecutorTable }>(probe: P): Executor<never> {
  return EXECUTORS[probe.type] as Executor<never>;
}
