// Change announcements over the harness's WebSocket, the twin of the `koe-changed` IPC channel.
// The socket reconnects with a capped exponential delay; after a reconnect every topic is
// announced once, because changes made while it was down were not heard.
import type { ChangeEvent, ChangeTopic } from '../../../shared/contract.js';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

// A Record so the compiler insists every topic is listed.
const TOPICS: Record<ChangeTopic, true> = {
  submissions: true,
  triage: true,
  sync: true,
  outbox: true,
  views: true,
  session: true,
  settings: true,
  reference: true,
  audit: true,
  transfers: true,
  reports: true,
};
const ALL_TOPICS = Object.keys(TOPICS) as ChangeTopic[];

export function changeSubscriber(token: string | null): (listener: (e: ChangeEvent) => void) => () => void {
  const listeners = new Set<(e: ChangeEvent) => void>();
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let delay = FIRST_DELAY_MS;
  let wasOpen = false;

  const announce = (event: ChangeEvent) => {
    for (const listener of [...listeners]) listener(event);
  };

  const connect = () => {
    timer = null;
    if (!token || listeners.size === 0) return;
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${scheme}://${window.location.host}/bridge/events?token=${encodeURIComponent(token)}`);
    } catch {
      // A refused URL throws at once instead of closing; try again later all the same.
      retryLater();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      delay = FIRST_DELAY_MS;
      if (wasOpen) announce({ topics: [...ALL_TOPICS] });
      wasOpen = true;
    };
    ws.onmessage = (message) => {
      const topics = topicsOf(message.data);
      if (topics.length > 0) announce({ topics });
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      retryLater();
    };
  };

  const retryLater = () => {
    if (listeners.size === 0) return;
    timer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  };

  return (listener) => {
    listeners.add(listener);
    if (!socket && !timer) connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0) return;
      // Nobody listens: stop, and start afresh (no catch-up announcement) on the next listener.
      if (timer) clearTimeout(timer);
      timer = null;
      const ws = socket;
      socket = null;
      wasOpen = false;
      delay = FIRST_DELAY_MS;
      ws?.close();
    };
  };
}

function topicsOf(data: unknown): ChangeTopic[] {
  if (typeof data !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(data);
    const topics = (parsed as { topics?: unknown } | null)?.topics;
    return Array.isArray(topics) ? topics.filter((t): t is ChangeTopic => typeof t === 'string' && Object.hasOwn(TOPICS, t)) : [];
  } catch {
    return [];
  }
}
