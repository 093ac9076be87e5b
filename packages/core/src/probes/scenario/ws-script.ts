import type { WebSocket as WsSocket } from 'ws';
import { evaluateAssertion, show } from '../../assertions.js';
import { getJsonPath } from '../../json-path.js';
import type { ExecuteContext, Observation } from '../executors/types.js';
import { wsClientOptions, wsHandshakeError } from '../executors/ws-connect.js';
import type { WsProbe } from '../schema.js';
import { toCaptured } from './checks.js';
import type { WsScriptStep } from './schema.js';

type CapturedValue = string | number | boolean | null;

interface Received {
  text: string;
  at: number;
}

/** What a scripted conversation adds to an observation. */
export interface ScenarioObservation {
  captured: Record<string, CapturedValue>;
  /** One line for the passed reason: steps, round trips, reconnects. */
  summary: string;
  /** Send-to-matching-message times, in order. */
  roundTripMs: number[];
}

/** One open connection with a queue of the messages received and not yet consumed. */
interface Connection {
  socket: WsSocket;
  queue: Received[];
  closed?: { code: number; reason: string };
  /** Wakes a waiting expect (new message or close). */
  notify?: () => void;
}

export function describeExpect(step: Extract<WsScriptStep, { kind: 'expect' }>): string {
  const [op, value] = Object.entries(step.op).find(([, v]) => v !== undefined) ?? ['?', undefined];
  const shown = op === 'matches' ? `/${value}/` : show(value);
  return `${step.path ?? 'message'} ${op} ${shown}`;
}

/**
 * A WebSocket conversation within one attempt: connect (with the probe's headers), then the script's
 * `send`, `expect` (wait for a message that matches; others are skipped) and `reconnect` steps in order.
 * The attempt's timeout covers the whole conversation; an expect's `within` bounds that step. Fails with
 * the step, what it waited for, and what arrived instead.
 */
export async function executeWsScript(probe: WsProbe, context: ExecuteContext): Promise<Observation> {
  const { WebSocket } = await import('ws');
  const script = probe.scenario?.script ?? [];
  const started = performance.now();
  const endAt = started + context.timeoutMs;
  const remaining = () => Math.max(0, endAt - performance.now());
  const captured: Record<string, CapturedValue> = {};
  const roundTrips: number[] = [];
  let reconnects = 0;
  let connection: Connection | undefined;
  const done = (observation: Omit<Observation, 'durationMs'>): Observation => {
    if (connection) closeQuietly(connection.socket);
    return { durationMs: performance.now() - started, ...observation };
  };

  const open = (): Promise<Connection | Omit<Observation, 'durationMs'>> =>
    new Promise((resolve) => {
      let settled = false;
      const socket = new WebSocket(probe.url, wsClientOptions(probe, Math.max(1, Math.round(remaining()))));
      const conn: Connection = { socket, queue: [] };
      const settle = (value: Connection | Omit<Observation, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        context.signal.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const timer = setTimeout(() => {
        socket.terminate();
        settle({
          error: { kind: 'timeout', message: `no handshake within ${context.timeoutMs}ms (timeout)` },
        });
      }, remaining());
      const onAbort = () => {
        socket.terminate();
        settle({ error: { kind: 'aborted', message: 'cancelled' } });
      };
      context.signal.addEventListener('abort', onAbort, { once: true });
      socket.on('open', () => settle(conn));
      socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
        const text = Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data as ArrayBuffer).toString('utf8');
        conn.queue.push({ text, at: performance.now() });
        conn.notify?.();
      });
      socket.on('close', (code: number, reason: Buffer) => {
        conn.closed = { code, reason: reason.toString('utf8') };
        conn.notify?.();
      });
      socket.on('unexpected-response', (_request, response) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        settle({ status: response.statusCode ?? 0, headers });
        response.destroy();
        socket.terminate();
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        settle({ error: wsHandshakeError(error, context.timeoutMs) });
        conn.notify?.();
      });
    });

  const first = await open();
  if (!('socket' in first)) return done(first);
  connection = first;
  // Send (and connect) times: a round trip runs from the latest of them before the matching message.
  const sentAt: number[] = [performance.now()];

  for (const [index, step] of script.entries()) {
    const label = `script step ${index + 1}`;
    if (context.signal.aborted) return done({ error: { kind: 'aborted', message: 'cancelled' } });
    if (step.kind === 'send') {
      if (connection.closed) {
        return done({
          status: 101,
          error: {
            kind: 'connection',
            message: `${label} (send): the server closed the connection (code ${connection.closed.code})`,
          },
        });
      }
      sentAt.push(performance.now());
      connection.socket.send(step.text);
      continue;
    }
    if (step.kind === 'reconnect') {
      await closeAndWait(connection, Math.min(1000, remaining()));
      const next = await open();
      if (!('socket' in next)) {
        const error = next.error
          ? { ...next.error, message: `${label} (reconnect): ${next.error.message}` }
          : undefined;
        connection = undefined;
        return done({ ...next, ...(error ? { error } : {}) });
      }
      connection = next;
      sentAt.push(performance.now());
      reconnects += 1;
      continue;
    }
    const limitMs = Math.min(step.withinMs ?? Number.POSITIVE_INFINITY, remaining());
    const byWithin = step.withinMs !== undefined && step.withinMs <= remaining();
    const outcome = await waitFor(connection, step, limitMs, context.signal);
    if (outcome.kind === 'matched') {
      const at = outcome.message.at;
      roundTrips.push(at - (sentAt.findLast((time) => time <= at) ?? sentAt[0]!));
      for (const capture of step.captures) {
        const value = outcome.captures[capture.name];
        if (value === undefined) {
          return done({
            status: 101,
            error: {
              kind: 'connection',
              message: `${label} (expect ${describeExpect(step)}): capture ${capture.name}: ${capture.source.from === 'body' ? capture.source.path : capture.source.header} not found in the message`,
            },
          });
        }
        if (capture.secret && value !== null) probe.scenario?.registerSecret?.(String(value));
        captured[capture.name] = value;
      }
      continue;
    }
    if (outcome.kind === 'aborted') return done({ error: { kind: 'aborted', message: 'cancelled' } });
    const seen = outcome.skipped.length
      ? `; ${outcome.skipped.length} other message(s), last: ${show(outcome.skipped.at(-1)!.text)}`
      : '; no message arrived';
    if (outcome.kind === 'closed') {
      return done({
        status: 101,
        error: {
          kind: 'connection',
          message: `${label} (expect ${describeExpect(step)}): the server closed the connection (code ${outcome.code}) before a matching message${seen}`,
        },
      });
    }
    const why = byWithin ? `within ${Math.round(limitMs)}ms` : `within the ${context.timeoutMs}ms timeout`;
    return done({
      status: 101,
      error: {
        kind: 'timeout',
        message: `${label} (expect ${describeExpect(step)}): no matching message ${why}${seen}`,
      },
    });
  }

  const durationMs = performance.now() - started;
  closeQuietly(connection.socket);
  const sends = script.filter((s) => s.kind === 'send').length;
  const expects = script.filter((s) => s.kind === 'expect').length;
  const rtt = roundTrips.length
    ? `, round trip ${fmt(median(roundTrips))} (max ${fmt(Math.max(...roundTrips))})`
    : '';
  const again = reconnects ? `, reconnected ${reconnects === 1 ? 'once' : `${reconnects} times`}` : '';
  return {
    durationMs,
    status: 101,
    scenario: {
      captured,
      roundTripMs: roundTrips.map((ms) => Math.round(ms * 100) / 100),
      summary: `WebSocket conversation passed: ${sends} sent, ${expects} expected${rtt}${again}`,
    },
  };
}

type WaitOutcome =
  | { kind: 'matched'; message: Received; captures: Record<string, CapturedValue> }
  | { kind: 'timeout'; skipped: Received[] }
  | { kind: 'closed'; code: number; skipped: Received[] }
  | { kind: 'aborted' };

/** Consumes queued messages until one matches, the connection closes, the time is up or the run is cancelled. */
function waitFor(
  connection: Connection,
  step: Extract<WsScriptStep, { kind: 'expect' }>,
  limitMs: number,
  signal: AbortSignal,
): Promise<WaitOutcome> {
  const skipped: Received[] = [];
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: WaitOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      connection.notify = undefined;
      resolve(outcome);
    };
    const scan = () => {
      while (connection.queue.length) {
        const message = connection.queue.shift()!;
        const match = matches(step, message.text);
        if (match) return finish({ kind: 'matched', message, captures: match.captures });
        skipped.push(message);
      }
      if (connection.closed) finish({ kind: 'closed', code: connection.closed.code, skipped });
    };
    const timer = setTimeout(() => finish({ kind: 'timeout', skipped }), limitMs);
    const onAbort = () => finish({ kind: 'aborted' });
    signal.addEventListener('abort', onAbort, { once: true });
    connection.notify = scan;
    scan();
  });
}

function matches(
  step: Extract<WsScriptStep, { kind: 'expect' }>,
  text: string,
): { captures: Record<string, CapturedValue> } | undefined {
  let document: unknown;
  let parsed = false;
  const json = () => {
    if (!parsed) {
      parsed = true;
      try {
        document = JSON.parse(text);
      } catch {
        document = undefined;
      }
    }
    return document;
  };
  if (step.path !== undefined) {
    if (json() === undefined) return undefined;
    const lookup = getJsonPath(json(), step.path);
    if (!evaluateAssertion(step.op, lookup.found, lookup.value).ok) return undefined;
  } else if (!evaluateAssertion(step.op, true, text).ok) {
    return undefined;
  }
  const captures: Record<string, CapturedValue> = {};
  for (const capture of step.captures) {
    if (capture.source.from !== 'body' || json() === undefined) continue;
    const lookup = getJsonPath(json(), capture.source.path);
    if (lookup.found) captures[capture.name] = toCaptured(lookup.value);
  }
  return { captures };
}

function closeAndWait(connection: Connection, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (connection.closed) return resolve();
    const timer = setTimeout(() => {
      connection.socket.terminate();
      resolve();
    }, graceMs);
    connection.socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    connection.socket.close(1000);
  });
}

function closeQuietly(socket: WsSocket): void {
  try {
    socket.close(1000);
    setTimeout(() => socket.terminate(), 500).unref();
  } catch {
    socket.terminate();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function fmt(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)}ms` : `${Math.round(ms)}ms`;
}
