// The trigram search index over subject and body. Rows are written first and indexed in
// batches afterwards (newest first), so a large first sync puts the inbox on screen long
// before the index has caught up; fts_pending lists the rows not indexed yet. A deleted row
// leaves the index in the same transaction, so search never returns it.
import { codePointLength } from '../../shared/office-api.js';
import type { Db } from './db.js';
import { stmt } from './statements.js';

export function markForIndexing(db: Db, k: number): void {
  stmt(db, 'INSERT OR IGNORE INTO fts_pending(k) VALUES (?)').run(k);
}

/** Takes a row out of the index (or out of the queue, if it was not indexed yet). */
export function unindexRow(db: Db, k: number, subject: string | null, body: string): void {
  const queued = stmt(db, 'DELETE FROM fts_pending WHERE k = ?').run(k).changes > 0;
  if (!queued) {
    stmt(db, `INSERT INTO submissions_fts(submissions_fts, rowid, subject, body) VALUES ('delete', ?, ?, ?)`).run(k, subject, body);
  }
}

/** Indexes up to `batch` queued rows, newest first; returns how many were indexed. */
export function indexBatch(db: Db, batch = 2000): number {
  return db.transaction(() => {
    const ks = stmt<[number], { k: number }>(db, 'SELECT k FROM fts_pending ORDER BY k DESC LIMIT ?').all(batch);
    if (ks.length === 0) return 0;
    const lo = ks[ks.length - 1].k;
    const hi = ks[0].k;
    // Rows in the range that are queued: one INSERT … SELECT is much faster than one per row.
    stmt(db, `INSERT INTO submissions_fts(rowid, subject, body)
              SELECT s.k, s.subject, s.body FROM fts_pending p JOIN submissions s ON s.k = p.k
              WHERE p.k BETWEEN ? AND ?`).run(lo, hi);
    stmt(db, 'DELETE FROM fts_pending WHERE k BETWEEN ? AND ?').run(lo, hi);
    return ks.length;
  }).immediate();
}

export function indexPendingCount(db: Db): number {
  return (stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM fts_pending').get()!).n;
}

export interface SearchPlan {
  /** An FTS5 MATCH expression for the terms of 3+ characters, or null. */
  match: string | null;
  /** Terms under 3 characters: the trigram index cannot find them, so they are scanned with LIKE. */
  likes: string[];
}

/** Splits a search into terms (all must match); each term is matched as a literal substring. */
export function planSearch(text: string): SearchPlan {
  const terms = text.split(/[\s\u3000]+/u).filter(Boolean);
  const long = terms.filter((t) => codePointLength(t) >= 3);
  const short = terms.filter((t) => codePointLength(t) < 3);
  return {
    match: long.length ? long.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ') : null,
    likes: short,
  };
}

/** A LIKE pattern matching `term` literally anywhere. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
