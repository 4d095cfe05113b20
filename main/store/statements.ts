// Named statements, prepared once per connection. Values are always bound, never concatenated.
import type { Db } from './db.js';
import type Database from 'better-sqlite3-multiple-ciphers';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

export function stmt<P extends unknown[] = unknown[], R = unknown>(db: Db, sql: string): Database.Statement<P, R> {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let s = perDb.get(sql);
  if (!s) {
    s = db.prepare(sql);
    perDb.set(sql, s);
  }
  return s as unknown as Database.Statement<P, R>;
}

export function kvGet(db: Db, key: string): string | null {
  const row = stmt<[string], { value: string }>(db, 'SELECT value FROM kv WHERE key = ?').get(key);
  return row ? row.value : null;
}
export function kvSet(db: Db, key: string, value: string): void {
  stmt(db, 'INSERT INTO kv(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
export function kvDelete(db: Db, key: string): void {
  stmt(db, 'DELETE FROM kv WHERE key = ?').run(key);
}
export function kvGetJson<T>(db: Db, key: string): T | null {
  const v = kvGet(db, key);
  return v === null ? null : (JSON.parse(v) as T);
}
export function kvSetJson(db: Db, key: string, value: unknown): void {
  kvSet(db, key, JSON.stringify(value));
}

export function getCursor(db: Db, feed: string): string | null {
  const row = stmt<[string], { cursor: string | null }>(db, 'SELECT cursor FROM feed_cursors WHERE feed = ?').get(feed);
  return row?.cursor ?? null;
}
export function setCursor(db: Db, feed: string, cursor: string | null): void {
  stmt(db, `INSERT INTO feed_cursors(feed, cursor, updated_at) VALUES (?, ?, ?)
            ON CONFLICT(feed) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`).run(feed, cursor, Date.now());
}
