// A damaged database file (bytes flipped in a copy): detected at open or on a failed read,
// writes stop, the file is kept, `koe doctor` exits 1 and names it, and the recovery screen's
// calls list the unsent work at stake, then restore the newest backup or start a resync —
// carrying that work over. Nothing is ever deleted.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../shared/contract-kit.js';
import type { RecoveryPlan, RecoveryResult, SafetyStatus } from '../../shared/contract-safety.js';
import type { InboxPage } from '../../shared/domain.js';
import { listAudit } from '../store/audit.js';
import { openDatabase } from '../store/db.js';
import { indexBatch } from '../store/search-index.js';
import { startSimulator } from '../simulator/server.js';
import { createBackup } from './backup.js';
import { openSafeServices, type SafeServices } from './safe-services.js';
import { act, flipBytes, hashTree, outboxIds, seededStore, type SeededStore } from './testing/seeded-store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function koe(args: string[], keyFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX, join(ROOT, 'main', 'cli.ts'), ...args], { env: { ...process.env, KOE_DB_KEY_FILE: keyFile } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const value = async <T>(p: Promise<Envelope<unknown>>): Promise<T> => {
  const e = await p;
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
  return e.value as T;
};

/** A store with a backup, then unsent work made after it; closed, with one submissions page damaged. */
async function damagedStore(where: 'first page' | 'submissions page'): Promise<{ s: SeededStore; pending: string[]; keyFile: string }> {
  const s = await seededStore({ submissions: 400 });
  cleanups.push(() => rmSync(s.dir, { recursive: true, force: true }));
  const early = act(s.db, s.ids[5], 'in-the-backup');
  createBackup(s.db, s.dataDir);
  const pending = [early, act(s.db, s.ids[6], 'after-the-backup'), act(s.db, s.ids[7], 'after-the-backup')];
  // Indexed already, so nothing but the test's own reads touches the damaged page.
  while (indexBatch(s.db, 10_000) > 0);
  const leaf = s.db.prepare("SELECT pageno FROM dbstat WHERE name = 'submissions' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 3").pluck().get() as number;
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  s.db.close();
  flipBytes(s.path, where === 'first page' ? 200 : (leaf - 1) * 4096 + 600, 32);
  return { s, pending, keyFile: join(s.dir, 'db.key') };
}

async function safeServices(s: SeededStore, apiUrl = 'http://127.0.0.1:9'): Promise<SafeServices> {
  const services = await openSafeServices({ dataDir: s.dataDir, keyProvider: s.keys, apiUrl, demo: false, syncIntervalMs: 0, firstBackupCheckMs: 3_600_000, log: () => undefined });
  cleanups.push(() => services.close());
  return services;
}

describe('a damaged first page', () => {
  it('is told apart from a wrong key, opens the recovery screen and changes nothing', async () => {
    const { s } = await damagedStore('first page');
    const before = hashTree(s.dataDir);
    const services = await safeServices(s);
    expect(services.mode).toBe('recovery');
    const status = await value<SafetyStatus>(services.dispatch('safety:status', {}));
    expect(status.mode).toBe('recovery');
    expect(status.problem).toMatchObject({ code: 'corrupt', recoverable: true, title: { en: "Koe's database is damaged", ja: 'データベースが破損しています' } });
    const plan = await value<RecoveryPlan>(services.dispatch('safety:recoveryPlan', {}));
    // The first page holds the schema: nothing can be read, and the screen says so.
    expect(plan.pending).toEqual({ readable: false, items: [] });
    expect(plan.latestBackup).toMatchObject({ pendingItems: 1 });
    expect(await services.dispatch('inbox:list', {})).toMatchObject({ ok: false });
    expect(hashTree(s.dataDir)).toEqual(before);
  });

  it('koe doctor exits 1 and names the damage', async () => {
    const { s, keyFile } = await damagedStore('first page');
    const r = await koe(['doctor', '--data-dir', s.dataDir], keyFile);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/database: the database file is damaged/);
    expect(r.stderr).toMatch(/damaged/);
  });
});

/**
 * A workstation signed in and synced with the simulator, with a backup and unsent work (made
 * while the office server is unreachable), closed with one submissions page damaged.
 */
async function syncedDamagedStore() {
  const sim = await startSimulator({ port: 0, count: 400, seed: 4 });
  cleanups.push(() => sim.close());
  const s = await seededStore({ submissions: 0 });
  cleanups.push(() => rmSync(s.dir, { recursive: true, force: true }));
  s.db.close();
  const first = await safeServices(s, sim.url);
  expect((await first.dispatch('session:signIn', { username: 'sato', password: 'koe-demo' })).ok).toBe(true);
  await first.runner.syncNow();
  const ids = (await value<InboxPage>(first.dispatch('inbox:list', { limit: 5 }))).items.map((r) => r.id);
  // (Fewer than the simulator holds: the oldest are past local retention.)
  const synced = first.db.prepare('SELECT count(*) FROM submissions').pluck().get() as number;
  sim.setFaults({ offline: true });
  const tag = async (id: string, t: string) => expect((await first.dispatch('triage:act', { target: { ids: [id] }, action: { type: 'tag_added', tag: t } })).ok).toBe(true);
  await tag(ids[0], 'in-the-backup');
  createBackup(first.db, s.dataDir);
  await tag(ids[1], 'after-the-backup');
  await tag(ids[2], 'after-the-backup');
  const pending = outboxIds(first.db);
  const leaf = first.db.prepare("SELECT pageno FROM dbstat WHERE name = 'submissions' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 3").pluck().get() as number;
  await first.close();
  flipBytes(s.path, (leaf - 1) * 4096 + 600, 32);
  // Still unreachable: the unsent work stays unsent until the test lets the server answer.
  const services = await safeServices(s, sim.url);
  return { sim, s, ids, pending, services, synced };
}

describe('a damaged page found by the scheduled backup', () => {
  it('the backup reads every page, so the damage stops writes before anyone meets it', async () => {
    const { s } = await damagedStore('submissions page');
    const services = await openSafeServices({ dataDir: s.dataDir, keyProvider: s.keys, apiUrl: 'http://127.0.0.1:9', demo: false, syncIntervalMs: 0, backupIntervalMs: 1, firstBackupCheckMs: 10, log: () => undefined });
    cleanups.push(() => services.close());
    expect(services.mode).toBe('normal');
    await vi.waitFor(async () => expect(await value<SafetyStatus>(services.dispatch('safety:status', {}))).toMatchObject({ mode: 'recovery', problem: { code: 'corrupt' } }), { timeout: 10_000 });
    // No half-made backup is left under a backup's name.
    expect(readdirSync(join(s.dataDir, 'backups')).filter((n) => n.endsWith('.kbak'))).toHaveLength(1);
  });
});

describe('a damaged page found on a failed read', () => {
  it('stops writes, keeps the file, lists the unsent work and restores the newest backup with it carried over', async () => {
    const { sim, s, ids, pending, services, synced } = await syncedDamagedStore();
    // Page 1 is sound, so the damage shows only when the page is read.
    expect(services.mode).toBe('normal');
    const list = await services.dispatch('inbox:list', { limit: 500 });
    expect(list).toMatchObject({ ok: false, error: { code: 'store_unavailable', detail: { kind: 'corrupt' } } });
    // From now on nothing reads or writes the damaged file.
    expect(await services.dispatch('triage:act', { target: { ids: [ids[3]] }, action: { type: 'tag_added', tag: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'store_unavailable' },
    });
    const status = await value<SafetyStatus>(services.dispatch('safety:status', {}));
    expect(status).toMatchObject({ mode: 'recovery', problem: { code: 'corrupt' } });

    const plan = await value<RecoveryPlan>(services.dispatch('safety:recoveryPlan', {}));
    expect(plan.pending.readable).toBe(true);
    expect(plan.pending.items.map((i) => [i.id, i.submissionId, i.action, i.detail])).toEqual([
      [pending[0], ids[0], 'tag_added', 'in-the-backup'],
      [pending[1], ids[1], 'tag_added', 'after-the-backup'],
      [pending[2], ids[2], 'tag_added', 'after-the-backup'],
    ]);
    expect(plan.latestBackup).toMatchObject({ pendingItems: 1 });
    expect(plan.lastSyncAt).not.toBeNull();

    expect(await services.dispatch('safety:recover', { choice: 'restore' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const result = await value<RecoveryResult>(services.dispatch('safety:recover', { choice: 'restore', confirmed: true }));
    expect(result).toMatchObject({ choice: 'restore', carriedOver: 2, lost: [] });
    expect(services.mode).toBe('normal');
    expect(await value<SafetyStatus>(services.dispatch('safety:status', {}))).toMatchObject({ mode: 'ok' });
    expect(outboxIds(services.db)).toEqual(pending);
    expect(services.db.prepare('SELECT count(*) FROM submissions').pluck().get()).toBe(synced);
    expect(listAudit(services.db, 1)[0]).toMatchObject({ action: 'database_restored', actor: 'st-001' });
    // Still signed in (the backup holds the session): the work goes out at the next sync.
    sim.setFaults({ offline: false });
    await services.runner.syncNow();
    expect(outboxIds(services.db)).toEqual([]);

    // The damaged file is kept, still damaged: never repaired in place, never deleted.
    const kept = join(s.dataDir, result.keptAs, 'koe.db');
    expect(existsSync(kept)).toBe(true);
    const old = openDatabase({ path: kept, key: (await s.keys.getKey())!, readonly: true });
    expect(old.pragma('integrity_check', { simple: true })).not.toBe('ok');
    old.close();
  });

  it('koe doctor exits 1 and names the failed integrity check', async () => {
    const { s, services } = await syncedDamagedStore();
    await services.close();
    const r = await koe(['doctor', '--data-dir', s.dataDir], join(s.dir, 'db.key'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/integrity: damaged: .*(page|malformed)/);
    expect(r.stderr).toMatch(/integrity check failed: the database file is damaged/);
  });

  it('a full resync from the office server: a fresh database, the unsent work carried over and sent once', async () => {
    const { sim, s, pending, services, synced } = await syncedDamagedStore();
    expect((await services.dispatch('inbox:list', { limit: 500 })).ok).toBe(false);
    const result = await value<RecoveryResult>(services.dispatch('safety:recover', { choice: 'resync', confirmed: true }));
    expect(result).toMatchObject({ choice: 'resync', carriedOver: 3, lost: [] });
    expect(readdirSync(join(s.dataDir, 'set-aside'))).toHaveLength(1);
    // A fresh database: sign in again, and the sync brings everything back and sends the work.
    sim.setFaults({ offline: false });
    expect(await value<{ signedIn: boolean }>(services.dispatch('session:get', {}))).toMatchObject({ signedIn: false });
    expect((await services.dispatch('session:signIn', { username: 'sato', password: 'koe-demo' })).ok).toBe(true);
    await services.runner.syncNow();
    expect(services.db.prepare('SELECT count(*) FROM submissions').pluck().get()).toBe(synced);
    expect(outboxIds(services.db)).toEqual([]);
    const stored = (sim.storedEvents() as { id: string }[]).map((e) => e.id);
    for (const id of pending) expect(stored.filter((x) => x === id)).toHaveLength(1);
  });
});
