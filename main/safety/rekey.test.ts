// Key rotation: the new key opens the database and its backups, the old one opens nothing; a
// rekey cut short at any step leaves a database that opens with one of the two keys (many
// SIGKILLs of a real child process in the middle of rotating).
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyFileProvider } from '../keys/key-file.js';
import { listAudit } from '../store/audit.js';
import { openDatabase, StoreError, type Db } from '../store/db.js';
import { dbPath, openStore } from '../store/open-store.js';
import { tempDir } from '../test-support/temp-store.js';
import { createBackup, listBackups, verifyBackup } from './backup.js';
import { openWithKeySlots, rekeySafetyPath, type KeyOpenOutcome } from './key-slots.js';
import { rekeyKillLoop } from './testing/rekey-kill-loop.js';
import { rekeyDatabase, rekeyFile } from './rekey.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

async function setup(rows = 2000) {
  const dir = tempDir('koe-rekey-');
  dirs.push(dir);
  const dataDir = join(dir, 'data');
  const keys = new KeyFileProvider(join(dir, 'db.key'));
  const db = await openStore(dataDir, keys);
  const ins = db.prepare('INSERT INTO kv(key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) ins.run(`row-${i}`, `opinion text ${i} `.repeat(8));
  })();
  return { dir, dataDir, keys, db, path: dbPath(dataDir) };
}

const opensWith = (path: string, key: Buffer) => {
  try {
    openDatabase({ path, key, readonly: true }).close();
    return true;
  } catch (err) {
    if (err instanceof StoreError) return false;
    throw err;
  }
};
const count = (db: Db) => (db.prepare("SELECT count(*) AS n FROM kv WHERE key LIKE 'row-%'").get() as { n: number }).n;

describe('rekey', () => {
  it('rotates the key: the new key opens the database and the backups, the old one nothing', async () => {
    const s = await setup();
    createBackup(s.db, s.dataDir);
    const oldKey = (await s.keys.getKey())!;
    const r = await rekeyDatabase(s.db, { dataDir: s.dataDir, path: s.path, keys: s.keys, actor: 'st-admin' });
    expect(r.backupsRekeyed).toBe(1);
    // The open connection keeps working under the new key.
    s.db.prepare('INSERT INTO kv(key, value) VALUES (?, ?)').run('after', 'rekey');
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(listAudit(s.db, 5).map((e) => e.action)).toContain('rekey');
    s.db.close();

    const newKey = (await s.keys.getKey())!;
    expect(newKey.equals(oldKey)).toBe(false);
    expect(opensWith(s.path, oldKey)).toBe(false);
    expect(opensWith(s.path, newKey)).toBe(true);
    const [backup] = listBackups(s.dataDir);
    expect(() => verifyBackup(backup.path, oldKey)).toThrow(/does not open/);
    expect(verifyBackup(backup.path, newKey).submissions).toBe(0);
    // No pending key, no safety copy, nothing else left behind.
    expect(existsSync(`${join(s.dir, 'db.key')}.pending`)).toBe(false);
    expect(existsSync(rekeySafetyPath(s.path))).toBe(false);
    expect(readdirSync(s.dataDir).filter((f) => !/-(wal|shm)$/.test(f)).sort()).toEqual(['backups', 'koe.db']);
    const db = await openStore(s.dataDir, s.keys);
    expect(count(db)).toBe(2000);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('a rekey that fails before it starts leaves the old key in use and nothing behind', async () => {
    const s = await setup(10);
    const oldKey = (await s.keys.getKey())!;
    await expect(
      rekeyDatabase(s.db, {
        dataDir: s.dataDir,
        path: s.path,
        keys: s.keys,
        actor: null,
        hooks: {
          beforeRekey: () => {
            throw new Error('stopped');
          },
        },
      }),
    ).rejects.toThrow('stopped');
    expect(s.db.prepare("SELECT value FROM kv WHERE key = 'row-1'").pluck().get()).toMatch(/opinion/);
    s.db.close();
    expect((await s.keys.getKey())!.equals(oldKey)).toBe(true);
    expect(existsSync(`${join(s.dir, 'db.key')}.pending`)).toBe(false);
    expect(existsSync(rekeySafetyPath(s.path))).toBe(false);
    expect(opensWith(s.path, oldKey)).toBe(true);
  });

  it('refuses while another connection has the database open, changing nothing', async () => {
    const s = await setup(10);
    const other = await openStore(s.dataDir, s.keys);
    other.prepare('SELECT count(*) FROM kv').get();
    const oldKey = (await s.keys.getKey())!;
    await expect(rekeyDatabase(s.db, { dataDir: s.dataDir, path: s.path, keys: s.keys, actor: null })).rejects.toThrow(/another program has the database open/);
    other.close();
    s.db.close();
    expect((await s.keys.getKey())!.equals(oldKey)).toBe(true);
    expect(opensWith(s.path, oldKey)).toBe(true);
  });
});

describe('opening after an interrupted rekey', () => {
  async function closed(rows = 500) {
    const s = await setup(rows);
    s.db.close();
    return { ...s, oldKey: (await s.keys.getKey())!, newKey: randomBytes(32), slot: s.keys.pendingSlot() };
  }
  const open = async (s: Awaited<ReturnType<typeof closed>>) => {
    let outcome: KeyOpenOutcome | null = null;
    const db = await openWithKeySlots(s.dataDir, s.path, s.keys, { onOutcome: (o) => (outcome = o) });
    return { db, outcome };
  };

  it('pending key written, database untouched: opens with the current key, the pending key goes', async () => {
    const s = await closed();
    await s.slot.storeKey(s.newKey);
    const { db, outcome } = await open(s);
    expect(outcome).toBe('current');
    expect(count(db)).toBe(500);
    db.close();
    expect(await s.slot.getKey()).toBeNull();
    expect((await s.keys.getKey())!.equals(s.oldKey)).toBe(true);
  });

  it('database rekeyed, key not promoted yet: opens with the pending key and promotes it', async () => {
    const s = await closed();
    await s.slot.storeKey(s.newKey);
    writeFileSync(rekeySafetyPath(s.path), readFileSync(s.path));
    rekeyFile(s.path, s.oldKey, s.newKey);
    const { db, outcome } = await open(s);
    expect(outcome).toBe('promoted_pending');
    expect(count(db)).toBe(500);
    db.close();
    expect((await s.keys.getKey())!.equals(s.newKey)).toBe(true);
    expect(await s.slot.getKey()).toBeNull();
    expect(existsSync(rekeySafetyPath(s.path))).toBe(false);
  });

  it('database half rewritten: the safety copy comes back and the interrupted file is kept aside', async () => {
    const s = await closed();
    await s.slot.storeKey(s.newKey);
    writeFileSync(rekeySafetyPath(s.path), readFileSync(s.path));
    const half = readFileSync(s.path);
    half.fill(0x5a, 0, 4096 * 3);
    writeFileSync(s.path, half);
    const { db, outcome } = await open(s);
    expect(outcome).toBe('restored_before_rekey');
    expect(count(db)).toBe(500);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const aside = readdirSync(join(s.dataDir, 'set-aside'));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/interrupted-rekey$/);
    expect(readFileSync(join(s.dataDir, 'set-aside', aside[0], 'koe.db'))).toEqual(half);
    expect((await s.keys.getKey())!.equals(s.oldKey)).toBe(true);
    expect(await s.slot.getKey()).toBeNull();
  });

  it('a damaged file with no rekey in progress is not touched', async () => {
    const s = await closed();
    const bytes = readFileSync(s.path);
    bytes.fill(0x5a, 0, 4096);
    writeFileSync(s.path, bytes);
    await expect(open(s)).rejects.toMatchObject({ code: 'wrong_key' });
    expect(readFileSync(s.path)).toEqual(bytes);
    expect(existsSync(join(s.dataDir, 'set-aside'))).toBe(false);
  });
});

describe('SIGKILL during rekey', () => {
  it('always leaves a database that opens with one of the two keys, with every acknowledged write', async () => {
    const dir = tempDir('koe-rekey-kill-');
    dirs.push(dir);
    const r = await rekeyKillLoop({ dir, iterations: Number(process.env.KOE_REKEY_KILLS ?? 25) });
    console.log(`rekey kill loop: ${JSON.stringify(r)}`);
    expect(r.failures).toEqual([]);
    expect(r.rotations).toBeGreaterThan(0);
    expect(r.acknowledged).toBeGreaterThan(0);
    // The kills land in every phase: before, during (rolled back to the safety copy) and after.
    expect(r.outcomes.current + r.outcomes.promoted_pending + r.outcomes.restored_before_rekey).toBe(r.iterations);
  }, 600_000);
});
