import { describe, expect, it, vi } from 'vitest';
import { parsePolicy } from './parse-policy.js';
import { EMPTY_POLICY } from './policy-definition.js';
import { effectiveValues, resolveSettings } from './resolve-settings.js';

const quietLog = () => ({ warn: vi.fn() });

describe('resolveSettings', () => {
  it('uses the defaults with neither policy nor user settings', () => {
    const settings = resolveSettings(EMPTY_POLICY);
    expect(settings.syncIntervalMinutes).toEqual({ value: 5, locked: false, source: 'default' });
    expect(effectiveValues(settings)).toMatchObject({ retentionDays: 365, suppressionThreshold: 5, replyApproval: false, allowBasicTextKeystore: false, officeApiUrl: null });
  });

  it('lets a user setting beat the default', () => {
    const settings = resolveSettings(EMPTY_POLICY, { syncIntervalMinutes: 15 });
    expect(settings.syncIntervalMinutes).toEqual({ value: 15, locked: false, source: 'user' });
  });

  it('lets the policy beat the user and locks the setting', () => {
    const policy = parsePolicy({ syncIntervalMinutes: 30, replyApproval: true }, 'test', quietLog());
    const settings = resolveSettings(policy, { syncIntervalMinutes: 15, replyApproval: false, retentionDays: 90 });
    expect(settings.syncIntervalMinutes).toEqual({ value: 30, locked: true, source: 'policy' });
    expect(settings.replyApproval).toEqual({ value: true, locked: true, source: 'policy' });
    expect(settings.retentionDays).toEqual({ value: 90, locked: false, source: 'user' });
  });

  it('applies the safe default for an invalid policy value, locked, while the others still apply', () => {
    const log = quietLog();
    const policy = parsePolicy({ allowBasicTextKeystore: 'yes please', syncIntervalMinutes: 10 }, '/etc/koe/policy.json', log);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('allowBasicTextKeystore'));
    const settings = resolveSettings(policy, {});
    expect(settings.allowBasicTextKeystore).toEqual({ value: false, locked: true, source: 'default' });
    expect(settings.syncIntervalMinutes).toEqual({ value: 10, locked: true, source: 'policy' });
  });

  it('does not let the user override a setting the policy got wrong', () => {
    const policy = parsePolicy({ retentionDays: -5 }, 'test', quietLog());
    expect(resolveSettings(policy, { retentionDays: 9999 }).retentionDays).toEqual({ value: 365, locked: true, source: 'default' });
  });

  it('ignores a user value for a policy-only setting', () => {
    const log = quietLog();
    const settings = resolveSettings(EMPTY_POLICY, { allowBasicTextKeystore: true, dataDirectory: '/tmp/koe' }, log);
    expect(settings.allowBasicTextKeystore).toEqual({ value: false, locked: false, source: 'default' });
    expect(settings.dataDirectory.value).toBeNull();
    expect(log.warn).toHaveBeenCalledTimes(2);
  });

  it('ignores an invalid user value', () => {
    const log = quietLog();
    expect(resolveSettings(EMPTY_POLICY, { syncIntervalMinutes: 'often' }, log).syncIntervalMinutes).toEqual({ value: 5, locked: false, source: 'default' });
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  it('lets a policy lock a nullable setting to null', () => {
    const policy = parsePolicy({ updateUrl: null }, 'test', quietLog());
    expect(resolveSettings(policy).updateUrl).toEqual({ value: null, locked: true, source: 'policy' });
  });
});

describe('parsePolicy', () => {
  it('warns about and ignores unknown settings', () => {
    const log = quietLog();
    const policy = parsePolicy({ retentionDays: 400, telemetry: true }, 'test', log);
    expect(policy.values).toEqual({ retentionDays: 400 });
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('telemetry'));
  });

  it.each([[null], [[1, 2]], ['text'], [42]])('ignores a policy that is not an object (%j)', (raw) => {
    const log = quietLog();
    expect(parsePolicy(raw, 'test', log)).toEqual({ values: {}, invalid: [], source: null });
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  it('does not accept "__proto__" or "constructor" as settings', () => {
    const log = quietLog();
    const policy = parsePolicy(JSON.parse('{"__proto__": {"allowBasicTextKeystore": true}, "constructor": 1}'), 'test', log);
    expect(policy.values).toEqual({});
    expect(resolveSettings(policy).allowBasicTextKeystore.value).toBe(false);
  });
});
