import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { formatDateTime, formatShort, tokyoDate } from './format.js';
import { ja } from './ja.js';
import { codeLabel, staffLabel, statusLabel } from './labels.js';
import { translate } from './translate.js';

describe('catalogues', () => {
  it('have exactly the same keys in Japanese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it('have no empty strings', () => {
    for (const [key, value] of [...Object.entries(ja), ...Object.entries(en)]) expect(value.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ja) as (keyof typeof ja)[]) expect(names(en[key]), key).toEqual(names(ja[key]));
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('ja', 'list.similar', { n: 12 })).toBe('類似 12件');
    expect(translate('en', 'list.similar', {})).toBe('{n} similar');
  });
});

describe('labels', () => {
  it('names known statuses and shows unknown ones raw', () => {
    expect(statusLabel('in_progress', 'ja')).toBe('対応中');
    expect(statusLabel('spam', 'en')).toBe('Spam');
    expect(statusLabel('escalated', 'ja')).toBe('escalated');
  });

  it('shows unknown reference codes raw', () => {
    const list = [{ code: 'childcare', labelJa: '子育て', labelEn: 'Childcare' }];
    expect(codeLabel(list, 'childcare', 'ja')).toBe('子育て');
    expect(codeLabel(list, 'space', 'ja')).toBe('space');
    expect(codeLabel(list, null, 'ja')).toBeNull();
  });
});

describe('staff names', () => {
  it('mark the signed-in member in each language', () => {
    const ref = { version: null, categories: [], themes: [], ageBands: [], ministries: [], staff: [{ id: 'st-001', name: '佐藤 花子', role: 'staff', active: true }] };
    expect(staffLabel(ref, 'st-001', 'ja', 'st-001')).toBe('佐藤 花子（自分）');
    expect(staffLabel(ref, 'st-001', 'en', 'st-001')).toBe('佐藤 花子 (Me)');
    expect(staffLabel(ref, 'st-099', 'en', 'st-001')).toBe('st-099');
    expect(staffLabel(ref, null, 'ja')).toBe('未割り当て');
  });
});

describe('dates', () => {
  it('are shown in Asia/Tokyo whatever the machine zone', () => {
    // 15:30 UTC is 00:30 the next day in Tokyo.
    expect(tokyoDate(new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
    expect(formatDateTime('2026-03-31T15:30:00Z', 'ja')).toContain('00:30:00');
    expect(formatShort('2026-03-31T15:30:00Z', 'ja', new Date('2026-05-01T00:00:00Z'))).toBe('04/01 00:30');
  });

  it('keeps an unparseable time as it came', () => {
    expect(formatDateTime('yesterday', 'en')).toBe('yesterday');
  });
});
