// The floors: what better-sqlite3 alone does with the same rows, the same schema and the same
// connection settings (encrypted, WAL, synchronous=FULL), with none of Koe's code in between —
// no HTTP, no validation, no sort-key probing, no triage bookkeeping. A Koe figure is judged
// against these, measured in the same run on the same machine.
import type { Db } from '../main/store/db.js';
import { SubmissionLog } from '../main/simulator/submission-log.js';
import { indexedText } from '../main/store/search-index.js';
import { since } from './stats.js';
import { SIM_NOW, SIM_SEED, databaseSizeMb, freshStore, label, removeDir, throttled } from './workspace.js';

/** The floor upserts in pages of 500, one transaction each. */
export const FLOOR_PAGE = 500;

export interface RawIngestResult {
  withIndex: boolean;
  items: number;
  /** Time inside the page transactions only (commit included). */
  dbSeconds: number;
  /** CPU time (user + system) inside the page transactions. */
  dbCpuSeconds: number;
  /** Generating the same items (the simulator's code), not counted in dbSeconds. */
  generateSeconds: number;
  sizeMb: number;
}

type Item = Record<string, unknown>;
const text = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

/**
 * Upserts the simulator's feed (the very items /v1/submissions serves, corrections and
 * tombstones included) in pages of FLOOR_PAGE. With `withIndex`, the trigram FTS index is kept
 * in step row by row inside the same transaction, as a naive client would do it.
 */
export function measureRawIngest(n: number, withIndex: boolean): RawIngestResult {
  const name = `floor ${label(n)} (raw upsert${withIndex ? ' + FTS in step' : ''})`;
  const log = new SubmissionLog({ seed: SIM_SEED, count: n, nowMs: SIM_NOW.getTime() });
  const { db, ...store } = freshStore(`floor-${withIndex ? 'fts' : 'rows'}-${label(n)}`);
  try {
    // Plain INSERT / UPDATE rather than an UPSERT: an UPSERT's conflict handling carries into
    // triggers, and the schema has triggers on submissions (the report rollups' dirty days).
    const insert = db.prepare(
      `INSERT INTO submissions(k, id, seq, received_at, channel, category, theme, subject, body, age_band, email, language, changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = db.prepare(
      `UPDATE submissions SET seq = ?, received_at = ?, channel = ?, category = ?, theme = ?, subject = ?, body = ?,
         age_band = ?, email = ?, language = ?, changed_at = ? WHERE k = ?`,
    );
    const previous = db.prepare<[string], { k: number; seq: number; subject: string | null; body: string }>(
      'SELECT k, seq, subject, body FROM submissions WHERE id = ?',
    );
    const remove = db.prepare<[string], { k: number; subject: string | null; body: string }>(
      'DELETE FROM submissions WHERE id = ? RETURNING k, subject, body',
    );
    const ftsInsert = db.prepare('INSERT INTO submissions_fts(rowid, subject, body) VALUES (?, ?, ?)');
    const ftsDelete = db.prepare(`INSERT INTO submissions_fts(submissions_fts, rowid, subject, body) VALUES ('delete', ?, ?, ?)`);

    const applyOne = (it: Item, now: number) => {
      const id = String(it.id);
      if (it.deleted === true) {
        const gone = remove.get(id);
        if (gone && withIndex) ftsDelete.run(gone.k, indexedText(gone.subject), indexedText(gone.body));
        return;
      }
      const seq = Number(it.seq);
      const subject = text(it.subject);
      const body = String(it.body);
      const fields = [it.received_at, it.channel, it.category, text(it.theme), subject, body, text(it.age_band), text(it.email), text(it.language), now];
      const prev = previous.get(id);
      if (prev && prev.seq >= seq) return;
      let k: number;
      if (prev) {
        k = prev.k;
        if (withIndex) ftsDelete.run(k, indexedText(prev.subject), indexedText(prev.body));
        update.run(seq, ...fields, k);
      } else {
        // Sort key as Koe defines it (ms × 1024 + tie-breaker); the floor takes seq as the
        // tie-breaker instead of probing for a free slot.
        k = Date.parse(String(it.received_at)) * 1024 + (seq % 1024);
        insert.run(k, id, seq, ...fields);
      }
      if (withIndex) ftsInsert.run(k, indexedText(subject), indexedText(body));
    };
    const applyPage = db.transaction((items: Item[]) => {
      const now = Date.now();
      for (const it of items) applyOne(it, now);
    });

    const total = log.length();
    const report = throttled(5000);
    let dbMs = 0;
    let genMs = 0;
    let cpuMicros = 0;
    for (let start = 0; start < total; start += FLOOR_PAGE) {
      const g0 = performance.now();
      const items: Item[] = [];
      for (let p = start; p < Math.min(total, start + FLOOR_PAGE); p++) items.push(log.itemAt(p));
      genMs += since(g0);
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      applyPage.immediate(items);
      dbMs += since(t0);
      const used = process.cpuUsage(cpu);
      cpuMicros += used.user + used.system;
      report(() => `${name}: ${(start + items.length).toLocaleString('en-US')} items, ${Math.round((start + items.length) / (dbMs / 1000)).toLocaleString('en-US')} items/s`);
    }
    const sizeMb = databaseSizeMb(db, store.path);
    return { withIndex, items: total, dbSeconds: dbMs / 1000, dbCpuSeconds: cpuMicros / 1e6, generateSeconds: genMs / 1000, sizeMb };
  } finally {
    db.close();
    removeDir(store.dir);
  }
}

/** The row's own columns an inbox line shows, without Koe's per-row subqueries (group size,
 * returned-by): what a page costs SQLite at the least. */
const FLOOR_COLUMNS = `s.k, s.id, s.received_at, s.channel, s.category, s.theme, s.age_band, s.subject, substr(s.body, 1, 200) AS excerpt,
  s.language, s.status, s.tags, s.assignee, s.marks, s.replies_count, s.notes_count, s.changed_at, s.group_id, s.pending`;

/** Hand-written statements for the inbox and search, prepared once: the query floors. */
export function rawQueries(db: Db) {
  return {
    firstPage: db.prepare(`SELECT ${FLOOR_COLUMNS} FROM submissions s ORDER BY s.k DESC LIMIT ?`),
    nextPage: db.prepare(`SELECT ${FLOOR_COLUMNS} FROM submissions s WHERE s.k < ? ORDER BY s.k DESC LIMIT ?`),
    rowCount: db.prepare('SELECT count(*) AS n FROM submissions'),
    searchTop: db.prepare('SELECT rowid FROM submissions_fts WHERE submissions_fts MATCH ? ORDER BY rowid DESC LIMIT ?'),
    searchNext: db.prepare('SELECT rowid FROM submissions_fts WHERE submissions_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?'),
    searchCount: db.prepare('SELECT count(*) AS n FROM submissions_fts WHERE submissions_fts MATCH ?'),
    prefixTerms: db.prepare('SELECT term FROM submissions_fts_terms WHERE term >= ? AND term < ?'),
    likeTop: db.prepare(`SELECT k FROM submissions WHERE body LIKE ? ESCAPE '\\' OR subject LIKE ? ESCAPE '\\' ORDER BY k DESC LIMIT ?`),
    likeCount: db.prepare(`SELECT count(*) AS n FROM submissions WHERE body LIKE ? ESCAPE '\\' OR subject LIKE ? ESCAPE '\\'`),
  };
}
