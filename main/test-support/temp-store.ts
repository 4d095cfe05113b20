// A real encrypted database on disk in a temporary dir, for tests.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../store/db.js';
import { MIGRATIONS, runMigrations } from '../store/migrations/index.js';

export interface TempStore {
  db: Db;
  dir: string;
  path: string;
  key: Buffer;
  reopen(): Db;
  cleanup(): void;
}

export function tempDir(prefix = 'koe-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempStore(): TempStore {
  const dir = tempDir();
  const path = join(dir, 'koe.db');
  const key = randomBytes(32);
  const t: TempStore = {
    db: openDatabase({ path, key }),
    dir,
    path,
    key,
    reopen() {
      if (t.db.open) t.db.close();
      t.db = openDatabase({ path, key });
      return t.db;
    },
    cleanup() {
      if (t.db.open) t.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

let seqCounter = 1;
/** A valid wire submission with overridable fields. */
export function wireSubmissionFixture(over: Record<string, unknown> = {}) {
  const n = seqCounter++;
  return {
    id: `S-T-${n}`,
    seq: n,
    received_at: `2026-11-${String(1 + (n % 27)).padStart(2, '0')}T09:${String(n % 60).padStart(2, '0')}:00+09:00`,
    channel: 'form',
    category: 'opinion',
    theme: 'childcare',
    subject: null,
    body: `子育て支援についての意見 ${n}`,
    age_band: '30s',
    email: `citizen${n}@example.jp`,
    language: 'ja',
    ...over,
  };
}

/**
 * For a migration test: the temp store's file made anew (not the one tempStore migrated to the
 * latest version) and migrated only up to `version`. The caller closes the returned connection.
 */
export function databaseAtSchema(t: TempStore, version: number): Db {
  t.db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(t.path + suffix, { force: true });
  const db = openDatabase({ path: t.path, key: t.key, migrate: false });
  runMigrations(db, MIGRATIONS.slice(0, version));
  return db;
}
