// Terms of one or two characters go through the trigram index (the trigrams they begin) and
// find exactly what a substring scan finds: at the start, the middle and the very end of a
// subject or a body, after corrections and deletions, in either case for Latin letters.
import { afterEach, describe, expect, it } from 'vitest';
import { applySubmissionItems } from './ingest-submissions.js';
import { countInbox, idsMatching, listInbox } from './inbox-queries.js';
import { MIGRATIONS, runMigrations } from './migrations/index.js';
import { indexBatch, planSearch, prefixTrigramsIn } from './search-index.js';
import { databaseAtSchema, tempStore, wireSubmissionFixture, type TempStore } from '../test-support/temp-store.js';
import { seededRandom } from '../simulator/data/random.js';

let t: TempStore | null = null;
afterEach(() => t?.cleanup());
const ctx = { meId: 'st-001', seenAt: 0 };

// A small alphabet, so that short terms occur often, at every position, and across columns.
const ALPHABET = ['年', '金', '介', '護', 'a', 'B', 'の', '。', ' ', '"', '%', '_'];
function text(random: () => number, max: number): string {
  const n = 1 + Math.floor(random() * max);
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return out;
}
const contains = (v: string | null, term: string) => v !== null && v.toLowerCase().includes(term.toLowerCase());

describe('one- and two-character search through the trigram index', () => {
  it('finds exactly the rows a substring scan finds, newest first, and counts them', () => {
    t = tempStore();
    const random = seededRandom(8);
    const rows = new Map<string, { subject: string | null; body: string }>();
    const items = Array.from({ length: 400 }, (_, i) => {
      const subject = random() < 0.3 ? null : text(random, 4);
      const body = text(random, 12);
      const item = wireSubmissionFixture({ subject, body, received_at: new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString() });
      rows.set(item.id, { subject, body });
      return item;
    });
    applySubmissionItems(t.db, items);
    // Some are corrected and some deleted after they were indexed.
    while (indexBatch(t.db) > 0);
    const later = items.slice(0, 60).map((it, i) => {
      if (i % 2) {
        rows.delete(it.id);
        return { id: it.id, seq: it.seq + 100, deleted: true as const, reason: 'withdrawn' };
      }
      const body = text(random, 12);
      rows.set(it.id, { subject: rows.get(it.id)!.subject, body });
      return { ...it, seq: it.seq + 100, body };
    });
    applySubmissionItems(t.db, later);
    while (indexBatch(t.db) > 0);

    const printable = ALPHABET.filter((c) => c !== ' ');
    const terms = [...printable, ...printable.flatMap((a) => printable.map((b) => a + b)), 'A', 'b', 'Ab', '護年金', '無'];
    const newestFirst = [...items].reverse().map((it) => it.id);
    let checked = 0;
    for (const term of terms) {
      const expected = newestFirst.filter((id) => rows.has(id) && (contains(rows.get(id)!.subject, term) || contains(rows.get(id)!.body, term)));
      expect(idsMatching(t.db, { search: term }, ctx), term).toEqual(expected);
      expect(countInbox(t.db, { search: term }, ctx), term).toBe(expected.length);
      checked += expected.length;
    }
    expect(checked).toBeGreaterThan(1000);
    // Two terms: both must match; a page is the newest of them.
    const both = newestFirst.filter((id) => rows.has(id) && ['年', 'a'].every((x) => contains(rows.get(id)!.subject, x) || contains(rows.get(id)!.body, x)));
    expect(both.length).toBeGreaterThan(5);
    expect(listInbox(t.db, { filter: { search: '年 a' }, limit: 5 }, ctx).items.map((r) => r.id)).toEqual(both.slice(0, 5));
  });

  it('is driven by the index, not a scan of every row', () => {
    t = tempStore();
    applySubmissionItems(t.db, [wireSubmissionFixture({ body: '障害年金' })]);
    indexBatch(t.db);
    const plan = planSearch('年金', prefixTrigramsIn(t.db));
    expect(plan).toEqual({ match: '"年金\u0003"', likes: [], none: false });
    const detail = (t.db.prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM submissions_fts WHERE submissions_fts MATCH ? ORDER BY rowid DESC LIMIT 100`).all(plan.match) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(detail).toMatch(/VIRTUAL TABLE INDEX/);
    expect(planSearch('介護', prefixTrigramsIn(t.db))).toEqual({ match: null, likes: [], none: true });
  });

  it('a term that begins too many trigrams is scanned with LIKE instead, with the same rows', () => {
    t = tempStore();
    const items = ['年金制度', '年金の額', '年金生活', '介護'].map((body) => wireSubmissionFixture({ body }));
    applySubmissionItems(t.db, items);
    indexBatch(t.db);
    expect(planSearch('年金 介護', prefixTrigramsIn(t.db, 2))).toEqual({ match: '"介護\u0003"', likes: ['年金'], none: false });
    expect(planSearch('年金', prefixTrigramsIn(t.db, 3)).match).toBe('("年金の" OR "年金制" OR "年金生")');
    expect(countInbox(t.db, { search: '年金' }, ctx)).toBe(3);
  });

  it('control characters in a search are separators, never the end marks', () => {
    t = tempStore();
    applySubmissionItems(t.db, [wireSubmissionFixture({ body: '年金' })]);
    indexBatch(t.db);
    expect(countInbox(t.db, { search: '金\u0003' }, ctx)).toBe(1);
    applySubmissionItems(t.db, [wireSubmissionFixture({ body: '介護' })]);
    indexBatch(t.db);
    // Nothing but control characters is no term at all: every opinion.
    expect(countInbox(t.db, { search: '\u0003\u0003' }, ctx)).toBe(2);
  });
});

describe('migration 8 (short terms)', () => {
  it('indexes the opinions already held again, with the end marks, in the background', () => {
    t = tempStore();
    const db = databaseAtSchema(t, 7);
    const insert = db.prepare(`INSERT INTO submissions(k, id, seq, received_at, channel, category, subject, body, changed_at) VALUES (?, ?, ?, '2026-11-01T00:00:00Z', 'form', 'opinion', ?, ?, 0)`);
    insert.run(1, 'S-A', 1, '障害年金', '受給について');
    insert.run(2, 'S-B', 2, null, '介護保険料の負担');
    // Indexed as schema 7 did: without end marks.
    db.exec(`INSERT INTO submissions_fts(rowid, subject, body) SELECT k, subject, body FROM submissions`);
    runMigrations(db, MIGRATIONS.slice(0, 8));
    expect(db.prepare('SELECT count(*) AS n FROM fts_pending').get()).toEqual({ n: 2 });
    expect(db.prepare(`SELECT k, v FROM submissions_fts_config WHERE k IN ('automerge', 'crisismerge') ORDER BY k`).all()).toEqual([
      { k: 'automerge', v: 16 },
      { k: 'crisismerge', v: 64 },
    ]);
    while (indexBatch(db) > 0);
    expect(idsMatching(db, { search: '年金' }, ctx)).toEqual(['S-A']);
    expect(idsMatching(db, { search: '介護保険' }, ctx)).toEqual(['S-B']);
    // Nothing of the old index is left over: a row deleted from it leaves no trace.
    expect(db.prepare(`SELECT count(*) AS n FROM submissions_fts WHERE submissions_fts MATCH '"受給に"'`).get()).toEqual({ n: 1 });
    db.close();
  });
});
