import { describe, expect, it } from 'vitest';
import { translate, isMessageKey } from '../i18n/translate.js';
import { describePending, formatBytes, safetyText, storeProblemKey } from './text.js';

const item = { id: 'e1', submissionId: 'S-2026-0000001', action: 'tag_added', detail: '子育て', madeAt: null };

describe('safety screen words', () => {
  it('has every message in both languages, with the same placeholders', () => {
    for (const key of ['recovery.unsent.intro', 'recovery.restore.body', 'recovery.done.kept', 'store.disk_full'] as const) {
      const ja = safetyText('ja', key, { count: 3, when: 'W', size: 'S', path: 'P' });
      const en = safetyText('en', key, { count: 3, when: 'W', size: 'S', path: 'P' });
      expect(ja).not.toMatch(/\{\w+\}/);
      expect(en).not.toMatch(/\{\w+\}/);
      expect(ja).not.toBe(en);
    }
    expect(storeProblemKey('disk_full')).toBe('store.disk_full');
  });

  it('describes a pending action in the history pane\'s words, or by its name', () => {
    const t = (key: string, vars?: Record<string, string | number>) => (isMessageKey(key) ? translate('en', key, vars) : null);
    expect(describePending(item, t)).toBe('Added tag “子育て”');
    expect(describePending({ ...item, action: 'reply_mail', detail: 'Re: ご意見' }, t)).toBe('reply_mail: Re: ご意見');
    expect(describePending({ ...item, action: 'transfer', detail: '' }, t)).toBe('transfer');
  });

  it('formats sizes', () => {
    expect(formatBytes(1413120)).toBe('1.3 MB');
    expect(formatBytes(20_000)).toBe('20 KB');
  });
});
