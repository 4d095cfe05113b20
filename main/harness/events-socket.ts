// `GET /bridge/events?token=…` as a WebSocket: the harness's twin of the `koe-changed` IPC
// channel. Each change the services announce goes to every open page as `{ topics }` JSON.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { ChangeEvent } from '../../shared/contract.js';
import { fromOwnPage, tokenMatches } from './guard.js';
import type { BridgeServices } from './services-port.js';

export const EVENTS_PATH = '/bridge/events';

export interface EventsSocket {
  /** Takes over an HTTP upgrade request, or refuses it with 403/404. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export function createEventsSocket(services: BridgeServices, origin: string, token: string): EventsSocket {
  // The page only listens; a client message larger than this is not one of ours.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const stopListening = services.onChange((event: ChangeEvent) => {
    // Strings only, freshly built: nothing else the services attach reaches the page.
    const text = JSON.stringify({ topics: event.topics.map(String) });
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(text);
    }
  });
  wss.on('connection', (ws) => {
    // The page has nothing to say over this socket; anything it sends ends the connection.
    ws.on('message', () => ws.close(1008, 'unexpected message'));
    ws.on('error', () => ws.terminate());
  });

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname !== EVENTS_PATH) return refuse(socket, 404, 'Not Found');
      if (!fromOwnPage(req.headers, origin) || !tokenMatches(url.searchParams.get('token'), token)) {
        return refuse(socket, 403, 'Forbidden');
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      stopListening();
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
