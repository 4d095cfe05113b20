import { describe, expect, it } from 'vitest';
import { KeyError } from '../keys/key-provider.js';
import { StoreError } from '../store/db.js';
import { StartupProblem, startupErrorMessage } from './startup-error.js';

describe('startupErrorMessage', () => {
  it('shows a key error as written, for IT to act on', () => {
    const error = new KeyError('plaintext_backend', 'Set "allowBasicTextKeystore" …');
    expect(startupErrorMessage(error)).toEqual({ title: 'Koe cannot unlock its data', message: 'Set "allowBasicTextKeystore" …' });
  });

  it('shows a store error and says nothing was deleted', () => {
    const { message } = startupErrorMessage(new StoreError('wrong_key', 'cannot open: wrong key or not a Koe database'));
    expect(message).toContain('wrong key or not a Koe database');
    expect(message).toContain('Nothing has been deleted');
  });

  it('shows a set-up problem as written', () => {
    expect(startupErrorMessage(new StartupProblem('Set "officeApiUrl".')).message).toBe('Set "officeApiUrl".');
  });

  it('does not show the details of anything else', () => {
    const { message } = startupErrorMessage(new Error('SQLITE_CORRUPT at /home/sato/.local/share/koe/koe.db'));
    expect(message).not.toContain('SQLITE');
    expect(message).not.toContain('/home');
  });
});
