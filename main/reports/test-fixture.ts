// A small office, counted by hand, for the reports tests: ten opinions around November 2026,
// their triage and two transfers, written through the same ingest functions a sync uses.
// "Now" is 2026-11-28 12:00 in Tokyo.
import { applyEventItems } from '../store/ingest-events.js';
import { applySubmissionItems } from '../store/ingest-submissions.js';
import { applyTransferItems } from '../store/ingest-transfers.js';
import type { Db } from '../store/db.js';
import { kvSetJson } from '../store/statements.js';

export const FIXTURE_NOW = new Date('2026-11-28T12:00:00+09:00');

type Sub = { id: string; at: string; channel: 'form' | 'email'; category: string; theme: string | null; age: string | null };
export const FIXTURE_SUBMISSIONS: Sub[] = [
  { id: 'R-01', at: '2026-09-15T10:00:00+09:00', channel: 'form', category: 'opinion', theme: 'childcare', age: '30s' },
  { id: 'R-02', at: '2026-10-30T10:00:00+09:00', channel: 'form', category: 'opinion', theme: 'childcare', age: '30s' },
  // The last second of 31 October in Tokyo.
  { id: 'R-03', at: '2026-10-31T23:59:59+09:00', channel: 'email', category: 'complaint', theme: 'tax', age: '40s' },
  { id: 'R-04', at: '2026-11-01T00:00:00+09:00', channel: 'form', category: 'opinion', theme: 'childcare', age: '30s' },
  // 15:30 UTC on 31 October is 00:30 on 1 November in Tokyo.
  { id: 'R-05', at: '2026-10-31T15:30:00Z', channel: 'form', category: 'question', theme: 'pension', age: null },
  { id: 'R-06', at: '2026-11-15T09:00:00+09:00', channel: 'form', category: 'opinion', theme: 'childcare', age: '20s' },
  { id: 'R-07', at: '2026-11-15T11:00:00+09:00', channel: 'email', category: 'request', theme: 'economy', age: '50s' },
  { id: 'R-08', at: '2026-11-27T10:00:00+09:00', channel: 'form', category: 'opinion', theme: null, age: '30s' },
  { id: 'R-09', at: '2026-11-28T09:00:00+09:00', channel: 'form', category: 'opinion', theme: 'childcare', age: '30s' },
  { id: 'R-10', at: '2026-12-01T09:00:00+09:00', channel: 'form', category: 'opinion', theme: 'childcare', age: '30s' },
];

export const FIXTURE_REFERENCE = {
  version: 'test',
  categories: [
    { code: 'opinion', label_ja: 'ご意見', label_en: 'Opinion' },
    { code: 'question', label_ja: 'ご質問', label_en: 'Question' },
    { code: 'request', label_ja: 'ご要望', label_en: 'Request' },
    { code: 'complaint', label_ja: '苦情', label_en: 'Complaint' },
  ],
  themes: [
    { code: 'childcare', label_ja: '子育て', label_en: 'Childcare' },
    { code: 'tax', label_ja: '税', label_en: 'Tax' },
    { code: 'pension', label_ja: '年金', label_en: 'Pensions' },
    { code: 'economy', label_ja: '経済', label_en: 'Economy' },
  ],
  age_bands: [
    { code: '20s', label_ja: '20代', label_en: '20s' },
    { code: '30s', label_ja: '30代', label_en: '30s' },
    { code: '40s', label_ja: '40代', label_en: '40s' },
    { code: '50s', label_ja: '50代', label_en: '50s' },
  ],
  ministries: [
    { code: 'cfa', name_ja: 'こども家庭庁', name_en: 'Children and Families Agency', active: true },
    { code: 'mof', name_ja: '財務省', name_en: 'Ministry of Finance', active: true },
  ],
};

let seq = 0;
export function wireSub(s: Sub, extra: Record<string, unknown> = {}) {
  return {
    id: s.id,
    seq: ++seq,
    received_at: s.at,
    channel: s.channel,
    category: s.category,
    theme: s.theme,
    subject: null,
    body: `本文 ${s.id}: 子育て支援について`,
    age_band: s.age,
    email: `citizen-${s.id.toLowerCase()}@example.jp`,
    language: 'ja',
    ...extra,
  };
}

let eventSeq = 0;
export function wireEvent(submissionId: string, type: string, payload: Record<string, unknown>, at = '2026-11-28T10:00:00+09:00') {
  eventSeq++;
  return { id: `ev-${eventSeq}-${submissionId}`, seq: eventSeq, submission_id: submissionId, type, payload, staff_id: 'st-001', created_at: at };
}

export const reply = (submissionId: string, sentAt: string, n = 1) =>
  wireEvent(submissionId, 'reply_sent', { message_id: `<m${n}-${submissionId}@koe.example>`, subject: 'ご意見ありがとうございます', body: '返信本文', sent_at: sentAt }, sentAt);

/**
 * Triage, by hand:
 *   R-01 done · R-02 new · R-03 done, replied twice, first 120 min after arrival
 *   R-04 in_progress, tag 要確認 · R-05 new, tags 要確認 回付検討 · R-06 done, replied after 30 min
 *   R-07 spam · R-08 new · R-09 new, replied after 600 min (status stays new) · R-10 new
 * Campaign group g-1. Transfers: T-1 to cfa accepted on
 * 20 Nov; T-2 to mof returned on 2 Nov; T-3 to cfa made in September.
 */
export function loadFixture(db: Db): void {
  kvSetJson(db, 'reference', FIXTURE_REFERENCE);
  applySubmissionItems(db, FIXTURE_SUBMISSIONS.map((s) => wireSub(s)));
  applyEventItems(db, [
    wireEvent('R-01', 'status_set', { status: 'done' }),
    wireEvent('R-03', 'status_set', { status: 'done' }),
    reply('R-03', '2026-11-01T01:59:59+09:00', 1),
    reply('R-03', '2026-11-03T09:00:00+09:00', 2),
    wireEvent('R-04', 'status_set', { status: 'in_progress' }),
    wireEvent('R-04', 'tag_added', { tag: '要確認' }),
    wireEvent('R-05', 'tag_added', { tag: '要確認' }),
    wireEvent('R-05', 'tag_added', { tag: '回付検討' }),
    wireEvent('R-06', 'status_set', { status: 'done' }),
    reply('R-06', '2026-11-15T09:30:00+09:00'),
    wireEvent('R-07', 'status_set', { status: 'spam' }),
    reply('R-09', '2026-11-28T19:00:00+09:00'),
  ]);
  db.prepare(`UPDATE submissions SET group_id = 'g-1' WHERE id IN ('R-04', 'R-06', 'R-09')`).run();
  applyTransferItems(db, [
    transfer('T-1', 'cfa', ['R-04', 'R-06'], 'accepted', '2026-11-20T10:00:00+09:00'),
    transfer('T-2', 'mof', ['R-03'], 'returned', '2026-11-02T10:00:00+09:00'),
    transfer('T-3', 'cfa', ['R-02'], 'submitted', '2026-09-20T10:00:00+09:00'),
  ]);
}

let transferSeq = 0;
function transfer(id: string, ministry: string, ids: string[], status: string, at: string) {
  return { id, seq: ++transferSeq, ministry, submission_ids: ids, note: '', include_contact: false, status, reason: status === 'returned' ? '所管外' : null, created_by: 'st-004', created_at: at, updated_at: at };
}
