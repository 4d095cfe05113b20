import { describe, expect, it, vi } from 'vitest';
import { resolveSettings } from './resolve-settings.js';
import { parseRegQuery, readWindowsPolicy, WINDOWS_POLICY_KEY, type RegistryReader } from './windows-policy.js';

const registry = (values: Record<string, string | number> | null): RegistryReader & { readValues: ReturnType<typeof vi.fn> } => ({
  readValues: vi.fn(async () => values),
});

describe('readWindowsPolicy', () => {
  it('reads HKLM\\Software\\Policies\\Koe, turning DWORDs into booleans and numbers', async () => {
    const reader = registry({ updatesEnabled: 0, replyApproval: 1, syncIntervalMinutes: 10, retentionDays: '730', officeApiUrl: 'https://api.example.go.jp' });
    const log = { warn: vi.fn() };
    const policy = await readWindowsPolicy(reader, log);
    expect(reader.readValues).toHaveBeenCalledWith(WINDOWS_POLICY_KEY);
    expect(WINDOWS_POLICY_KEY).toBe('HKLM\\Software\\Policies\\Koe');
    expect(policy.values).toEqual({ updatesEnabled: false, replyApproval: true, syncIntervalMinutes: 10, retentionDays: 730, officeApiUrl: 'https://api.example.go.jp' });
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('has no policy when the key is absent', async () => {
    expect((await readWindowsPolicy(registry(null), { warn: vi.fn() })).source).toBeNull();
  });

  it('logs an invalid value and locks that setting to its default', async () => {
    const log = { warn: vi.fn() };
    const policy = await readWindowsPolicy(registry({ allowBasicTextKeystore: 2, syncIntervalMinutes: 3 }), log);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('allowBasicTextKeystore'));
    const settings = resolveSettings(policy, { allowBasicTextKeystore: true });
    expect(settings.allowBasicTextKeystore).toEqual({ value: false, locked: true, source: 'default' });
    expect(settings.syncIntervalMinutes.value).toBe(3);
  });

  it('falls back to defaults when the registry cannot be read', async () => {
    const log = { warn: vi.fn() };
    const reader: RegistryReader = { readValues: async () => Promise.reject(new Error('access denied')) };
    expect((await readWindowsPolicy(reader, log)).values).toEqual({});
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('access denied'));
  });
});

describe('parseRegQuery', () => {
  it('reads the values reg.exe prints', () => {
    const output = [
      '',
      'HKEY_LOCAL_MACHINE\\Software\\Policies\\Koe',
      '    syncIntervalMinutes    REG_DWORD    0xa',
      '    updatesEnabled    REG_DWORD    0x0',
      '    officeApiUrl    REG_SZ    https://api.example.go.jp/v1',
      '    dataDirectory    REG_SZ    D:\\Koe Data',
      '    smtpUrl    REG_SZ    ',
      '    blob    REG_BINARY    00FF',
      '',
    ].join('\r\n');
    expect(parseRegQuery(output)).toEqual({
      syncIntervalMinutes: 10,
      updatesEnabled: 0,
      officeApiUrl: 'https://api.example.go.jp/v1',
      dataDirectory: 'D:\\Koe Data',
      smtpUrl: '',
    });
  });
});
