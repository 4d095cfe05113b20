import { describe, expect, it } from 'vitest';
import { describeProblems, fillText, formatReceivedDate, placeholdersIn, renderReply, templateValues, unknownVariables, type TemplateValues } from './templates.js';

const values: TemplateValues = {
  received_date: '2026年11月28日',
  theme: '経済',
  category: 'ご意見',
  staff_name: '佐藤 花子',
  office_name: '政府広聴室',
  submission_id: 'S-2026-0000123',
};

describe('reply templates', () => {
  it('fills every known variable, with or without spaces inside the braces', () => {
    const r = renderReply('【{{office_name}}】ありがとうございます', '{{received_date}}に「{{ theme }}」に関する{{category}}を…\n担当：{{staff_name}}', values);
    expect(r.problems).toEqual([]);
    expect(r.subject).toBe('【政府広聴室】ありがとうございます');
    expect(r.body).toBe('2026年11月28日に「経済」に関するご意見を…\n担当：佐藤 花子');
  });

  it('names an unknown variable and leaves it in place, so the preview shows what blocks sending', () => {
    const r = renderReply('Re: {{subjet}}', 'Dear {{name}}, {{theme}}', values);
    expect(r.problems).toEqual([
      { variable: 'subjet', kind: 'unknown', where: 'subject' },
      { variable: 'name', kind: 'unknown', where: 'body' },
    ]);
    expect(r.subject).toBe('Re: {{subjet}}');
    expect(r.body).toBe('Dear {{name}}, 経済');
    expect(describeProblems(r.problems)).toBe('{{subjet}} is not a variable Koe knows; {{name}} is not a variable Koe knows');
  });

  it('names a known variable this submission has no value for (no theme, no office name)', () => {
    const r = fillText('「{{theme}}」 {{office_name}} {{theme}}', { ...values, theme: null, office_name: '' }, 'body');
    expect(r.problems).toEqual([
      { variable: 'theme', kind: 'unfilled', where: 'body' },
      { variable: 'office_name', kind: 'unfilled', where: 'body' },
    ]);
    expect(describeProblems(r.problems, 'ja')).toContain('{{theme}} に入る値がこの意見にはありません');
  });

  it('fills in one pass: a value that looks like a placeholder is not filled again', () => {
    const r = fillText('{{theme}}', { ...values, theme: '{{office_name}}' }, 'body');
    expect(r.text).toBe('{{office_name}}');
    expect(r.problems).toEqual([]);
  });

  it('leaves single braces and text around them alone', () => {
    expect(fillText('{theme} {{ }} {{theme', values, 'body')).toEqual({ text: '{theme} {{ }} {{theme', problems: [] });
    expect(placeholdersIn('{{a}} {{b}} {{a}}')).toEqual(['a', 'b']);
    expect(unknownVariables('{{theme}} {{x}}', '{{y}} {{x}}')).toEqual(['x', 'y']);
  });

  it('writes the received date in Japan’s time zone, in the template’s language', () => {
    // 23:30 UTC on the 27th is the 28th in Tokyo.
    expect(formatReceivedDate('2026-11-27T23:30:00Z', 'ja')).toBe('2026年11月28日');
    expect(formatReceivedDate('2026-11-27T23:30:00Z', 'en')).toBe('28 November 2026');
    expect(formatReceivedDate('not a date', 'en')).toBeNull();
  });

  it('takes labels from the reference data and keeps an unknown code as it is', () => {
    const label = (code: string, lang: 'ja' | 'en') => (code === 'economy' ? (lang === 'ja' ? '経済' : 'Economy') : null);
    const src = {
      submissionId: 'S-1',
      receivedAt: '2026-11-28T09:15:00+09:00',
      category: 'opinion',
      theme: 'economy',
      categoryLabel: (c: string, l: 'ja' | 'en') => (c === 'opinion' ? (l === 'ja' ? 'ご意見' : 'opinion') : null),
      themeLabel: label,
      staffName: 'Hanako Sato',
      officeName: null,
    };
    expect(templateValues(src, 'en')).toEqual({
      received_date: '28 November 2026',
      theme: 'Economy',
      category: 'opinion',
      staff_name: 'Hanako Sato',
      office_name: null,
      submission_id: 'S-1',
    });
    expect(templateValues({ ...src, theme: 'housing' }, 'ja').theme).toBe('housing');
    expect(templateValues({ ...src, theme: null }, 'ja').theme).toBeNull();
  });
});
