import { describe, expect, it } from 'vitest';
import { isValidEmail, maskEmail } from './email.js';

describe('email', () => {
  it.each([
    ['k.tanaka@example.jp', true],
    ['someone+tag@sub.example.co.jp', true],
    ['user@例え.テスト', true],
    ['user@xn--r8jz45g.xn--zckzah', true],
    ['taro@@example', false],
    ['hanako.example.jp', false],
    ['yamada@', false],
    ['@example.jp', false],
    ['a b@example.jp', false],
    ['a..b@example.jp', false],
    ['user@localhost', false],
    ['', false],
  ])('%s valid: %s', (address, valid) => {
    expect(isValidEmail(address)).toBe(valid);
  });

  it('masks all but the first character of the local part', () => {
    expect(maskEmail('someone@example.jp')).toBe('s••••@example.jp');
    expect(maskEmail('hanako.example.jp')).toBe('h••••');
  });
});
