import { describe, expect, it } from 'vitest';
import type { HistoryEntry, ReferenceData } from '../../../shared/domain.js';
import { historyText } from './history-text.js';

const ref: ReferenceData = {
  version: null,
  categories: [],
  themes: [],
  ageBands: [],
  ministries: [{ code: 'mhlw', nameJa: '厚生労働省', nameEn: 'Ministry of Health, Labour and Welfare', active: true }],
  staff: [{ id: 'st-002', name: '鈴木 一郎', role: 'staff', active: true }],
};
const e = (type: string, payload: Record<string, unknown>): HistoryEntry => ({ eventId: 'e', seq: 1, type, payload, staffId: 'st-002', at: '2026-04-01T00:00:00Z', pending: false });

describe('history text', () => {
  it('describes the triage events with reference labels', () => {
    expect(historyText(e('status_set', { status: 'done' }), ref, 'ja')).toBe('状態を「完了」に変更');
    expect(historyText(e('tag_added', { tag: '要確認' }), ref, 'en')).toBe('Added tag “要確認”');
    expect(historyText(e('assigned', { staff_id: 'st-002' }), ref, 'ja')).toBe('担当者を鈴木 一郎に設定');
    expect(historyText(e('assigned', { staff_id: null }), ref, 'en')).toBe('Unassigned');
    expect(historyText(e('transfer_marked', { ministry: 'mhlw' }), ref, 'ja')).toBe('移送先に厚生労働省を指定');
    expect(historyText(e('transfer_marked', { ministry: 'xyz' }), ref, 'ja')).toBe('移送先にxyzを指定');
  });

  it('shows an unknown event type raw', () => {
    expect(historyText(e('escalated', {}), ref, 'ja')).toBe('escalated');
  });
});
