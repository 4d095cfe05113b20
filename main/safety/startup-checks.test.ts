// Start-up failures a staff member can meet, each produced the real way (a fake system key store,
// a real encrypted database, a real damaged policy file, a mount table), each with a clear screen:
// a title, what happened and what to do, in Japanese and English, never a stack trace.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/contract-kit.js';
import type { SafetyStatus, StartupProblemInfo } from '../../shared/contract-safety.js';
import { KeyFileProvider } from '../keys/key-file.js';
import { SafeStorageKeyProvider, type SafeStorageLike } from '../keys/safe-storage.js';
import { readLinuxPolicy } from '../policy/linux-policy.js';
import { openDatabase } from '../store/db.js';
import { SCHEMA_VERSION } from '../store/migrations/index.js';
import { openStore } from '../store/open-store.js';
import { tempDir } from '../test-support/temp-store.js';
import { StartupProblem } from '../app/startup-error.js';
import { networkShareOf, parseMounts } from './network-share.js';
import { openSafeServices } from './safe-services.js';
import { describeStartupFailure, runStartupChecks, StartupCheckError } from './startup-checks.js';
import { hashTree } from './testing/seeded-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dir = () => {
  const d = tempDir('koe-startup-');
  dirs.push(d);
  return d;
};
const caught = async (fn: () => unknown): Promise<unknown> => {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
};

/** Electron's safeStorage as a fake: XOR "encryption", a backend name, availability. */
function fakeSafeStorage(o: { backend?: string; available?: boolean } = {}): SafeStorageLike {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => o.available ?? true,
    encryptString: (t) => Buffer.concat([Buffer.from('v11'), xor(Buffer.from(t))]),
    decryptString: (d) => xor(d.subarray(3)).toString(),
    getSelectedStorageBackend: () => o.backend ?? 'gnome_libsecret',
  };
}

const LINUX_MOUNTS = [
  '/dev/vda1 / ext4 rw,relatime 0 0',
  'fileserver:/export/home /home nfs4 rw,relatime,vers=4.2 0 0',
  '//nas/koe /mnt/share cifs rw,vers=3.0 0 0',
  '/dev/vdb1 /mnt/share2 ext4 rw 0 0',
  '/dev/vdc1 /mnt/my\\040disk xfs rw 0 0',
  'tmpfs /run tmpfs rw 0 0',
].join('\n');

const MAC_MOUNTS = [
  '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)',
  '/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)',
  '//sato@fileserver/koe on /Volumes/koe (smbfs, nodev, nosuid, mounted by sato)',
  'fileserver:/export on /Volumes/nfs (nfs, asynchronous)',
].join('\n');

describe('network share', () => {
  it.each([
    ['\\\\fileserver\\users\\sato\\Koe', '\\\\fileserver\\users'],
    ['//fileserver/users/sato/Koe', '\\\\fileserver\\users'],
    ['\\\\?\\UNC\\fileserver\\users\\Koe', '\\\\fileserver\\users'],
  ])('Windows: %s is on a share', (path, where) => {
    expect(networkShareOf(path, 'win32', null)).toEqual({ where, type: 'smb' });
  });

  it.each(['C:\\Users\\sato\\AppData\\Local\\Koe', '\\\\?\\C:\\Users\\sato\\Koe', '\\\\.\\pipe\\koe', 'D:\\Koe'])('Windows: %s is local', (path) => {
    expect(networkShareOf(path, 'win32', null)).toBeNull();
  });

  it.each([
    ['/home/sato/.local/share/koe', 'nfs4'],
    ['/mnt/share/koe', 'cifs'],
  ])('Linux: %s is on a share (%s)', (path, type) => {
    expect(networkShareOf(path, 'linux', LINUX_MOUNTS)).toMatchObject({ type });
  });

  it.each(['/var/lib/koe', '/mnt/share2/koe', '/mnt/my disk/koe', '/run/koe', '/homework/koe'])('Linux: %s is local', (path) => {
    expect(networkShareOf(path, 'linux', LINUX_MOUNTS)).toBeNull();
  });

  it('macOS: smbfs and nfs volumes are shares, APFS is local', () => {
    expect(networkShareOf('/Volumes/koe/data', 'darwin', MAC_MOUNTS)).toMatchObject({ type: 'smbfs', where: '//sato@fileserver/koe (/Volumes/koe)' });
    expect(networkShareOf('/Volumes/nfs/koe', 'darwin', MAC_MOUNTS)).toMatchObject({ type: 'nfs' });
    expect(networkShareOf('/Users/sato/Library/Application Support/Koe', 'darwin', MAC_MOUNTS)).toBeNull();
  });

  it('parses octal escapes in /proc/mounts', () => {
    expect(parseMounts(LINUX_MOUNTS).find((m) => m.type === 'xfs')?.mountPoint).toBe('/mnt/my disk');
  });

  it('refuses to start on a share, before opening anything', () => {
    const d = dir();
    const mounts = `/dev/vda1 / ext4 rw 0 0\nfiler:/vol ${d} nfs rw 0 0`;
    const err = (() => {
      try {
        runStartupChecks({ dataDir: join(d, 'data'), platform: 'linux', readMounts: () => mounts });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(StartupCheckError);
    expect((err as StartupCheckError).code).toBe('network_share');
    expect(() => runStartupChecks({ dataDir: join(d, 'data'), platform: 'linux', readMounts: () => '/dev/vda1 / ext4 rw 0 0' })).not.toThrow();
  });
});

/** The failures a staff member can meet at start, produced the way they really happen. */
const FAILURES: [string, () => Promise<unknown>, StartupProblemInfo['code']][] = [
  [
    'the system keychain is not available',
    () => caught(() => new SafeStorageKeyProvider({ safeStorage: fakeSafeStorage({ available: false }), file: join(dir(), 'key.json'), platform: 'linux' }).getOrCreateKey()),
    'keychain_unavailable',
  ],
  [
    'the keychain changed (another password store)',
    async () => {
      const file = join(dir(), 'key.json');
      await new SafeStorageKeyProvider({ safeStorage: fakeSafeStorage({ backend: 'gnome_libsecret' }), file, platform: 'linux' }).getOrCreateKey();
      return caught(() => new SafeStorageKeyProvider({ safeStorage: fakeSafeStorage({ backend: 'kwallet6' }), file, platform: 'linux' }).getKey());
    },
    'keychain_changed',
  ],
  [
    'the database key is missing',
    async () => {
      const d = dir();
      (await openStore(join(d, 'data'), new KeyFileProvider(join(d, 'db.key')))).close();
      return caught(() => openStore(join(d, 'data'), new KeyFileProvider(join(d, 'other.key'))));
    },
    'key_missing',
  ],
  [
    'the key does not fit',
    async () => {
      const d = dir();
      (await openStore(join(d, 'data'), new KeyFileProvider(join(d, 'db.key')))).close();
      return caught(() => openDatabase({ path: join(d, 'data', 'koe.db'), key: randomBytes(32) }));
    },
    'wrong_key',
  ],
  [
    'the database is from a newer Koe',
    async () => {
      const d = dir();
      const db = await openStore(join(d, 'data'), new KeyFileProvider(join(d, 'db.key')));
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
      return caught(() => openStore(join(d, 'data'), new KeyFileProvider(join(d, 'db.key'))));
    },
    'newer_schema',
  ],
  [
    'the settings (managed policy) file is damaged',
    async () => {
      const root = dir();
      mkdirSync(join(root, 'etc', 'koe'), { recursive: true });
      writeFileSync(join(root, 'etc', 'koe', 'policy.json'), '{"officeApiUrl": "https://opinions.example/api",');
      chmodSync(join(root, 'etc', 'koe', 'policy.json'), 0o644);
      const warnings: string[] = [];
      const policy = readLinuxPolicy({ log: { warn: (m) => warnings.push(m) }, root, trustedUid: process.getuid!() });
      expect(policy.values.officeApiUrl).toBeUndefined();
      return { error: new StartupProblem('No office API is configured. IT sets it with the managed policy setting "officeApiUrl".'), warnings };
    },
    'settings_corrupt',
  ],
  [
    'the data folder is on a network share',
    async () => {
      const d = dir();
      return caught(() => runStartupChecks({ dataDir: d, platform: 'linux', readMounts: () => `//nas/users ${d} cifs rw 0 0` }));
    },
    'network_share',
  ],
];

describe('start-up failure screens', () => {
  it.each(FAILURES)('%s: a title, what happened and what to do, in ja and en', async (_name, make, code) => {
    const made = await make();
    const { error, warnings } = made && typeof made === 'object' && 'warnings' in made ? (made as { error: unknown; warnings: string[] }) : { error: made, warnings: [] };
    const info = describeStartupFailure(error, { policyWarnings: warnings });
    expect(info.code).toBe(code);
    for (const text of [info.title, info.whatHappened, info.whatToDo]) {
      expect(text.ja.length).toBeGreaterThan(5);
      expect(text.en.length).toBeGreaterThan(5);
      expect(/[\u3040-\u30ff\u4e00-\u9fff]/.test(text.ja)).toBe(true);
      for (const t of [text.ja, text.en]) {
        expect(t).not.toMatch(/\n\s+at |SQLITE_|undefined|\[object/);
      }
    }
    expect(info.whatHappened.en).toContain('Nothing has been deleted');
    expect(info.whatHappened.ja).toContain('データは削除されていません');
    expect(info.title.en).not.toMatch(/\//);
  });

  it('every failure has its own screen', async () => {
    const codes = new Set<string>();
    const titles = new Set<string>();
    for (const [, make] of FAILURES) {
      const made = await make();
      const { error, warnings } = made && typeof made === 'object' && 'warnings' in made ? (made as { error: unknown; warnings: string[] }) : { error: made, warnings: [] };
      const info = describeStartupFailure(error, { policyWarnings: warnings });
      codes.add(info.code);
      titles.add(info.title.en);
    }
    expect(codes.size).toBe(FAILURES.length);
    expect(titles.size).toBe(FAILURES.length);
  });
});

describe('the app on a data folder it cannot open', () => {
  const value = async <T,>(p: Promise<Envelope<unknown>>): Promise<T> => {
    const e = await p;
    if (!e.ok) throw new Error(e.error.message);
    return e.value as T;
  };

  it.each([
    [
      'a wrong key',
      async (_data: string, keyFile: string) => {
        writeFileSync(keyFile, randomBytes(32).toString('hex'));
      },
      'wrong_key',
    ],
    [
      'a newer schema',
      async (data: string, keyFile: string) => {
        const db = await openStore(data, new KeyFileProvider(keyFile));
        db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
        db.close();
      },
      'newer_schema',
    ],
  ] as const)('%s: a blocked screen with what to do, and nothing changed', async (_name, spoil, code) => {
    const d = dir();
    const data = join(d, 'data');
    const keyFile = join(d, 'db.key');
    (await openStore(data, new KeyFileProvider(keyFile))).close();
    await spoil(data, keyFile);
    const before = hashTree(data);
    const services = await openSafeServices({ dataDir: data, keyProvider: new KeyFileProvider(keyFile), apiUrl: 'http://127.0.0.1:9', demo: false, syncIntervalMs: 0, log: () => undefined });
    try {
      expect(services.mode).toBe('blocked');
      const status = await value<SafetyStatus>(services.dispatch('safety:status', {}));
      expect(status).toMatchObject({ mode: 'blocked', problem: { code, recoverable: false } });
      expect(await value(services.dispatch('session:get', {}))).toMatchObject({ signedIn: false });
      expect(await value(services.dispatch('app:info', {}))).toMatchObject({ language: 'ja' });
      expect(await value(services.dispatch('safety:recoveryPlan', {}))).toBeNull();
      expect(await services.dispatch('safety:recover', { choice: 'resync', confirmed: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await services.dispatch('session:signIn', { username: 'sato', password: 'koe-demo' })).toMatchObject({ ok: false, error: { code: 'store_unavailable' } });
    } finally {
      await services.close();
    }
    expect(hashTree(data)).toEqual(before);
  });
});
