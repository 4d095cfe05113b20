// A real encrypted Koe database in a temp dir, loaded with sample texts: what the tests, the
// measurements and the benchmark group. Not used by the app.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../store/db.js';
import { queueForGrouping } from './queue.js';

export interface SampleDb {
  db: Db;
  /** k of the i-th inserted text. */
  ks: number[];
  close(): void;
}

export function openSampleDb(): Omit<SampleDb, 'ks'> {
  const dir = mkdtempSync(join(tmpdir(), 'koe-similar-'));
  const db = openDatabase({ path: join(dir, 'koe.db'), key: randomBytes(32) });
  return {
    db,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const BASE_MS = Date.parse('2026-01-05T00:00:00Z');

/** Inserts texts in arrival order (one second apart) and queues them for grouping. */
export function insertTexts(db: Db, bodies: readonly string[], from = 0): number[] {
  const insert = db.prepare(
    `INSERT INTO submissions(k, id, seq, received_at, channel, category, body, changed_at)
     VALUES (?, ?, ?, ?, 'form', 'opinion', ?, 0)`,
  );
  const ks: number[] = [];
  db.transaction(() => {
    bodies.forEach((body, j) => {
      const i = from + j;
      const ms = BASE_MS + i * 1000;
      const k = ms * 1024;
      insert.run(k, `s-${String(i).padStart(7, '0')}`, i + 1, new Date(ms).toISOString(), body);
      queueForGrouping(db, k);
      ks.push(k);
    });
  })();
  return ks;
}

export function sampleDb(bodies: readonly string[]): SampleDb {
  const s = openSampleDb();
  return { ...s, ks: insertTexts(s.db, bodies) };
}

export function groupIds(db: Db, ks: readonly number[]): (string | null)[] {
  const get = db.prepare<[number], { group_id: string | null }>('SELECT group_id FROM submissions WHERE k = ?');
  return ks.map((k) => get.get(k)?.group_id ?? null);
}
