import { describe, expect, it, vi } from 'vitest';
import { parsePolicy } from './parse-policy.js';
import { EMPTY_POLICY } from './policy-definition.js';
import { defaultDataDir, resolveDataDir } from './data-dir.js';

describe('defaultDataDir', () => {
  it('uses %LOCALAPPDATA% on Windows, never the roaming profile', () => {
    const env = { LOCALAPPDATA: 'C:\\Users\\sato\\AppData\\Local', APPDATA: 'C:\\Users\\sato\\AppData\\Roaming', USERPROFILE: 'C:\\Users\\sato' };
    const dir = defaultDataDir('win32', env, 'C:\\Users\\sato');
    expect(dir).toBe('C:\\Users\\sato\\AppData\\Local\\Koe');
    expect(dir).not.toContain('Roaming');
  });

  it('derives the local folder on Windows when LOCALAPPDATA is missing', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\sato\\AppData\\Roaming', USERPROFILE: 'C:\\Users\\sato' }, 'C:\\Users\\sato')).toBe('C:\\Users\\sato\\AppData\\Local\\Koe');
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDataDir('darwin', {}, '/Users/sato')).toBe('/Users/sato/Library/Application Support/Koe');
  });

  it('uses XDG_DATA_HOME on Linux, else ~/.local/share', () => {
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/home/sato/data' }, '/home/sato')).toBe('/home/sato/data/koe');
    expect(defaultDataDir('linux', {}, '/home/sato')).toBe('/home/sato/.local/share/koe');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'relative/data' }, '/home/sato')).toBe('/home/sato/.local/share/koe');
  });
});

describe('resolveDataDir', () => {
  it('lets the policy move the data', () => {
    const policy = parsePolicy({ dataDirectory: 'D:\\KoeData' }, 'test', { warn: vi.fn() });
    expect(resolveDataDir({ platform: 'win32', env: { LOCALAPPDATA: 'C:\\L' }, policy })).toBe('D:\\KoeData');
  });

  it('keeps the default without a policy, or with an invalid one', () => {
    expect(resolveDataDir({ platform: 'linux', env: {}, home: '/home/sato', policy: EMPTY_POLICY })).toBe('/home/sato/.local/share/koe');
    const bad = parsePolicy({ dataDirectory: 'relative' }, 'test', { warn: vi.fn() });
    expect(resolveDataDir({ platform: 'linux', env: {}, home: '/home/sato', policy: bad })).toBe('/home/sato/.local/share/koe');
  });
});
