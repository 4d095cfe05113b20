// A full disk and a read-only data folder: the call says so plainly (store_unavailable), what was
// saved stays, the sync runner stops writing (and stops sending), and everything carries on by
// itself once there is room again. Modelled three ways: SQLite's max_page_count (SQLITE_FULL
// anywhere), a real 6 MB tmpfs filled to the brim, PRAGMA query_only and a read-only bind mount.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/contract-kit.js';
import type { SafetyStatus } from '../../shared/contract-safety.js';
import type { InboxPage, SyncStatus } from '../../shared/domain.js';
import { KeyFileProvider } from '../keys/key-file.js';
import { openServices, type Services } from '../services.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { tempDir } from '../test-support/temp-store.js';
import { openSafeServices } from './safe-services.js';
import { storeFailureKind } from './store-failure.js';
import { storeGuard } from './write-guard.js';
import { hashTree } from './testing/seeded-store.js';
import { mountReadOnly, mountsAvailable, mountTmpfs, type Mounted } from './testing/mounts.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function workstation(dataDir?: string): Promise<{ services: Services; sim: SimulatorHandle; dataDir: string; ids: string[] }> {
  const sim = await startSimulator({ port: 0, count: 60, seed: 11 });
  cleanups.push(() => sim.close());
  const dir = tempDir('koe-guard-');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const data = dataDir ?? join(dir, 'data');
  const services = await openServices({ dataDir: data, keyProvider: new KeyFileProvider(join(dir, 'db.key')), apiUrl: sim.url, demo: false, syncIntervalMs: 0, log: () => undefined });
  cleanups.push(() => services.close());
  const signIn = await services.dispatch('session:signIn', { username: 'sato', password: 'koe-demo' });
  expect(signIn.ok).toBe(true);
  await services.runner.syncNow();
  const page = (await services.dispatch('inbox:list', { limit: 50 })) as Envelope<InboxPage>;
  if (!page.ok) throw new Error(page.error.message);
  return { services, sim, dataDir: data, ids: page.value.items.map((r) => r.id) };
}

const note = (services: Services, ids: string[], size = 4000) =>
  services.dispatch('triage:act', { target: { ids }, action: { type: 'note_added', text: `所見 ${'あ'.repeat(size)}` } });
const value = async <T>(p: Promise<Envelope<unknown>>): Promise<T> => {
  const e = await p;
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
  return e.value as T;
};
const outboxCount = (s: Services) => s.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;

describe('storeFailureKind', () => {
  it.each([
    ['SQLITE_FULL', 'disk_full'],
    ['SQLITE_IOERR_WRITE', 'io_error'],
    ['SQLITE_READONLY', 'read_only'],
    ['SQLITE_READONLY_DBMOVED', 'read_only'],
    ['SQLITE_CORRUPT', 'corrupt'],
    ['SQLITE_NOTADB', 'corrupt'],
    ['ENOSPC', 'disk_full'],
    ['EROFS', 'read_only'],
    ['SQLITE_CONSTRAINT_UNIQUE', null],
    ['ECONNREFUSED', null],
  ])('%s → %s', (code, kind) => {
    expect(storeFailureKind(Object.assign(new Error('x'), { code }))).toBe(kind);
  });
});

describe('StoreGuard', () => {
  it('notes the database\'s own failures only: a file error elsewhere (an export) is not the store', async () => {
    const { services } = await workstation();
    const guard = storeGuard(services.db);
    expect(guard.note(Object.assign(new Error('EACCES: permission denied, open /home/sato/report.csv'), { code: 'EACCES' }))).toBeNull();
    expect(guard.note(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }))).toBeNull();
    expect(guard.problem).toBeNull();
    expect(guard.note(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toMatchObject({ kind: 'disk_full' });
    // The disk is not actually full: the next check's test write clears it.
    expect(guard.check()).toBeNull();
    expect(guard.problem).toBeNull();
  });
});

describe('a full disk (SQLITE_FULL through max_page_count)', () => {
  it('says so, keeps what it has, stops syncing, and recovers when space returns', async () => {
    const { services, sim, ids } = await workstation();
    expect((await note(services, ids.slice(0, 2), 10)).ok).toBe(true);
    const pendingBefore = outboxCount(services);
    const postsBefore = sim.posted.events.length;

    // No room for a single new page.
    services.db.pragma(`max_page_count = ${services.db.pragma('page_count', { simple: true }) as number}`);
    const refused = await note(services, ids.slice(0, 20));
    expect(refused).toMatchObject({ ok: false, error: { code: 'store_unavailable', detail: { kind: 'disk_full' } } });
    expect(!refused.ok && refused.error.message).toMatch(/disk is full.*Everything saved before is safe/);
    expect(outboxCount(services)).toBe(pendingBefore);
    expect(services.db.pragma('integrity_check', { simple: true })).toBe('ok');

    // Reading goes on; the status says why writing does not.
    expect((await services.dispatch('inbox:list', { limit: 5 })).ok).toBe(true);
    const status = await value<SafetyStatus>(services.dispatch('safety:status', {}));
    expect(status).toMatchObject({ mode: 'degraded', store: { kind: 'disk_full' } });

    // The runner does not start a sync that could only fail half-way: nothing is sent.
    await services.runner.syncNow();
    const sync = await value<SyncStatus>(services.dispatch('sync:status', {}));
    expect(sync).toMatchObject({ phase: 'failed', lastError: expect.stringMatching(/disk is full/) });
    expect(sim.posted.events.length).toBe(postsBefore);

    // Room again: the next call works, the status clears, the sync sends the pending work.
    services.db.pragma('max_page_count = 1073741823');
    expect((await note(services, ids.slice(0, 1), 10)).ok).toBe(true);
    expect(await value<SafetyStatus>(services.dispatch('safety:status', {}))).toMatchObject({ mode: 'ok', store: null });
    await services.runner.syncNow();
    expect(await value<SyncStatus>(services.dispatch('sync:status', {}))).toMatchObject({ phase: 'done', lastError: null, pendingOutbox: 0 });
    expect(sim.posted.events.length).toBe(postsBefore + pendingBefore + 1);
  });

  it('a sync that meets a full disk half-way reports it and keeps the pages it committed', async () => {
    const { services, sim, ids } = await workstation();
    sim.addSubmissions(400);
    services.db.pragma(`max_page_count = ${(services.db.pragma('page_count', { simple: true }) as number) + 20}`);
    const before = services.db.prepare('SELECT count(*) FROM submissions').pluck().get() as number;
    await expect(services.runner.syncNow()).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    const sync = await value<SyncStatus>(services.dispatch('sync:status', {}));
    expect(sync.lastError).toMatch(/disk is full/);
    const partial = services.db.prepare('SELECT count(*) FROM submissions').pluck().get() as number;
    expect(partial).toBeGreaterThanOrEqual(before);
    expect(services.db.pragma('integrity_check', { simple: true })).toBe('ok');
    services.db.pragma('max_page_count = 1073741823');
    expect((await note(services, ids.slice(0, 1), 10)).ok).toBe(true);
    await services.runner.syncNow();
    expect(services.db.prepare('SELECT count(*) FROM submissions').pluck().get()).toBe(before + 400);
  });
});

describe.skipIf(!mountsAvailable())('a real full disk (6 MB tmpfs)', () => {
  it('refuses writes with store_unavailable and works again once a file is removed', async () => {
    const tmpfs: Mounted = mountTmpfs('6m');
    cleanups.push(() => tmpfs.unmount());
    const { services, ids } = await workstation(join(tmpfs.dir, 'data'));
    const pendingBefore = outboxCount(services);
    // Fill the disk to the last byte.
    const filler = join(tmpfs.dir, 'filler');
    const fd = openSync(filler, 'w');
    try {
      const chunk = Buffer.alloc(64 * 1024, 1);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch {
          break;
        }
      }
      for (;;) {
        try {
          writeSync(fd, Buffer.alloc(512, 1));
        } catch {
          break;
        }
      }
    } finally {
      closeSync(fd);
    }
    // The WAL reuses its own space for a while; keep acting until the disk says no.
    let refused: Envelope<unknown> | null = null;
    let accepted = 0;
    for (let i = 0; i < 200 && !refused; i++) {
      const r = await note(services, ids.slice(0, 10), 2000);
      if (r.ok) accepted++;
      else refused = r;
    }
    expect(refused).toMatchObject({ ok: false, error: { code: 'store_unavailable', detail: { kind: 'disk_full' } } });
    const kept = outboxCount(services);
    expect(kept).toBe(pendingBefore + accepted * 10);
    expect(services.db.pragma('quick_check', { simple: true })).toBe('ok');

    rmSync(filler);
    expect((await note(services, ids.slice(0, 1), 10)).ok).toBe(true);
    expect(outboxCount(services)).toBe(kept + 1);
    expect(await value<SafetyStatus>(services.dispatch('safety:status', {}))).toMatchObject({ mode: 'ok' });
  });
});

describe('a read-only database', () => {
  it('PRAGMA query_only: writes answer store_unavailable (read_only) and work again after', async () => {
    const { services, ids } = await workstation();
    services.db.pragma('query_only = 1');
    const r = await note(services, ids.slice(0, 1), 10);
    expect(r).toMatchObject({ ok: false, error: { code: 'store_unavailable', detail: { kind: 'read_only' } } });
    expect(!r.ok && r.error.message).toMatch(/cannot be written to/);
    services.db.pragma('query_only = 0');
    expect((await note(services, ids.slice(0, 1), 10)).ok).toBe(true);
  });

  it.skipIf(!mountsAvailable())('a read-only data folder (bind mount) at start: a clear screen, nothing changed', async () => {
    const { services, dataDir } = await workstation();
    await services.close();
    const before = hashTree(dataDir);
    const ro = mountReadOnly(dataDir);
    cleanups.push(() => ro.unmount());
    const keyFile = join(dataDir, '..', 'db.key');
    const safe = await openSafeServices({ dataDir: ro.dir, keyProvider: new KeyFileProvider(keyFile), apiUrl: 'http://127.0.0.1:9', demo: false, syncIntervalMs: 0, log: () => undefined });
    cleanups.push(() => safe.close());
    expect(safe.mode).toBe('blocked');
    const status = await value<SafetyStatus>(safe.dispatch('safety:status', {}));
    expect(status.problem).toMatchObject({ code: 'read_only', title: { en: 'Koe cannot write to its data folder' } });
    expect(status.problem!.whatToDo.ja).toMatch(/書き込めるように/);
    expect(await safe.dispatch('inbox:list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(hashTree(dataDir)).toEqual(before);
  });
});
