import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A chat room over WebSocket on 127.0.0.1 (port 0):
 *
 * - `/chat` needs `Authorization: Bearer <token>` (401 on the upgrade otherwise). On connect it sends
 *   `{"type":"welcome"}` (noise a script must skip). `{"type":"join","room":r}` answers
 *   `{"type":"joined","room":r,"members":n,"sessionId":...}`; `{"type":"send","room":r,"text":t}` is
 *   broadcast to the room as `{"type":"message","room":r,"text":t}`; the text `ping` answers `pong`.
 * - `/silent` accepts the connection and never sends anything.
 * - `/closing` closes with code 1011 on the first message.
 * `delayMs` (query `?delay=`) holds every answer back, for round-trip checks.
 */
export interface ChatRoom {
  wsBase: string;
  token: string;
  /** Connections accepted on /chat, in order (a reconnect adds one). */
  connections: number;
  /** Every message received, as text. */
  received: string[];
  close(): Promise<void>;
}

export async function startChatRoom(token = 'chat-T0KEN-5b7e1d'): Promise<ChatRoom> {
  const rooms = new Map<string, Set<WebSocket>>();
  const sockets = new Set<Socket>();
  const state: ChatRoom = {
    wsBase: '',
    token,
    connections: 0,
    received: [],
    close: async () => {},
  };
  const server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('upgrade required');
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/chat' && req.headers.authorization !== `Bearer ${token}`) {
      socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => {
      client.on('error', () => {});
      const delay = Number(url.searchParams.get('delay') ?? 0);
      const send = (message: unknown) =>
        setTimeout(() => {
          if (client.readyState === client.OPEN) client.send(JSON.stringify(message));
        }, delay);
      if (url.pathname === '/silent') return;
      if (url.pathname === '/closing') {
        client.on('message', () => client.close(1011, 'internal error'));
        return;
      }
      state.connections += 1;
      const sessionId = `s${state.connections}`;
      send({ type: 'welcome' });
      client.on('message', (data) => {
        const text = data.toString();
        state.received.push(text);
        if (text === 'ping') return setTimeout(() => client.send('pong'), delay);
        let message: { type?: string; room?: string; text?: string };
        try {
          message = JSON.parse(text);
        } catch {
          return send({ type: 'error', error: 'not JSON' });
        }
        const room = message.room ?? 'lobby';
        if (message.type === 'join') {
          const members = rooms.get(room) ?? new Set();
          members.add(client);
          rooms.set(room, members);
          client.on('close', () => members.delete(client));
          return send({ type: 'joined', room, members: members.size, sessionId });
        }
        if (message.type === 'send') {
          for (const member of rooms.get(room) ?? []) {
            setTimeout(() => {
              if (member.readyState === member.OPEN)
                member.send(JSON.stringify({ type: 'message', room, text: message.text }));
            }, delay);
          }
          return;
        }
        send({ type: 'error', error: `unknown type ${message.type}` });
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.wsBase = `ws://127.0.0.1:${port}`;
  state.close = () =>
    new Promise((resolve) => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}
