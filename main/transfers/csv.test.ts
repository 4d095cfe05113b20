import { describe, expect, it } from 'vitest';
import { itemRecord, type HeldItem } from './contact.js';
import { csvField, neutralizeFormula, parseCsv, transferCsv } from './csv.js';
import { tokyoDateCompact, tokyoDateTimeJa, tokyoIso } from './tokyo-time.js';

const held = (over: Partial<HeldItem> = {}): HeldItem => ({
  id: 'S-2026-0000001',
  receivedAt: '2026-11-28T00:15:00Z',
  category: 'opinion',
  theme: 'childcare',
  body: '保育園の入園手続きを簡単にしてください。',
  email: 'someone@example.jp',
  ageBand: '30s',
  ...over,
});
const labels = {
  category: (c: string) => ({ opinion: 'ご意見' })[c] ?? c,
  theme: (c: string | null) => (c === null ? '' : (({ childcare: '子育て' }) as Record<string, string>)[c] ?? c),
  ageBand: (c: string | null) => (c === null ? '' : (({ '30s': '30代' }) as Record<string, string>)[c] ?? c),
  time: tokyoIso,
};

describe('contact stripping', () => {
  it('leaves out the email address and the age unless contact data was chosen', () => {
    const without = itemRecord(held(), false);
    expect(without).toEqual({ id: 'S-2026-0000001', receivedAt: '2026-11-28T00:15:00Z', category: 'opinion', theme: 'childcare', body: '保育園の入園手続きを簡単にしてください。' });
    expect(JSON.stringify(without)).not.toContain('example.jp');
    expect(itemRecord(held(), true)).toMatchObject({ email: 'someone@example.jp', ageBand: '30s' });
  });

  it('never passes on a field it does not know', () => {
    const extra = { ...held(), phone: '03-0000-0000' } as HeldItem;
    expect(Object.keys(itemRecord(extra, true)).sort()).toEqual(['ageBand', 'body', 'category', 'email', 'id', 'receivedAt', 'theme']);
  });

  it('has no email or age column in the CSV without contact data', () => {
    const text = transferCsv([itemRecord(held(), false)], false, labels).toString('utf8');
    expect(text).not.toContain('example.jp');
    expect(text).not.toContain('30代');
    expect(parseCsv(text)[0]).toEqual(['id', 'received_at', 'category', 'theme', 'body']);
  });

  it('fills them in when contact data was chosen, empty when the citizen gave none', () => {
    const rows = parseCsv(transferCsv([itemRecord(held(), true), itemRecord(held({ id: 'S-2', email: null, ageBand: null }), true)], true, labels).toString('utf8'));
    expect(rows[0]).toEqual(['id', 'received_at', 'category', 'theme', 'body', 'email', 'age_band']);
    expect(rows[1]!.slice(5)).toEqual(['someone@example.jp', '30代']);
    expect(rows[2]!.slice(5)).toEqual(['', '']);
  });

  it('follows the transfer, not the record: a record with contact in a transfer without it shows none', () => {
    const text = transferCsv([itemRecord(held(), true)], false, labels).toString('utf8');
    expect(text).not.toContain('example.jp');
  });
});

describe('the CSV file', () => {
  it('starts with a UTF-8 byte-order mark and ends lines with CRLF', () => {
    const bytes = transferCsv([itemRecord(held(), false)], false, labels);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')).toHaveLength(3);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('quotes per RFC 4180 and reads back exactly', () => {
    const body = '一行目, "引用" と\r\n二行目\n三行目';
    const rows = parseCsv(transferCsv([itemRecord(held({ body }), false)], false, labels).toString('utf8'));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(['S-2026-0000001', '2026-11-28T09:15:00+09:00', 'ご意見', '子育て', body]);
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });

  it('shows raw codes it has no label for', () => {
    const rows = parseCsv(transferCsv([itemRecord(held({ category: 'petition', theme: 'housing' }), false)], false, labels).toString('utf8'));
    expect(rows[1]!.slice(2, 4)).toEqual(['petition', 'housing']);
  });

  it('keeps citizen text that looks like a formula from running in a spreadsheet', () => {
    expect(neutralizeFormula('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    for (const c of ['+', '-', '@', '\t']) expect(neutralizeFormula(`${c}1`)).toBe(`'${c}1`);
    expect(neutralizeFormula('普通の文章')).toBe('普通の文章');
    const rows = parseCsv(transferCsv([itemRecord(held({ id: '-S1', body: '=1+1' }), false)], false, labels).toString('utf8'));
    expect(rows[1]![0]).toBe('-S1');
    expect(rows[1]![4]).toBe("'=1+1");
  });
});

describe('Asia/Tokyo times', () => {
  it('turns any offset into Tokyo time', () => {
    expect(tokyoIso('2026-11-28T15:30:00Z')).toBe('2026-11-29T00:30:00+09:00');
    expect(tokyoIso('2026-11-28T09:15:00.123+09:00')).toBe('2026-11-28T09:15:00+09:00');
    expect(tokyoDateTimeJa('2026-12-31T15:00:00Z')).toBe('2027年1月1日 00:00');
    expect(tokyoDateCompact('2026-12-31T15:00:00Z')).toBe('20270101');
    expect(tokyoIso('not a time')).toBe('not a time');
  });
});
