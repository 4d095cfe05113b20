import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readLinuxPolicy } from './linux-policy.js';
import { resolveSettings } from './resolve-settings.js';

// Tests cannot chown to root, so the trusted owner is whoever runs them.
const me = process.getuid?.() ?? 0;

describe('readLinuxPolicy', () => {
  let root: string;
  let dir: string;
  let file: string;
  const log = { warn: vi.fn() };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-policy-'));
    dir = path.join(root, 'etc', 'koe');
    file = path.join(dir, 'policy.json');
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    log.warn.mockClear();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const write = (content: string, mode = 0o644) => {
    fs.writeFileSync(file, content);
    fs.chmodSync(file, mode);
  };
  const read = (trustedUid = me) => readLinuxPolicy({ log, root, trustedUid });

  it('reads a root-owned, read-only policy', () => {
    write(JSON.stringify({ syncIntervalMinutes: 15, allowBasicTextKeystore: true, dataDirectory: '/srv/koe' }));
    const policy = read();
    expect(policy.values).toEqual({ syncIntervalMinutes: 15, allowBasicTextKeystore: true, dataDirectory: '/srv/koe' });
    expect(policy.source).toBe(file);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('is silent when there is no policy', () => {
    expect(read()).toMatchObject({ values: {}, invalid: [], source: null });
    fs.rmSync(path.join(root, 'etc'), { recursive: true });
    expect(read()).toMatchObject({ values: {}, source: null });
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('logs bad JSON and falls back to defaults', () => {
    write('{ "syncIntervalMinutes": 15, ');
    const policy = read();
    expect(policy.values).toEqual({});
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('not valid JSON'));
    expect(resolveSettings(policy).syncIntervalMinutes).toMatchObject({ value: 5, locked: false });
  });

  it('applies the valid settings when one is invalid', () => {
    write(JSON.stringify({ syncIntervalMinutes: 'soon', retentionDays: 180 }));
    const policy = read();
    expect(policy.values).toEqual({ retentionDays: 180 });
    expect(policy.invalid).toEqual(['syncIntervalMinutes']);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('syncIntervalMinutes'));
  });

  it.each([0o666, 0o646, 0o664, 0o622])('ignores a file with mode %s (writable by others)', (mode) => {
    write(JSON.stringify({ allowBasicTextKeystore: true }), mode);
    expect(read().values).toEqual({});
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/writable by group or others/));
  });

  it('ignores a file in a folder others can write to', () => {
    write(JSON.stringify({ allowBasicTextKeystore: true }));
    fs.chmodSync(dir, 0o777);
    expect(read().values).toEqual({});
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('folder'));
  });

  it('ignores a file not owned by root', () => {
    write(JSON.stringify({ allowBasicTextKeystore: true }));
    expect(read(me + 1).values).toEqual({});
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('owned by uid'));
  });

  it('checks where a symlink really leads', () => {
    const userDir = path.join(root, 'home', 'staff');
    fs.mkdirSync(userDir, { recursive: true });
    fs.chmodSync(userDir, 0o777);
    fs.writeFileSync(path.join(userDir, 'policy.json'), JSON.stringify({ allowBasicTextKeystore: true }));
    fs.chmodSync(path.join(userDir, 'policy.json'), 0o644);
    fs.symlinkSync(path.join(userDir, 'policy.json'), file);
    expect(read().values).toEqual({});
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining(userDir));
  });

  it('ignores a policy that is a folder', () => {
    fs.mkdirSync(file);
    fs.chmodSync(file, 0o755);
    expect(read().values).toEqual({});
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  it('ignores an oversized file', () => {
    write(JSON.stringify({ pad: 'x'.repeat(300 * 1024) }));
    expect(read().values).toEqual({});
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('larger than'));
  });
});
