import { afterEach, describe, expect, it } from 'vitest';
import { applySubmissionItems } from './ingest-submissions.js';
import { applyEventItems } from './ingest-events.js';
import { indexBatch, indexPendingCount } from './search-index.js';
import { countInbox, listInbox } from './inbox-queries.js';
import { listQuarantine } from './quarantine.js';
import { getSubmission } from './submission-queries.js';
import { applyAction } from '../triage/commands.js';
import { tempStore, wireSubmissionFixture, type TempStore } from '../test-support/temp-store.js';

let t: TempStore;
afterEach(() => t?.cleanup());
const ctx = { meId: 'st-001', seenAt: 0 };
const search = (text: string) => listInbox(t.db, { filter: { search: text }, limit: 100 }, ctx).items.map((r) => r.id);
const count = (sql: string, ...p: unknown[]) => (t.db.prepare(sql).get(...p) as { n: number }).n;
const event = (seq: number, submission_id: string, type: string, payload: object, id = `ev-${seq}`) => ({
  id, seq, submission_id, type, payload, staff_id: 'st-002', created_at: '2026-11-28T10:00:00+09:00',
});

describe('submissions feed', () => {
  it('applies idempotently: overlapping and repeated pages change nothing', () => {
    t = tempStore();
    const items = [wireSubmissionFixture(), wireSubmissionFixture(), wireSubmissionFixture()];
    const first = t.db.transaction(() => applySubmissionItems(t.db, items))();
    expect(first.updated).toBe(3);
    const again = t.db.transaction(() => applySubmissionItems(t.db, [...items, ...items]))();
    expect(again.updated).toBe(0);
    expect(again.unchanged).toBe(6);
    expect(count('SELECT count(*) AS n FROM submissions')).toBe(3);
  });

  it('a later seq for the same id wins; an older one changes nothing', () => {
    t = tempStore();
    const s = wireSubmissionFixture({ body: '最初の本文です' });
    applySubmissionItems(t.db, [s]);
    applySubmissionItems(t.db, [{ ...s, seq: s.seq + 100, body: '訂正された本文です' }]);
    applySubmissionItems(t.db, [{ ...s, seq: s.seq + 50, body: '古い訂正' }]);
    expect(getSubmission(t.db, s.id)?.body).toBe('訂正された本文です');
    indexBatch(t.db);
    expect(search('訂正され')).toEqual([s.id]);
    expect(search('最初の本')).toEqual([]);
  });

  it('a tombstone purges the submission, its events, pending work and search entries', () => {
    t = tempStore();
    const s = wireSubmissionFixture({ body: '防災無線の放送が聞こえにくい' });
    applySubmissionItems(t.db, [s]);
    indexBatch(t.db);
    applyEventItems(t.db, [event(1, s.id, 'note_added', { text: '担当課へ確認' }), event(2, s.id, 'tag_added', { tag: '要確認' })]);
    applyAction(t.db, [s.id], { type: 'status_set', status: 'done' }, 'st-001');
    expect(search('防災無線')).toEqual([s.id]);
    applySubmissionItems(t.db, [{ id: s.id, seq: s.seq + 1, deleted: true, reason: 'withdrawn' }]);
    expect(getSubmission(t.db, s.id)).toBeNull();
    for (const table of ['events', 'outbox', 'submission_tags']) expect(count(`SELECT count(*) AS n FROM ${table} WHERE submission_id = ?`, s.id)).toBe(0);
    expect(search('防災無線')).toEqual([]);
    expect(count(`SELECT count(*) AS n FROM submissions_fts WHERE submissions_fts MATCH '"防災無線"'`)).toBe(0);
    // Older items and events for it change nothing now.
    applySubmissionItems(t.db, [s]);
    applyEventItems(t.db, [event(3, s.id, 'tag_added', { tag: 'x' })]);
    expect(getSubmission(t.db, s.id)).toBeNull();
    expect(count('SELECT count(*) AS n FROM events')).toBe(0);
  });

  it('a tombstone for an id never seen is fine and blocks older versions', () => {
    t = tempStore();
    applySubmissionItems(t.db, [{ id: 'S-NEVER', seq: 50, deleted: true, reason: 'legal' }]);
    applySubmissionItems(t.db, [wireSubmissionFixture({ id: 'S-NEVER', seq: 10 })]);
    expect(getSubmission(t.db, 'S-NEVER')).toBeNull();
    applySubmissionItems(t.db, [wireSubmissionFixture({ id: 'S-NEVER', seq: 60 })]);
    expect(getSubmission(t.db, 'S-NEVER')).not.toBeNull();
  });

  it('invalid items are quarantined once each with the reason, and the page goes on', () => {
    t = tempStore();
    const good = wireSubmissionFixture();
    const bad = [
      { seq: 5, body: 'no id' },
      wireSubmissionFixture({ seq: 1.5 }),
      wireSubmissionFixture({ received_at: 'yesterday' }),
      wireSubmissionFixture({ body: '' }),
      wireSubmissionFixture({ channel: 'fax' }),
      'not even an object',
    ];
    const c = applySubmissionItems(t.db, [...bad, good, ...bad]);
    expect(c.updated).toBe(1);
    expect(c.quarantined).toBe(12);
    const q = listQuarantine(t.db);
    expect(q).toHaveLength(6);
    expect(q.map((x) => x.reason).join('\n')).toMatch(/channel/);
    expect(q.every((x) => x.times_seen === 2)).toBe(true);
    expect(getSubmission(t.db, good.id)).not.toBeNull();
  });

  it('keeps unknown fields and unknown codes as they are', () => {
    t = tempStore();
    const s = wireSubmissionFixture({ category: 'brand_new_category', priority: 'high' });
    applySubmissionItems(t.db, [s]);
    const r = getSubmission(t.db, s.id)!;
    expect(r.category).toBe('brand_new_category');
    expect(JSON.parse(r.extra!)).toEqual({ priority: 'high' });
  });
});

describe('events feed', () => {
  it('keeps events for a submission not received yet and applies them when it arrives', () => {
    t = tempStore();
    const s = wireSubmissionFixture();
    applyEventItems(t.db, [event(1, s.id, 'status_set', { status: 'in_progress' }), event(2, s.id, 'tag_added', { tag: '年金' })]);
    applySubmissionItems(t.db, [s]);
    const r = getSubmission(t.db, s.id)!;
    expect(r.status).toBe('in_progress');
    expect(JSON.parse(r.tags)).toEqual(['年金']);
  });

  it('a confirmed copy of a pending event retires it; pending actions show on top of confirmed ones', () => {
    t = tempStore();
    const s = wireSubmissionFixture();
    applySubmissionItems(t.db, [s]);
    applyAction(t.db, [s.id], { type: 'status_set', status: 'done' }, 'st-001');
    const pending = t.db.prepare('SELECT id FROM outbox').get() as { id: string };
    // Another staff member's earlier event arrives: the pending one still shows on top.
    applyEventItems(t.db, [event(1, s.id, 'status_set', { status: 'in_progress' })]);
    expect(getSubmission(t.db, s.id)!.status).toBe('done');
    expect(getSubmission(t.db, s.id)!.pending).toBe(1);
    applyEventItems(t.db, [event(2, s.id, 'status_set', { status: 'done' }, pending.id)]);
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(0);
    expect(getSubmission(t.db, s.id)!.status).toBe('done');
    expect(getSubmission(t.db, s.id)!.pending).toBe(0);
  });

  it('quarantines an event whose payload does not fit its type, and ignores unknown types', () => {
    t = tempStore();
    const s = wireSubmissionFixture();
    applySubmissionItems(t.db, [s]);
    const { counts } = applyEventItems(t.db, [
      event(1, s.id, 'tag_added', { tag: '' }),
      event(2, s.id, 'future_type', { anything: true }),
      event(3, s.id, 'status_set', { status: 'done' }),
    ]);
    expect(counts.quarantined).toBe(1);
    expect(getSubmission(t.db, s.id)!.status).toBe('done');
  });
});

describe('search', () => {
  it('finds Japanese text with the trigram index, newest first, and short terms with LIKE', () => {
    t = tempStore();
    const older = wireSubmissionFixture({ received_at: '2026-10-01T09:00:00+09:00', body: '保育園の待機児童を減らしてください' });
    const newer = wireSubmissionFixture({ received_at: '2026-11-01T09:00:00+09:00', body: '待機児童の問題は深刻です' });
    const other = wireSubmissionFixture({ body: '年金の受給開始年齢について' });
    applySubmissionItems(t.db, [older, newer, other]);
    expect(indexPendingCount(t.db)).toBe(3);
    indexBatch(t.db, 2);
    indexBatch(t.db, 2);
    expect(indexPendingCount(t.db)).toBe(0);
    expect(search('待機児童')).toEqual([newer.id, older.id]);
    expect(search('年金')).toEqual([other.id]);
    expect(search('保育園 深刻')).toEqual([]);
    expect(search('"; DROP TABLE submissions; --')).toEqual([]);
  });

  it('counts a search from the index alone, and the count agrees with the filtered count after a purge', () => {
    t = tempStore();
    const items = [1, 2, 3, 4].map((n) => wireSubmissionFixture({ body: `通学路の安全について ${n}`, channel: n % 2 ? 'form' : 'email', subject: n % 2 ? null : '件名' }));
    applySubmissionItems(t.db, items);
    indexBatch(t.db);
    expect(countInbox(t.db, { search: '通学路' }, ctx)).toBe(4);
    applySubmissionItems(t.db, [{ id: items[0].id, seq: items[0].seq + 100, deleted: true, reason: 'withdrawn' }]);
    expect(countInbox(t.db, { search: '通学路' }, ctx)).toBe(3);
    expect(countInbox(t.db, { search: '通学路', channel: ['email'] }, ctx)).toBe(2);
    expect(countInbox(t.db, { search: '通学路', channel: ['form'] }, ctx)).toBe(1);
  });
});
