import { describe, expect, it } from 'vitest';
import { emailView, safeMasked } from './email-display.js';

describe('email display', () => {
  it('shows the masked address until revealed', () => {
    const d = { hasEmail: true, emailMasked: 's••••@example.jp', emailValid: true };
    expect(emailView(d, null)).toEqual({ kind: 'masked', text: 's••••@example.jp', valid: true });
    expect(emailView(d, 'sato@example.jp')).toEqual({ kind: 'revealed', text: 'sato@example.jp', valid: true });
  });

  it('says when there is no address', () => {
    expect(emailView({ hasEmail: false, emailMasked: null, emailValid: false }, null)).toEqual({ kind: 'none' });
  });

  it('masks again anything that arrives unmasked', () => {
    expect(safeMasked('someone@example.jp')).toBe('s••••@example.jp');
    expect(safeMasked('not-an-address')).toBe('n••••');
    expect(safeMasked(null)).toBe('••••');
  });
});
