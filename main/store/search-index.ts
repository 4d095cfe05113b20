// The trigram search index over subject and body. Rows are written first and indexed in
// batches afterwards (newest first), so a large first sync puts the inbox on screen long
// before the index has caught up; fts_pending lists the rows not indexed yet. A deleted row
// leaves the index in the same transaction, so search never returns it.
//
// Terms of one or two characters (Japanese words are often two: 年金, 介護) have no trigram of
// their own. Each indexed column ends in two end marks, so every occurrence of a short term
// begins some trigram ("…年金" at the very end is indexed as "年金␃"); the vocabulary table lists
// the trigrams that begin with the term, and the search matches any of them: the same rows as
// a LIKE scan, through the index.
import { codePointLength } from '../../shared/office-api.js';
import type { Db } from './db.js';
import { stmt } from './statements.js';

/** Appended to each indexed column; U+0003 is stripped from search terms, so it matches only here. */
export const END_MARKS = '\u0003\u0003';
/** The same, for text indexed in SQL. */
const END_MARKS_SQL = 'char(3, 3)';

/** A column's text as the index holds it (an external-content index must be given exactly this to delete it). */
export function indexedText(v: string | null): string | null {
  return v === null ? null : v + END_MARKS;
}

export function markForIndexing(db: Db, k: number): void {
  stmt(db, 'INSERT OR IGNORE INTO fts_pending(k) VALUES (?)').run(k);
}

/** Takes a row out of the index (or out of the queue, if it was not indexed yet). */
export function unindexRow(db: Db, k: number, subject: string | null, body: string): void {
  const queued = stmt(db, 'DELETE FROM fts_pending WHERE k = ?').run(k).changes > 0;
  if (!queued) {
    stmt(db, `INSERT INTO submissions_fts(submissions_fts, rowid, subject, body) VALUES ('delete', ?, ?, ?)`).run(k, indexedText(subject), indexedText(body));
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
              SELECT s.k, s.subject || ${END_MARKS_SQL}, s.body || ${END_MARKS_SQL} FROM fts_pending p JOIN submissions s ON s.k = p.k
              WHERE p.k BETWEEN ? AND ?`).run(lo, hi);
    stmt(db, 'DELETE FROM fts_pending WHERE k BETWEEN ? AND ?').run(lo, hi);
    return ks.length;
  }).immediate();
}

export function indexPendingCount(db: Db): number {
  return (stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM fts_pending').get()!).n;
}

/**
 * Beyond this many trigrams a short term is scanned with LIKE instead: a single common
 * character can begin thousands, and an OR of thousands costs more than the scan it replaces.
 */
export const MAX_PREFIX_TRIGRAMS = 2000;

export interface SearchPlan {
  /** An FTS5 MATCH expression (all terms must match), or null when no term goes through the index. */
  match: string | null;
  /** Short terms that begin too many trigrams: scanned with LIKE. */
  likes: string[];
  /** A short term begins no indexed trigram: no indexed row contains it. */
  none: boolean;
}

/** The indexed trigrams that begin with a 1- or 2-character term; null when there are too many. */
export type PrefixTrigrams = (term: string) => string[] | null;

const quote = (t: string) => `"${t.replaceAll('"', '""')}"`;
// Control characters (the end marks among them) are never part of a term.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/gu;

/** Splits a search into terms (all must match); each term is matched as a literal substring. */
export function planSearch(text: string, prefixTrigrams: PrefixTrigrams): SearchPlan {
  const terms = text.replace(CONTROL, ' ').split(/[\s\u3000]+/u).filter(Boolean);
  const match: string[] = [];
  const likes: string[] = [];
  let none = false;
  for (const term of terms) {
    if (codePointLength(term) >= 3) {
      match.push(quote(term));
      continue;
    }
    const trigrams = prefixTrigrams(term);
    if (trigrams === null) likes.push(term);
    else if (trigrams.length === 0) none = true;
    else match.push(trigrams.length === 1 ? quote(trigrams[0]) : `(${trigrams.map(quote).join(' OR ')})`);
  }
  return { match: match.length ? match.join(' AND ') : null, likes, none };
}

/** The vocabulary lookup for planSearch: one range scan of the index's terms. */
export function prefixTrigramsIn(db: Db, max = MAX_PREFIX_TRIGRAMS): PrefixTrigrams {
  return (term) => {
    // The index folds case; its terms sort by their UTF-8 bytes, which is code point order.
    const lower = term.toLowerCase();
    const cps = [...lower];
    const last = cps.pop()!.codePointAt(0)!;
    const upper = cps.join('') + String.fromCodePoint(Math.min(last + 1, 0x10ffff));
    const rows = stmt<[string, string, number], { term: string }>(
      db,
      'SELECT term FROM submissions_fts_terms WHERE term >= ? AND term < ? LIMIT ?',
    ).all(lower, upper, max + 1);
    return rows.length > max ? null : rows.map((r) => r.term);
  };
}

/** A LIKE pattern matching `term` literally anywhere. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
