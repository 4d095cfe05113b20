// Report figures against the hand-counted fixture (test-fixture.ts), through the real ingest
// functions, the triggers and the rollups in a temporary encrypted store.
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportQuery, type ReportQuery } from '../../shared/contract-reports.js';
import { applyEventItems } from '../store/ingest-events.js';
import { openDatabase } from '../store/db.js';
import { applySubmissionItems } from '../store/ingest-submissions.js';
import { applyTransferItems } from '../store/ingest-transfers.js';
import { MIGRATIONS, runMigrations } from '../store/migrations/index.js';
import { purgeSubmission } from '../store/purge.js';
import { tempStore, type TempStore } from '../test-support/temp-store.js';
import { buildReport } from './aggregates.js';
import { dirtyDayCount, refreshRollupsNow } from './rollup.js';
import { FIXTURE_NOW, FIXTURE_SUBMISSIONS, loadFixture, reply, wireEvent, wireSub } from './test-fixture.js';

let t: TempStore;
beforeEach(() => {
  t = tempStore();
  loadFixture(t.db);
});
afterEach(() => t.cleanup());

function report(q: ReportQuery) {
  refreshRollupsNow(t.db);
  return buildReport(t.db, reportQuery.parse(q), { now: FIXTURE_NOW });
}
const counts = (xs: { code: string; count: number }[]) => Object.fromEntries(xs.map((x) => [x.code, x.count]));

describe('a report over 31 October – 28 November (day by day)', () => {
  const q = { from: '2026-10-31', to: '2026-11-28' } as const;

  it('counts what was received, by every dimension, in Tokyo days', () => {
    const r = report(q);
    expect(r.asOf).toBe('2026-11-28');
    expect(r.totals).toEqual({ received: 7, open: 4, replied: 3, repliesSent: 4 });
    expect(counts(r.byCategory)).toEqual({ opinion: 4, complaint: 1, question: 1, request: 1 });
    expect(r.byCategory[0]).toEqual({ code: 'opinion', count: 4 });
    expect(counts(r.byTheme)).toEqual({ childcare: 3, tax: 1, pension: 1, economy: 1, '': 1 });
    expect(r.byTheme.at(-1)).toEqual({ code: '', count: 1 });
    // Age bands keep the reference order; "not given" comes last.
    expect(r.byAgeBand).toEqual([
      { code: '20s', count: 1 },
      { code: '30s', count: 3 },
      { code: '40s', count: 1 },
      { code: '50s', count: 1 },
      { code: '', count: 1 },
    ]);
    expect(r.byChannel).toEqual([
      { code: 'form', count: 5 },
      { code: 'email', count: 2 },
    ]);
    expect(r.byStatus).toEqual([
      { code: 'new', count: 3 },
      { code: 'in_progress', count: 1 },
      { code: 'done', count: 2 },
      { code: 'spam', count: 1 },
    ]);
  });

  it('puts each day in its own bar, the UTC-stamped one on its Tokyo day', () => {
    const r = report(q);
    expect(r.volume).toHaveLength(29);
    const nonZero = Object.fromEntries(r.volume.filter((p) => p.count > 0).map((p) => [p.period, p.count]));
    expect(nonZero).toEqual({ '2026-10-31': 1, '2026-11-01': 2, '2026-11-15': 2, '2026-11-27': 1, '2026-11-28': 1 });
  });

  it('groups by Monday-based weeks and by months', () => {
    expect(report({ ...q, granularity: 'week' }).volume).toEqual([
      { period: '2026-10-26', count: 3 },
      { period: '2026-11-02', count: 0 },
      { period: '2026-11-09', count: 2 },
      { period: '2026-11-16', count: 0 },
      { period: '2026-11-23', count: 2 },
    ]);
    expect(report({ ...q, granularity: 'month' }).volume).toEqual([
      { period: '2026-10-01', count: 1 },
      { period: '2026-11-01', count: 6 },
    ]);
  });

  it('ages the backlog from the day each opinion arrived to today', () => {
    const r = report(q);
    expect(r.backlog.rows).toEqual([
      { status: 'new', counts: [1, 1, 0, 0, 1, 0, 0], total: 3 },
      { status: 'in_progress', counts: [0, 0, 0, 0, 1, 0, 0], total: 1 },
    ]);
    expect(r.backlog.totals).toEqual([1, 1, 0, 0, 2, 0, 0]);
    expect(r.backlog.total).toBe(4);
  });

  it('measures the time to the first reply (nearest-rank median and 90th percentile)', () => {
    // First replies after 30, 120 and 600 minutes.
    expect(report(q).replies).toEqual({ replied: 3, repliesSent: 4, medianMinutes: 120, p90Minutes: 600, buckets: [1, 1, 1, 0, 0, 0, 0, 0] });
  });

  it('counts a reply after more than a week to the minute as well', () => {
    applyEventItems(t.db, [reply('R-05', '2026-11-11T00:30:00+09:00')]);
    expect(report(q).replies).toEqual({ replied: 4, repliesSent: 5, medianMinutes: 120, p90Minutes: 14_400, buckets: [1, 1, 1, 0, 0, 1, 0, 0] });
  });

  it('counts transfers made in the range by ministry and outcome', () => {
    expect(report(q).transfers).toEqual({
      rows: [
        { ministry: 'cfa', items: [0, 2, 0, 0], transfers: 1 },
        { ministry: 'mof', items: [0, 0, 1, 0], transfers: 1 },
      ],
      totals: [0, 2, 1, 0],
      transfers: 2,
    });
  });

  it('lists tags and campaign groups', () => {
    const r = report(q);
    expect(r.tags).toEqual([
      { tag: '要確認', count: 2 },
      { tag: '回付検討', count: 1 },
    ]);
    expect(r.groups).toEqual({
      rows: [{ groupId: 'g-1', count: 3, firstDay: '2026-11-01', lastDay: '2026-11-28', category: 'opinion', theme: 'childcare' }],
      groupCount: 1,
      memberCount: 3,
    });
  });
});

describe('a report over whole months (September – December)', () => {
  it('reads the monthly rollups and gives the same figures as day by day', () => {
    const r = report({ from: '2026-09-01', to: '2026-12-31', granularity: 'month' });
    expect(r.totals.received).toBe(10);
    expect(counts(r.byStatus)).toEqual({ new: 5, in_progress: 1, done: 3, spam: 1 });
    expect(r.volume).toEqual([
      { period: '2026-09-01', count: 1 },
      { period: '2026-10-01', count: 2 },
      { period: '2026-11-01', count: 6 },
      { period: '2026-12-01', count: 1 },
    ]);
    expect(r.transfers.rows).toEqual([
      { ministry: 'cfa', items: [1, 2, 0, 0], transfers: 2 },
      { ministry: 'mof', items: [0, 0, 1, 0], transfers: 1 },
    ]);
    expect(r.tags).toEqual([
      { tag: '要確認', count: 2 },
      { tag: '回付検討', count: 1 },
    ]);
    // A month plus a day either side, day-by-day granularity.
    const ragged = report({ from: '2026-10-31', to: '2026-12-01' });
    expect(ragged.totals.received).toBe(8);
    expect(ragged.volume.reduce((s, p) => s + p.count, 0)).toBe(8);
  });
});

describe('filters', () => {
  const q = { from: '2026-10-31', to: '2026-11-28' } as const;

  it('on two dimensions narrow every figure', () => {
    const r = report({ ...q, filter: { category: ['opinion'], theme: ['childcare'] } });
    expect(r.totals).toEqual({ received: 3, open: 2, replied: 2, repliesSent: 2 });
    expect(Object.fromEntries(r.volume.filter((p) => p.count).map((p) => [p.period, p.count]))).toEqual({ '2026-11-01': 1, '2026-11-15': 1, '2026-11-28': 1 });
    expect(r.replies).toMatchObject({ medianMinutes: 30, p90Minutes: 600 });
    expect(r.transfers.rows).toEqual([{ ministry: 'cfa', items: [0, 2, 0, 0], transfers: 1 }]);
    expect(r.tags).toEqual([{ tag: '要確認', count: 1 }]);
  });

  it('on one dimension (the per-dimension series) and on "not given"', () => {
    const r = report({ ...q, filter: { channel: ['email'] } });
    expect(r.totals.received).toBe(2);
    expect(r.volume.filter((p) => p.count).map((p) => p.period)).toEqual(['2026-10-31', '2026-11-15']);
    const none = report({ ...q, filter: { theme: [''] } });
    expect(none.totals.received).toBe(1);
    expect(none.volume.filter((p) => p.count).map((p) => p.period)).toEqual(['2026-11-27']);
    expect(report({ ...q, filter: { status: ['new', 'in_progress'] } }).totals.received).toBe(4);
  });

  it('with no match give zeros, not errors', () => {
    const r = report({ ...q, filter: { category: ['nothing-like-this'] } });
    expect(r.totals).toEqual({ received: 0, open: 0, replied: 0, repliesSent: 0 });
    expect(r.replies).toEqual({ replied: 0, repliesSent: 0, medianMinutes: null, p90Minutes: null, buckets: [0, 0, 0, 0, 0, 0, 0, 0] });
    expect(r.volume.every((p) => p.count === 0)).toBe(true);
  });
});

describe('the rollups stay in step with every write', () => {
  const q = { from: '2026-10-31', to: '2026-11-28' } as const;

  it('follow triage, corrections that move an opinion, tombstones and purges', () => {
    expect(report(q).totals.received).toBe(7);
    expect(dirtyDayCount(t.db)).toBe(0);

    applyEventItems(t.db, [wireEvent('R-08', 'status_set', { status: 'done' })]);
    expect(dirtyDayCount(t.db)).toBe(1);
    expect(report(q).totals.open).toBe(3);

    // The office corrects R-02's time into the range.
    const r02 = FIXTURE_SUBMISSIONS.find((s) => s.id === 'R-02')!;
    applySubmissionItems(t.db, [wireSub({ ...r02, at: '2026-11-10T10:00:00+09:00' })]);
    expect(report(q).totals.received).toBe(8);

    applySubmissionItems(t.db, [{ id: 'R-09', seq: 10_000, deleted: true, reason: 'withdrawn' }]);
    const r = report(q);
    expect(r.totals.received).toBe(7);
    expect(r.replies).toMatchObject({ replied: 2, medianMinutes: 30, p90Minutes: 120 });

    purgeSubmission(t.db, 'R-04');
    // Ties in code-point order.
    expect(report(q).tags).toEqual([
      { tag: '回付検討', count: 1 },
      { tag: '要確認', count: 1 },
    ]);
  });

  it('follow transfers: a new outcome, and a correction to an opinion in a transfer', () => {
    expect(report(q).transfers.rows[1]).toEqual({ ministry: 'mof', items: [0, 0, 1, 0], transfers: 1 });
    applyTransferItems(t.db, [{ id: 'T-2', seq: 100, ministry: 'mof', submission_ids: ['R-03'], note: '', include_contact: false, status: 'accepted', reason: null, created_by: 'st-004', created_at: '2026-11-02T10:00:00+09:00', updated_at: '2026-11-05T10:00:00+09:00' }]);
    expect(report(q).transfers.rows[1]).toEqual({ ministry: 'mof', items: [0, 1, 0, 0], transfers: 1 });
    // R-03 becomes an opinion: the complaint filter no longer finds its transfer.
    const complaints = { ...q, filter: { category: ['complaint'] } };
    expect(report(complaints).transfers.transfers).toBe(1);
    const r03 = FIXTURE_SUBMISSIONS.find((x) => x.id === 'R-03')!;
    applySubmissionItems(t.db, [wireSub({ ...r03, category: 'opinion' })]);
    expect(report(complaints).transfers.transfers).toBe(0);
  });

  it('another process’s rebuild reaches this one’s memory (by the day’s version)', () => {
    expect(report(q).totals.open).toBe(4);
    const other = openDatabase({ path: t.path, key: t.key });
    try {
      applyEventItems(other, [wireEvent('R-08', 'status_set', { status: 'done' })]);
      refreshRollupsNow(other);
    } finally {
      other.close();
    }
    expect(dirtyDayCount(t.db)).toBe(0);
    expect(buildReport(t.db, reportQuery.parse(q), { now: FIXTURE_NOW }).totals.open).toBe(3);
  });

  it('keep report_days, the SQL rollup, equal to the packed figures', () => {
    const r = report({ from: '2026-09-01', to: '2026-12-31' });
    const sql = t.db.prepare(`SELECT sum(n) AS n, sum(replied) AS replied, sum(replies) AS replies FROM report_days`).get();
    expect(sql).toEqual({ n: r.totals.received, replied: r.totals.replied, replies: r.totals.repliesSent });
    expect(t.db.prepare(`SELECT count(*) AS n FROM report_days WHERE status = 'done'`).get()).toEqual({ n: 3 });
  });

  it('marking never trips over an upsert (whose conflict handling overrides a trigger’s)', () => {
    const upsert = t.db.prepare(`INSERT INTO submissions(k, id, seq, received_at, channel, category, body, changed_at) VALUES (?, ?, ?, ?, 'form', 'opinion', 'x', 0)
      ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, category = 'question'`);
    const k = Date.parse('2026-11-20T10:00:00+09:00') * 1024;
    upsert.run(k, 'U-1', 1, '2026-11-20T10:00:00+09:00');
    upsert.run(k + 1, 'U-2', 2, '2026-11-20T10:00:00+09:00');
    upsert.run(k, 'U-1', 3, '2026-11-20T10:00:00+09:00');
    expect(counts(report(q).byCategory)).toMatchObject({ opinion: 5, question: 2 });
  });

  it('a note changes no figure and marks no day', () => {
    report(q);
    applyEventItems(t.db, [wireEvent('R-05', 'note_added', { text: '確認中' })]);
    expect(dirtyDayCount(t.db)).toBe(0);
  });

  it('what a store held before the reports migrations is rolled up on first use', () => {
    const db = new Database(join(t.dir, 'schema-3.db'));
    try {
      runMigrations(db, MIGRATIONS.slice(0, 3));
      // Today's ingest also feeds campaign grouping (migration 7): stand-in tables for it, in
      // temp, dropped before the real migrations run.
      db.exec(`CREATE TEMP TABLE similar_pending (k INTEGER PRIMARY KEY);
               CREATE TEMP TABLE similar_sigs (n INTEGER PRIMARY KEY AUTOINCREMENT, k INTEGER NOT NULL UNIQUE, sig BLOB NOT NULL, trigrams INTEGER NOT NULL);`);
      loadFixture(db);
      db.exec('DROP TABLE temp.similar_pending; DROP TABLE temp.similar_sigs;');
      runMigrations(db, MIGRATIONS);
      // Eight distinct Tokyo days hold the ten opinions; the three transfers were made on three others.
      expect(dirtyDayCount(db)).toBe(11);
      refreshRollupsNow(db);
      expect(buildReport(db, reportQuery.parse(q), { now: FIXTURE_NOW }).totals.received).toBe(7);
    } finally {
      db.close();
    }
  });
});
