import { describe, expect, it, vi } from 'vitest';
import { MACOS_POLICY_DOMAIN, readMacPolicy, type ManagedPreferencesReader } from './macos-policy.js';

describe('readMacPolicy', () => {
  it('reads the managed preferences for the app’s domain', async () => {
    const reader = { read: vi.fn(async () => ({ replyApproval: true, retentionDays: 200, updateUrl: 'https://updates.example.go.jp' })) };
    const policy = await readMacPolicy(reader, { warn: vi.fn() });
    expect(reader.read).toHaveBeenCalledWith(MACOS_POLICY_DOMAIN);
    expect(policy.values).toEqual({ replyApproval: true, retentionDays: 200, updateUrl: 'https://updates.example.go.jp' });
  });

  it('has no policy when no profile is installed', async () => {
    expect((await readMacPolicy({ read: async () => null }, { warn: vi.fn() })).source).toBeNull();
  });

  it('logs invalid values and keeps the valid ones', async () => {
    const log = { warn: vi.fn() };
    const policy = await readMacPolicy({ read: async () => ({ replyApproval: 'true', retentionDays: 200 }) }, log);
    expect(policy.values).toEqual({ retentionDays: 200 });
    expect(policy.invalid).toEqual(['replyApproval']);
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  it('falls back to defaults when the preferences cannot be read', async () => {
    const log = { warn: vi.fn() };
    const reader: ManagedPreferencesReader = { read: () => Promise.reject(new Error('plutil failed')) };
    expect((await readMacPolicy(reader, log)).values).toEqual({});
    expect(log.warn).toHaveBeenCalledTimes(1);
  });
});
