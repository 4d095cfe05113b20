import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readManagedPolicy } from './read-policy.js';

describe('readManagedPolicy', () => {
  it('reads the registry on Windows', async () => {
    const registry = { readValues: vi.fn(async () => ({ replyApproval: 1 })) };
    const policy = await readManagedPolicy({ platform: 'win32', log: { warn: vi.fn() }, registry });
    expect(policy.values).toEqual({ replyApproval: true });
  });

  it('reads managed preferences on macOS', async () => {
    const managedPreferences = { read: vi.fn(async () => ({ replyApproval: true })) };
    const policy = await readManagedPolicy({ platform: 'darwin', log: { warn: vi.fn() }, managedPreferences });
    expect(policy.values).toEqual({ replyApproval: true });
  });

  it('reads /etc/koe/policy.json on Linux', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-policy-'));
    try {
      fs.mkdirSync(path.join(root, 'etc', 'koe'), { recursive: true });
      fs.chmodSync(path.join(root, 'etc', 'koe'), 0o755);
      fs.writeFileSync(path.join(root, 'etc', 'koe', 'policy.json'), '{"retentionDays": 90}', { mode: 0o644 });
      // Owned by the test runner, not root: refused, as a real stray file would be.
      const log = { warn: vi.fn() };
      const policy = await readManagedPolicy({ platform: 'linux', log, linuxRoot: root });
      if (process.getuid?.() === 0) expect(policy.values).toEqual({ retentionDays: 90 });
      else expect(policy.values).toEqual({});
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('has no policy elsewhere', async () => {
    expect((await readManagedPolicy({ platform: 'freebsd', log: { warn: vi.fn() } })).source).toBeNull();
  });
});
