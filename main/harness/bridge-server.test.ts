// The harness's door checks over real loopback HTTP: token, origin, host, path traversal and the
// body limit. The services are a small fake (this is the Electron edge); e2e covers the real ones.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ChangeEvent } from '../../shared/contract.js';
import { startHarness, type Harness } from './bridge-server.js';
import type { BridgeServices } from './services-port.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw node:http, because fetch would normalise `..` away and forbid some headers. */
function send(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

function openSocket(url: string, origin: string): Promise<{ ws: WebSocket; opened: boolean; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve({ ws, opened: true }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, opened: false, status: res.statusCode }));
    ws.once('error', () => resolve({ ws, opened: false }));
  });
}

describe('startHarness', () => {
  let root: string;
  let harness: Harness;
  let port: number;
  const calls: { name: string; input: unknown }[] = [];
  const listeners = new Set<(e: ChangeEvent) => void>();
  const services: BridgeServices = {
    async dispatch(name, input) {
      calls.push({ name, input });
      if (name === 'boom') throw new Error('SQLITE_CORRUPT at /secret/path');
      return { ok: true, value: { echoed: name } };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'koe-harness-test-'));
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Koe</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'key.hex'), 'SECRET-KEY');
    symlinkSync(join(root, 'key.hex'), join(dist, 'assets', 'leak.js'));
    harness = await startHarness({ services, rendererDir: dist, host: '127.0.0.1', port: 0 });
    port = Number(new URL(harness.origin).port);
  });
  afterAll(async () => {
    await harness.close();
    rmSync(root, { recursive: true, force: true });
  });

  const own = () => ({ origin: harness.origin, 'x-koe-token': harness.token, 'content-type': 'application/json' });

  it('refuses to bind anywhere but loopback', async () => {
    await expect(startHarness({ services, rendererDir: root, host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(/127\.0\.0\.1/);
  });

  it('prints a page URL with a 32-byte base64url token', () => {
    expect(harness.url).toBe(`${harness.origin}/?token=${harness.token}`);
    expect(Buffer.from(harness.token, 'base64url')).toHaveLength(32);
    expect(harness.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('runs a call with the token and the own origin', async () => {
    const reply = await send(port, { method: 'POST', path: '/bridge/call/session%3Aget', headers: own(), body: '{"a":1}' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { echoed: 'session:get' } });
    expect(calls.at(-1)).toEqual({ name: 'session:get', input: { a: 1 } });
  });

  it('passes an empty body as no input, so the contract default applies', async () => {
    await send(port, { method: 'POST', path: '/bridge/call/app:info', headers: own() });
    expect(calls.at(-1)).toEqual({ name: 'app:info', input: undefined });
  });

  it('refuses a missing or wrong token with 403', async () => {
    const before = calls.length;
    const { 'x-koe-token': _t, ...noToken } = own();
    const missing = await send(port, { method: 'POST', path: '/bridge/call/app:info', headers: noToken, body: '{}' });
    // The token with its last character changed (to one it is not: a random token may end in A).
    const other = harness.token.endsWith('A') ? 'B' : 'A';
    const wrong = await send(port, { method: 'POST', path: '/bridge/call/app:info', headers: { ...own(), 'x-koe-token': harness.token.slice(0, -1) + other }, body: '{}' });
    expect(missing.status).toBe(403);
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body).error.code).toBe('forbidden_sender');
    expect(calls.length).toBe(before);
  });

  it('refuses a foreign, missing or look-alike Origin with 403', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port}.evil.example`, `http://localhost:${port}`, 'null']) {
      const reply = await send(port, { method: 'POST', path: '/bridge/call/app:info', headers: { ...own(), origin }, body: '{}' });
      expect(reply.status, origin).toBe(403);
    }
    const { origin: _o, ...noOrigin } = own();
    expect((await send(port, { method: 'POST', path: '/bridge/call/app:info', headers: noOrigin, body: '{}' })).status).toBe(403);
  });

  it('refuses a rebound host name', async () => {
    const reply = await send(port, { path: '/', headers: { host: `attacker.example:${port}` } });
    expect(reply.status).toBe(403);
  });

  it('answers a throwing dispatch with an internal envelope, never the error text', async () => {
    const reply = await send(port, { method: 'POST', path: '/bridge/call/boom', headers: own(), body: '{}' });
    expect(reply.status).toBe(200);
    expect(reply.body).not.toMatch(/SQLITE|secret/);
    expect(JSON.parse(reply.body).error.code).toBe('internal');
  });

  it('refuses bad JSON, non-JSON bodies and other methods', async () => {
    expect((await send(port, { method: 'POST', path: '/bridge/call/app:info', headers: own(), body: '{nope' })).status).toBe(400);
    expect((await send(port, { method: 'POST', path: '/bridge/call/app:info', headers: { ...own(), 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await send(port, { method: 'GET', path: '/bridge/call/app:info', headers: own() })).status).toBe(405);
    expect((await send(port, { method: 'OPTIONS', path: '/bridge/call/app:info' })).status).toBe(405);
  });

  it('refuses a body over 1 MiB with 413 without dispatching it', async () => {
    const before = calls.length;
    const big = JSON.stringify({ text: 'x'.repeat(1024 * 1024) });
    const reply = await send(port, { method: 'POST', path: '/bridge/call/views:save', headers: own(), body: big });
    expect(reply.status).toBe(413);
    expect(calls.length).toBe(before);
  });

  it('refuses an oversized body sent in chunks, without a length', async () => {
    const before = calls.length;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/bridge/call/views:save', headers: { ...own(), 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    expect(calls.length).toBe(before);
  });

  it('serves the renderer with the CSP, nosniff and an uncached index', async () => {
    const reply = await send(port, { path: `/?token=${harness.token}` });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>Koe</title>');
    expect(reply.headers['content-security-policy']).toBe(
      `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' ws://127.0.0.1:${port}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'`,
    );
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['cache-control']).toBe('no-store');
    const asset = await send(port, { path: '/assets/app.js' });
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('serves index.html for a screen path and 404 for a missing asset', async () => {
    expect((await send(port, { path: '/inbox/123' })).body).toContain('<title>Koe</title>');
    expect((await send(port, { path: '/assets/missing.js' })).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../key.hex', '/assets/../../key.hex', '/%2e%2e/key.hex', '/assets%2f..%2f..%2fkey.hex', '/..%5ckey.hex', '/assets/leak.js', '/%00']) {
      const reply = await send(port, { path });
      expect(reply.body, path).not.toContain('SECRET-KEY');
      expect([400, 404], path).toContain(reply.status);
    }
  });

  it('pushes change events over the WebSocket to a page with the token', async () => {
    const { ws, opened } = await openSocket(`ws://127.0.0.1:${port}/bridge/events?token=${harness.token}`, harness.origin);
    expect(opened).toBe(true);
    const message = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
    for (const listener of listeners) listener({ topics: ['triage', 'submissions'] });
    expect(JSON.parse(await message)).toEqual({ topics: ['triage', 'submissions'] });
    ws.close();
  });

  it('refuses a WebSocket with a wrong token or a foreign origin', async () => {
    const wrong = await openSocket(`ws://127.0.0.1:${port}/bridge/events?token=nope`, harness.origin);
    const foreign = await openSocket(`ws://127.0.0.1:${port}/bridge/events?token=${harness.token}`, 'http://evil.example');
    const elsewhere = await openSocket(`ws://127.0.0.1:${port}/other?token=${harness.token}`, harness.origin);
    expect(wrong).toMatchObject({ opened: false, status: 403 });
    expect(foreign).toMatchObject({ opened: false, status: 403 });
    expect(elsewhere).toMatchObject({ opened: false, status: 404 });
  });
});
