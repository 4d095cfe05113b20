// Helpers for the simulator's own tests: a tiny client over real loopback HTTP.
import type { SimulatorHandle } from './server.js';

export const FIXED_NOW = new Date('2026-11-28T09:00:00+09:00');

export interface Reply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke at JSON freely
}

export async function call(
  sim: SimulatorHandle,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(sim.url + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

export async function signIn(sim: SimulatorHandle, username = 'sato'): Promise<string> {
  const r = await call(sim, 'POST', '/v1/sessions', { body: { username, password: 'koe-demo' } });
  if (r.status !== 201) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/** Reads a feed to its end; returns every item and every page as served. */
export async function readFeed(sim: SimulatorHandle, token: string, feed: string, limit = 1000, from = '') {
  const items: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  const pages: { items: unknown[]; next_cursor: string; has_more: boolean }[] = [];
  let cursor = from;
  for (let guard = 0; guard < 100_000; guard++) {
    const r = await call(sim, 'GET', `/v1/${feed}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    if (r.status !== 200) throw new Error(`${feed} page failed: ${r.status} ${JSON.stringify(r.body)}`);
    pages.push(r.body);
    items.push(...r.body.items);
    cursor = r.body.next_cursor;
    if (!r.body.has_more) break;
  }
  return { items, pages, cursor };
}

export function newEvent(submissionId: string, type: string, payload: object = {}) {
  return { id: crypto.randomUUID(), submission_id: submissionId, type, payload, client_time: new Date().toISOString() };
}

export async function postEvent(sim: SimulatorHandle, token: string, event: { id: string }) {
  return call(sim, 'POST', '/v1/events', { token, body: event, headers: { 'idempotency-key': event.id } });
}

/** Polls until the condition holds (no fixed sleeps in tests). */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
