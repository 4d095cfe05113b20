import { describe, expect, it } from 'vitest';
import type { SettingRow, UpdateOffReason, UpdateStatus } from '../../../shared/contract-admin.js';
import { translate } from '../i18n/translate.js';
import { canCheckNow, lockText, settingSourceText, settingValueText, signingText, updateInProgress, updateText } from './about-text.js';

const en = (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) => translate('en', key, vars);
const ja = (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) => translate('ja', key, vars);

const row = (over: Partial<SettingRow>): SettingRow => ({
  name: 'retentionDays',
  title: { ja: '保存期間（日）', en: 'Retention (days)' },
  description: { ja: '', en: '' },
  value: 365,
  source: 'default',
  locked: false,
  lockedBy: null,
  invalidInPolicy: false,
  userSettable: true,
  kind: 'integer',
  editable: false,
  ...over,
});

describe('About texts', () => {
  it('says UNSIGNED plainly', () => {
    expect(signingText('unsigned', en)).toMatch(/^UNSIGNED/);
    expect(signingText('unsigned', ja)).toContain('UNSIGNED');
    expect(signingText('signed', ja)).toBe('署名済み');
  });

  it('has words for every reason updates are off, in both languages', () => {
    const reasons: UpdateOffReason[] = ['development', 'unsigned', 'msi', 'package-manager', 'unsupported', 'policy', 'setting', 'no-feed', 'insecure-feed', 'no-publisher'];
    for (const reason of reasons) {
      for (const t of [en, ja]) expect(updateText({ state: 'off', reason }, t)).not.toContain('about.');
    }
  });

  it('describes each update state', () => {
    const states: UpdateStatus[] = [
      { state: 'idle' },
      { state: 'checking' },
      { state: 'up-to-date' },
      { state: 'downloading', version: '0.2.0', percent: 40 },
      { state: 'ready', version: '0.2.0', releaseDate: null, releaseNotes: '' },
      { state: 'error', message: 'offline' },
    ];
    expect(states.map((s) => updateText(s, en))).toEqual([
      'Waiting to check',
      'Checking for updates…',
      'Koe is up to date',
      'Downloading 0.2.0 (40%)',
      '0.2.0 is ready to install',
      'Could not check for updates: offline',
    ]);
    expect(states.map(updateInProgress)).toEqual([false, true, false, true, false, false]);
    expect(states.map(canCheckNow)).toEqual([true, false, true, false, false, true]);
  });

  it('shows each setting’s value and who decides it', () => {
    expect(settingValueText(row({ value: null }), en)).toBe('Not set');
    expect(settingValueText(row({ value: true }), ja)).toBe('オン');
    expect(settingValueText(row({ value: 730 }), en)).toBe('730');
    expect(settingSourceText(row({ source: 'policy', locked: true, lockedBy: '/etc/koe/policy.json' }), en)).toBe("Your organisation's policy");
    expect(lockText(row({ source: 'policy', locked: true, lockedBy: 'HKLM\\Software\\Policies\\Koe' }), en)).toBe('Locked (HKLM\\Software\\Policies\\Koe)');
    expect(lockText(row({}), en)).toBeNull();
    expect(settingSourceText(row({ source: 'default', locked: true, invalidInPolicy: true }), en)).toBe("The policy's value is invalid; the default applies");
    expect(settingSourceText(row({ source: 'user' }), ja)).toBe('利用者の設定');
  });
});
