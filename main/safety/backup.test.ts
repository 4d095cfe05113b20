// Backups: encrypted with the same cipher and key (byte scan), open only with the key, pass
// integrity_check, keep a retention count, run on a schedule; a damaged or foreign file is
// named as such by the check a restore runs first.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../store/db.js';
import { createBackup, createBackupInBackground, listBackups, pruneBackups, scheduleBackups, verifyBackup, writeBackup } from './backup.js';
import { act, allBytes, CANARY_BODY, CANARY_EMAIL, flipBytes, seededStore, type SeededStore } from './testing/seeded-store.js';

let s: SeededStore;
afterEach(() => {
  if (s?.db.open) s.db.close();
  if (s) rmSync(s.dir, { recursive: true, force: true });
});

describe('backup', () => {
  it('is encrypted: no SQLite header, neither the canary body nor the email in clear', async () => {
    s = await seededStore();
    const b = createBackup(s.db, s.dataDir);
    const bytes = readFileSync(b.path);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    for (const canary of [CANARY_BODY.slice(0, 12), CANARY_EMAIL]) {
      expect(bytes.includes(Buffer.from(canary))).toBe(false);
    }
    // The live data really holds them, so the scan could have found them.
    expect(s.db.prepare('SELECT count(*) FROM submissions WHERE email = ?').pluck().get(CANARY_EMAIL)).toBe(1);
    expect(allBytes(s.dataDir).includes(Buffer.from(CANARY_EMAIL))).toBe(false);
  });

  it('opens with the key, passes integrity_check and holds the data and the unsent work', async () => {
    s = await seededStore();
    act(s.db, s.ids[1], 'backup-check');
    const b = createBackup(s.db, s.dataDir);
    const key = (await s.keys.getKey())!;
    const check = verifyBackup(b.path, key);
    expect(check).toMatchObject({ submissions: 30, pendingItems: 1 });
    const db = openDatabase({ path: b.path, key, readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT body FROM submissions WHERE email = ?').pluck().get(CANARY_EMAIL)).toBe(CANARY_BODY);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
  });

  it('does not open with another key', async () => {
    s = await seededStore();
    const b = createBackup(s.db, s.dataDir);
    expect(() => verifyBackup(b.path, randomBytes(32))).toThrow(/does not open with this workstation's key/);
    expect(() => openDatabase({ path: b.path, key: randomBytes(32), readonly: true })).toThrow(/wrong key/);
  });

  it('names a damaged backup, one from a newer Koe and a database that is not Koe\'s', async () => {
    s = await seededStore({ submissions: 400 });
    const key = (await s.keys.getKey())!;
    const b = createBackup(s.db, s.dataDir);

    const damaged = join(s.dir, 'damaged.kbak');
    copyFileSync(b.path, damaged);
    flipBytes(damaged, Math.floor(readFileSync(damaged).length / 2), 64);
    expect(() => verifyBackup(damaged, key)).toThrow(/damaged/);

    const newer = join(s.dir, 'newer.kbak');
    copyFileSync(b.path, newer);
    const n = openDatabase({ path: newer, key, migrate: false });
    n.pragma('user_version = 999');
    n.close();
    expect(() => verifyBackup(newer, key)).toThrow(/newer Koe/);

    const foreign = join(s.dir, 'foreign.db');
    const f = openDatabase({ path: foreign, key, migrate: false });
    f.exec('CREATE TABLE notes(x)');
    f.pragma('user_version = 1');
    f.close();
    expect(() => verifyBackup(foreign, key)).toThrow(/not a Koe database/);
  });

  it('writes to a new file only through a temporary name, never half a backup under the name', async () => {
    s = await seededStore();
    const target = join(s.dir, 'out', 'koe.kbak');
    const r = writeBackup(s.db, target);
    expect(r.bytes).toBeGreaterThan(0);
    expect(existsSync(join(s.dir, 'out', '.koe.kbak.partial'))).toBe(false);
  });

  it('keeps the newest `retention` backups', async () => {
    s = await seededStore({ submissions: 3 });
    const times = [1, 2, 3, 4, 5].map((d) => new Date(Date.UTC(2026, 10, d, 9)));
    for (const now of times) createBackup(s.db, s.dataDir, { now, retention: 3 });
    const names = listBackups(s.dataDir).map((b) => b.createdAt);
    expect(names).toEqual([times[4], times[3], times[2]].map((d) => d.toISOString()));
    expect(pruneBackups(s.dataDir, 1)).toHaveLength(2);
    expect(listBackups(s.dataDir)).toHaveLength(1);
  });

  it('runs on a schedule while the database is open, and stops when it closes', async () => {
    s = await seededStore({ submissions: 3 });
    const stop = scheduleBackups({ db: s.db, dataDir: s.dataDir, intervalMs: 60_000, firstCheckMs: 10 });
    try {
      await vi.waitFor(() => expect(listBackups(s.dataDir)).toHaveLength(1), { timeout: 5000 });
    } finally {
      stop();
    }
  });

  it('in the background: a worker\'s own connection copies one snapshot while the app keeps writing', async () => {
    s = await seededStore({ submissions: 3000 });
    const key = (await s.keys.getKey())!;
    const before = s.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
    const running = createBackupInBackground(s.path, key, s.dataDir);
    // The event loop is free: these run while the copy is being made.
    let writes = 0;
    const writer = setInterval(() => {
      act(s.db, s.ids[writes % 100], `during-${writes}`);
      writes++;
    }, 1);
    const b = await running.finally(() => clearInterval(writer));
    expect(writes).toBeGreaterThan(0);
    const bytes = readFileSync(b.path);
    expect(bytes.includes(Buffer.from(CANARY_EMAIL))).toBe(false);
    const check = verifyBackup(b.path, key);
    expect(check.submissions).toBe(3000);
    // One consistent snapshot: the outbox as it was at some moment, never half a transaction.
    expect(check.pendingItems).toBeGreaterThanOrEqual(before);
    expect(check.pendingItems).toBeLessThanOrEqual(before + writes);
    expect(() => verifyBackup(b.path, randomBytes(32))).toThrow(/does not open/);
    expect(existsSync(join(s.dataDir, 'backups', `.${b.name}.partial`))).toBe(false);
  });

  it('in the background: a damaged page fails the backup with SQLITE_CORRUPT, leaving no file', async () => {
    s = await seededStore({ submissions: 400 });
    const key = (await s.keys.getKey())!;
    const leaf = s.db.prepare("SELECT pageno FROM dbstat WHERE name = 'submissions' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 2").pluck().get() as number;
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.db.close();
    flipBytes(s.path, (leaf - 1) * 4096 + 500, 32);
    await expect(createBackupInBackground(s.path, key, s.dataDir)).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_CORRUPT/) });
    expect(listBackups(s.dataDir)).toEqual([]);
  });

  it('measures: a backup of 5,000 submissions', async () => {
    s = await seededStore({ submissions: 5000 });
    const b = createBackup(s.db, s.dataDir);
    const bg = await createBackupInBackground(s.path, (await s.keys.getKey())!, s.dataDir);
    console.log(`backup of 5000 submissions: ${Math.round(b.ms)} ms on the main thread, ${Math.round(bg.ms)} ms in a worker, ${b.bytes} bytes`);
    expect(b.bytes).toBeGreaterThan(5000 * 100);
  });
});
