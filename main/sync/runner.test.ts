// The sync runner's status as staff see it in the bottom bar: a dropped connection reads
// "offline" as soon as the first try fails (the tries go on with growing waits behind it), and
// the same sync finishes and reads "online" again once the office answers.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyFileProvider } from '../keys/key-file.js';
import { openServices, type Services } from '../services.js';
import { ApiError, UnreachableError } from './client.js';
import { syncErrorCode } from './runner.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { tempDir } from '../test-support/temp-store.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function signedIn(): Promise<{ services: Services; sim: SimulatorHandle }> {
  const sim = await startSimulator({ port: 0, count: 20, seed: 5 });
  cleanups.push(() => sim.close());
  const dir = tempDir('koe-runner-');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const services = await openServices({ dataDir: join(dir, 'data'), keyProvider: new KeyFileProvider(join(dir, 'db.key')), apiUrl: sim.url, demo: false, syncIntervalMs: 0, log: () => undefined });
  cleanups.push(() => services.close());
  const signIn = await services.dispatch('session:signIn', { username: 'sato', password: 'koe-demo' });
  expect(signIn.ok).toBe(true);
  await services.runner.syncNow();
  return { services, sim };
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('SyncRunner status', () => {
  it('reads offline at the first dropped connection, while the sync is still trying', async () => {
    const { services, sim } = await signedIn();
    expect(services.runner.getStatus().offline).toBe(false);
    sim.setFaults({ offline: true });
    let settled = false;
    const sync = services.runner.syncNow().finally(() => {
      settled = true;
    });
    await until(() => services.runner.getStatus().offline);
    const during = services.runner.getStatus();
    expect(settled).toBe(false);
    expect(during.running).toBe(true);
    expect(during.lastError).toBeNull();

    // The office comes back before the tries run out: the same sync finishes, online again.
    sim.setFaults({ offline: false });
    await sync;
    const after = services.runner.getStatus();
    expect(after).toMatchObject({ offline: false, running: false, phase: 'done', lastError: null });
  }, 30_000);

  it('a server that answers with an error is not offline: it was reached', async () => {
    const { services, sim } = await signedIn();
    sim.setFaults({ serverErrorNext: 3 });
    let sawOffline = false;
    const watch = setInterval(() => {
      sawOffline ||= services.runner.getStatus().offline;
    }, 2);
    try {
      await services.runner.syncNow();
    } finally {
      clearInterval(watch);
    }
    // The three errors were served to this sync (the next request is answered normally).
    expect((await fetch(`${sim.url}/v1/reference`)).status).not.toBe(500);
    expect(sawOffline).toBe(false);
    expect(services.runner.getStatus()).toMatchObject({ offline: false, phase: 'done' });
  }, 30_000);

  it('counts what waits to be sent: staff actions and queued transfers, until the office has them', async () => {
    const { services, sim } = await signedIn();
    const ids = (services.db.prepare('SELECT id FROM submissions ORDER BY k DESC LIMIT 2').all() as { id: string }[]).map((r) => r.id);
    sim.setFaults({ offline: true });
    const marked = await services.dispatch('triage:act', { target: { ids }, action: { type: 'transfer_marked', ministry: 'mhlw', note: null } });
    expect(marked.ok).toBe(true);
    const sent = await services.dispatch('transfers:send', { ministry: 'mhlw', submissionIds: ids, note: '回付します' });
    expect(sent.ok).toBe(true);
    expect(services.runner.getStatus()).toMatchObject({ pendingOutbox: 2, pendingTransfers: 1, pendingReplies: 0 });

    sim.setFaults({ offline: false });
    await services.runner.syncNow();
    expect(services.runner.getStatus()).toMatchObject({ pendingOutbox: 0, pendingTransfers: 0, pendingReplies: 0 });
  }, 60_000);

  it('an office that answers with errors every try is not offline: the failure says the server', async () => {
    const { services, sim } = await signedIn();
    sim.setFaults({ unavailableNext: 50, retryAfter: '0' });
    await expect(services.runner.syncNow()).rejects.toThrow(/HTTP 503/);
    expect(services.runner.getStatus()).toMatchObject({ offline: false, phase: 'failed', lastErrorCode: 'server' });
    sim.setFaults({ unavailableNext: 0 });
    await services.runner.syncNow();
    expect(services.runner.getStatus()).toMatchObject({ lastError: null, lastErrorCode: null });
  }, 30_000);
});

describe('syncErrorCode', () => {
  it('names each kind of failure', () => {
    expect(syncErrorCode(new UnreachableError('GET /v1/submissions: socket hang up (6 tries)'))).toBe('offline');
    expect(syncErrorCode(new UnreachableError('GET /v1/submissions: HTTP 500 after 6 tries', 500))).toBe('server');
    expect(syncErrorCode(new ApiError(401, 'unauthenticated', 'the session has ended', null))).toBe('session');
    expect(syncErrorCode(new ApiError(200, 'bad_response', 'does not fit the contract', null))).toBe('contract');
    expect(syncErrorCode(new ApiError(403, 'forbidden', 'no', null))).toBe('refused');
    expect(syncErrorCode(new ApiError(501, 'http_501', 'not implemented', null))).toBe('server');
    expect(syncErrorCode(new Error('boom'))).toBe('other');
  });
});
