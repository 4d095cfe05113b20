import { describe, expect, it } from 'vitest';
import { KeyError } from '../keys/key-provider.js';
import { StoreError } from '../store/db.js';
import { languageOf, StartupProblem, startupErrorMessage } from './startup-error.js';

describe('startupErrorMessage', () => {
  it('shows a key error with the key store\'s own words, for IT to act on', () => {
    const error = new KeyError('plaintext_backend', 'Set "allowBasicTextKeystore" …');
    const { title, message } = startupErrorMessage(error);
    expect(title).toBe('Koe cannot keep its key safe');
    expect(message).toContain('Set "allowBasicTextKeystore" …');
    expect(message).toContain('Nothing has been deleted');
  });

  it('shows a store error and says nothing was deleted', () => {
    const { title, message } = startupErrorMessage(new StoreError('wrong_key', 'cannot open: wrong key or not a Koe database'));
    expect(title).toBe('The key does not fit the database');
    expect(message).toContain('not a Koe database');
    expect(message).toContain('Nothing has been deleted');
  });

  it('shows a set-up problem as written', () => {
    expect(startupErrorMessage(new StartupProblem('Set "officeApiUrl".')).message).toContain('Set "officeApiUrl".');
  });

  it('speaks Japanese when asked', () => {
    const { title, message } = startupErrorMessage(new StoreError('newer_schema', 'schema 9'), { language: 'ja' });
    expect(title).toBe('新しい版の Koe のデータです');
    expect(message).toContain('データは削除されていません');
  });

  it('names a damaged policy file when it is why Koe is not set up', () => {
    const warnings = ['Managed policy /etc/koe/policy.json is not valid JSON (Unexpected token); defaults apply.'];
    const { title, message } = startupErrorMessage(new StartupProblem('No office API is configured.'), { policyWarnings: warnings });
    expect(title).toBe("Koe's settings file is damaged");
    expect(message).toContain('/etc/koe/policy.json');
  });

  it('does not show the details of anything else', () => {
    const { message } = startupErrorMessage(new Error('SQLITE_CORRUPT at /home/sato/.local/share/koe/koe.db'));
    expect(message).not.toContain('SQLITE');
    expect(message).not.toContain('/home');
  });

  it('picks Japanese on a Japanese system, English otherwise', () => {
    expect(languageOf('ja')).toBe('ja');
    expect(languageOf('ja-JP')).toBe('ja');
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf('fr')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });
});
