import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKUP_INTERVAL_MS, DEFAULT_BACKUP_RETENTION } from '../safety/backup.js';
import { SETTING_NAMES, SETTINGS } from './policy-definition.js';

describe('policy definition', () => {
  it('defines the managed settings', () => {
    expect(SETTING_NAMES).toEqual([
      'officeApiUrl',
      'smtpUrl',
      'caBundlePath',
      'updateUrl',
      'updatesEnabled',
      'syncIntervalMinutes',
      'retentionDays',
      'suppressionThreshold',
      'replyApproval',
      'backupIntervalHours',
      'backupsKept',
      'allowBasicTextKeystore',
      'dataDirectory',
    ]);
  });

  it.each(SETTING_NAMES)('%s has a valid default and both descriptions', (name) => {
    const def = SETTINGS[name];
    expect(def.schema.safeParse(def.default).success).toBe(true);
    expect(def.description.ja.length).toBeGreaterThan(5);
    expect(def.description.en.length).toBeGreaterThan(5);
    expect(def.title.ja.length).toBeGreaterThan(1);
    expect(def.title.en.length).toBeGreaterThan(1);
  });

  it('has the documented defaults', () => {
    expect(SETTINGS.syncIntervalMinutes.default).toBe(5);
    expect(SETTINGS.retentionDays.default).toBe(365);
    expect(SETTINGS.suppressionThreshold.default).toBe(5);
    expect(SETTINGS.replyApproval.default).toBe(false);
    expect(SETTINGS.allowBasicTextKeystore.default).toBe(false);
    // The same as the backup code's own defaults, used where no policy is read (the harness, the CLI).
    expect(SETTINGS.backupIntervalHours.default * 3_600_000).toBe(DEFAULT_BACKUP_INTERVAL_MS);
    expect(SETTINGS.backupsKept.default).toBe(DEFAULT_BACKUP_RETENTION);
  });

  it('keeps the settings that weaken protection out of the user’s hands', () => {
    expect(SETTINGS.allowBasicTextKeystore.userSettable).toBe(false);
    expect(SETTINGS.caBundlePath.userSettable).toBe(false);
    expect(SETTINGS.updateUrl.userSettable).toBe(false);
    expect(SETTINGS.dataDirectory.userSettable).toBe(false);
  });

  it.each([
    ['officeApiUrl', 'https://api.office.example.go.jp/v1', true],
    ['officeApiUrl', 'http://127.0.0.1:8787', true],
    ['officeApiUrl', 'http://api.office.example.go.jp', false],
    ['officeApiUrl', 'https://user:pw@api.example.go.jp', false],
    ['smtpUrl', 'smtps://mail.example.go.jp:465', true],
    ['smtpUrl', 'smtp://koho:secret@mail.example.go.jp', false],
    ['smtpUrl', 'https://mail.example.go.jp', false],
    ['updateUrl', 'https://updates.example.go.jp/koe', true],
    ['updateUrl', 'http://updates.example.go.jp/koe', false],
    ['caBundlePath', '/etc/koe/ca.pem', true],
    ['caBundlePath', 'C:\\ProgramData\\Koe\\ca.pem', true],
    ['caBundlePath', 'ca.pem', false],
    ['dataDirectory', 'D:\\KoeData', true],
    ['dataDirectory', '../koe', false],
    ['syncIntervalMinutes', 0, false],
    ['syncIntervalMinutes', 2.5, false],
    ['retentionDays', 730, true],
    ['suppressionThreshold', -1, false],
    ['replyApproval', 'yes', false],
  ] as const)('%s accepts %s: %s', (name, value, ok) => {
    expect(SETTINGS[name].schema.safeParse(value).success).toBe(ok);
  });
});
