import { describe, expect, it } from 'vitest';
import type { ComposerState } from '../../../shared/contract-mail.js';
import { blockText, claimErrorText, mailText } from './text.js';

const base: ComposerState = {
  submissionId: 'S-1',
  language: 'ja',
  recipient: { masked: 's••••@example.jp', valid: true },
  claim: null,
  draft: null,
  approvalRequired: false,
  proposal: null,
  message: null,
  blocked: null,
};

describe('reply screen texts', () => {
  it('names who holds the reply and until when, in Japan’s time', () => {
    const c: ComposerState = {
      ...base,
      claim: { holder: 'st-002', holderName: '鈴木 一郎', until: '2026-11-28T01:45:00Z', mine: false },
      blocked: { code: 'claimed_by_other', message: 'held' },
    };
    expect(blockText('ja', c)).toBe('鈴木 一郎 さんが 10:45 まで返信を作成中です。');
    expect(blockText('en', c)).toBe('鈴木 一郎 is writing the reply until 10:45.');
  });

  it('turns the office’s refusal of a claim into words, offline included', () => {
    const conflict = { code: 'conflict', message: 'x', detail: { reason: 'claimed_by_other', holder: 'st-002', holderName: null, until: '2026-11-28T01:45:00Z' } };
    expect(claimErrorText('ja', conflict)).toBe('st-002 さんが 10:45 まで返信を作成中です。');
    expect(claimErrorText('en', { code: 'offline', message: 'x' })).toMatch(/cannot be reached/);
    expect(claimErrorText('en', { code: 'forbidden', message: 'No.' })).toBe('No.');
  });

  it('shows a placeholder problem with its braces', () => {
    expect(mailText('ja', 'composer.problemUnknown', { name: 'foo' })).toBe('{{foo}} は使えない変数です');
    expect(mailText('en', 'composer.problemUnfilled', { name: 'theme' })).toBe('{{theme}} has no value for this opinion: replace it');
  });

  it('says nothing before the composer is opened (not claimed yet)', () => {
    expect(blockText('ja', { ...base, blocked: { code: 'not_claimed', message: '' } })).toBeNull();
    expect(blockText('en', { ...base, blocked: { code: 'invalid_email', message: '' } })).toBe('The email address is not valid, so Koe cannot reply.');
  });
});
