import type { WebSocket } from 'ws';
import { connectionFailure } from '../../http/exchange.js';
import type { WsProbe } from '../schema.js';
import type { Observation } from './types.js';
import { withDefaultUserAgent } from './user-agent.js';

/** What every WebSocket probe connects with (a plain handshake and a ws script alike). */
export function wsClientOptions(probe: WsProbe, handshakeTimeoutMs: number) {
  return {
    headers: withDefaultUserAgent(probe.headers),
    handshakeTimeout: handshakeTimeoutMs,
    followRedirects: false,
    autoSelectFamily: true,
  } as ConstructorParameters<typeof WebSocket>[2];
}

/** A failed handshake in the words an HTTP probe uses, NODE_EXTRA_CA_CERTS hint for a self-signed wss included. */
export function wsHandshakeError(error: NodeJS.ErrnoException, timeoutMs: number): Observation['error'] {
  if (/handshake has timed out/i.test(error.message))
    return { kind: 'timeout', message: `no handshake within ${timeoutMs}ms (timeout)` };
  return { kind: 'connection', message: connectionFailure(error, 0).message };
}
