import { executeWsScript } from '../scenario/ws-script.js';
import { executeCommand } from './command.js';
import { executeHttp } from './http.js';
import { executeTcp } from './tcp.js';
import type { Executor, ExecutorTable } from './types.js';
import { executeWs } from './ws.js';

export type * from './types.js';

/** One executor per probe type; a new type is a new file and a line here. */
export const EXECUTORS: ExecutorTable = {
  http: executeHttp,
  ws: (probe, context) =>
    probe.scenario?.script ? executeWsScript(probe, context) : executeWs(probe, context),
  tcp: executeTcp,
  command: executeCommand,
};

export function executorFor<P extends { type: keyof ExecutorTable }>(probe: P): Executor<never> {
  return EXECUTORS[probe.type] as Executor<never>;
}
