import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, StoreError, WRONG_KEY_MESSAGE } from './db.js';
import { MIGRATIONS, runMigrations, schemaVersion, SCHEMA_VERSION } from './migrations/index.js';
import { tempStore, type TempStore } from '../test-support/temp-store.js';

let t: TempStore;
afterEach(() => t?.cleanup());

const hashDir = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));

describe('encrypted store', () => {
  it('sets the pragmas that keep work safe', () => {
    t = tempStore();
    expect(t.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(t.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(t.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(t.db.pragma('cipher', { simple: true })).toBe('sqlcipher');
  });

  it('is encrypted on disk: no SQLite header, no plaintext', () => {
    t = tempStore();
    t.db.prepare('INSERT INTO kv(key, value) VALUES (?, ?)').run('canary', 'カナリア-canary-7f3a');
    t.db.close();
    const bytes = readFileSync(t.path);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(bytes.includes(Buffer.from('canary-7f3a'))).toBe(false);
  });

  it('a wrong key is refused with a clear message and nothing is changed', () => {
    t = tempStore();
    t.db.prepare('INSERT INTO kv(key, value) VALUES (?, ?)').run('x', 'y');
    t.db.close();
    const before = hashDir(t.dir);
    expect(() => openDatabase({ path: t.path, key: randomBytes(32) })).toThrow(WRONG_KEY_MESSAGE);
    expect(hashDir(t.dir)).toEqual(before);
    t.reopen();
    expect(t.db.prepare('SELECT value FROM kv WHERE key = ?').get('x')).toEqual({ value: 'y' });
  });

  it('a database from a newer Koe is refused and left untouched', () => {
    t = tempStore();
    t.db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    t.db.close();
    const before = hashDir(t.dir);
    let err: unknown;
    try {
      openDatabase({ path: t.path, key: t.key });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('newer_schema');
    expect((err as Error).message).toMatch(/newer version of Koe/);
    expect(hashDir(t.dir)).toEqual(before);
  });
});

describe('migrations', () => {
  it('each migration applies on its own to a fresh database, in a transaction, recorded in user_version', () => {
    t = tempStore();
    t.db.close();
    for (let n = 1; n <= MIGRATIONS.length; n++) {
      const fresh = tempStore();
      try {
        fresh.db.close();
        // An empty file, not the one tempStore migrated to the latest version.
        for (const suffix of ['', '-wal', '-shm']) rmSync(fresh.path + suffix, { force: true });
        const db = openDatabase({ path: fresh.path, key: fresh.key, migrate: false });
        expect(runMigrations(db, MIGRATIONS.slice(0, n))).toBe(n);
        expect(schemaVersion(db)).toBe(n);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        db.close();
      } finally {
        fresh.cleanup();
      }
    }
  });

  it('a failing migration leaves the database at the previous version', () => {
    t = tempStore();
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', up: (db: typeof t.db) => db.exec('CREATE TABLE kv(x)') }];
    expect(() => runMigrations(t.db, broken)).toThrow(/migration .* failed/);
    expect(schemaVersion(t.db)).toBe(MIGRATIONS.length);
  });

  it('migration 1 creates the tables the app relies on', () => {
    t = tempStore();
    const tables = (t.db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    for (const name of ['submissions', 'submissions_fts', 'fts_pending', 'events', 'outbox', 'tombstones', 'quarantine', 'feed_cursors', 'audit_log', 'transfers']) {
      expect(tables).toContain(name);
    }
    expect(() => t.db.prepare("INSERT INTO audit_log(at, action, detail, prev_hash, hash) VALUES ('x','y','{}','a','b')").run()).not.toThrow();
    expect(() => t.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});
