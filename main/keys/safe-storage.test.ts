import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeyError } from './key-provider.js';
import { SafeStorageKeyProvider, type SafeStorageLike } from './safe-storage.js';

type FakeOptions = { backend?: string; available?: boolean; secret?: number };

/**
 * A stand-in for the OS store: "encrypts" by XOR with a per-user secret, so the wrapped bytes
 * differ from the key and another user (another secret) cannot unwrap them.
 */
function fakeCipher(secret = 0x5a) {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ secret));
  return {
    encrypt: (text: string) => Buffer.concat([Buffer.from('v11'), xor(Buffer.from(text, 'utf8'))]),
    decrypt: (data: Buffer) => {
      if (data.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const text = xor(data.subarray(3)).toString('utf8');
      if (!/^[A-Za-z0-9+/=]*$/.test(text)) throw new Error('Error while decrypting');
      return text;
    },
  };
}

/** Electron's safeStorage with the synchronous API only. */
function fakeSafeStorage(opts: FakeOptions = {}) {
  const cipher = fakeCipher(opts.secret);
  return {
    isEncryptionAvailable: vi.fn(() => opts.available ?? true),
    encryptString: vi.fn(cipher.encrypt),
    decryptString: vi.fn(cipher.decrypt),
    getSelectedStorageBackend: vi.fn(() => opts.backend ?? 'gnome_libsecret'),
  } satisfies SafeStorageLike;
}

/** The same, with the async API Electron prefers. */
function fakeAsyncSafeStorage(opts: FakeOptions = {}) {
  const cipher = fakeCipher(opts.secret);
  return {
    ...fakeSafeStorage(opts),
    isAsyncEncryptionAvailable: vi.fn(async () => opts.available ?? true),
    encryptStringAsync: vi.fn(async (text: string) => cipher.encrypt(text)),
    decryptStringAsync: vi.fn(async (data: Buffer) => ({ result: cipher.decrypt(data), shouldReEncrypt: false })),
  } satisfies SafeStorageLike;
}

describe('SafeStorageKeyProvider', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-key-'));
    file = path.join(dir, 'data', 'key.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const provider = (safeStorage: SafeStorageLike, extra: { platform?: NodeJS.Platform; allowBasicText?: boolean } = {}) =>
    new SafeStorageKeyProvider({ safeStorage, file, platform: extra.platform ?? 'linux', allowBasicText: extra.allowBasicText });

  /** Every byte on disk under the test folder, to look for the key in any encoding. */
  function everyFile(): Buffer {
    const out: Buffer[] = [];
    const walk = (d: string) => {
      for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, entry.name);
        if (entry.isDirectory()) walk(p);
        else out.push(fs.readFileSync(p));
      }
    };
    walk(dir);
    return Buffer.concat(out);
  }

  it('makes a 32-byte key once and returns the same key after', async () => {
    const ss = fakeSafeStorage();
    const p = provider(ss);
    expect(await p.getKey()).toBeNull();
    const key = await p.getOrCreateKey();
    expect(key).toHaveLength(32);
    expect(await p.getOrCreateKey()).toEqual(key);
    expect(await provider(fakeSafeStorage()).getKey()).toEqual(key);
    expect(p.kind).toBe('safe-storage');
  });

  it('keeps no copy of the key in clear on disk', async () => {
    const key = await provider(fakeSafeStorage()).getOrCreateKey();
    const disk = everyFile();
    for (const encoding of ['hex', 'base64', 'base64url'] as const) {
      expect(disk.includes(Buffer.from(key.toString(encoding))), encoding).toBe(false);
    }
    expect(disk.includes(key)).toBe(false);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['key.json']);
  });

  it('writes the file 0600 in a 0700 folder, recording the backend', async () => {
    await provider(fakeSafeStorage({ backend: 'kwallet5' })).getOrCreateKey();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const content = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(content).toMatchObject({ format: 'koe-wrapped-key', version: 1, backend: 'kwallet5' });
    expect(typeof content.wrapped).toBe('string');
  });

  it('prefers the async API when safeStorage has it', async () => {
    const ss = fakeAsyncSafeStorage();
    const key = await provider(ss).getOrCreateKey();
    expect(await provider(ss).getKey()).toEqual(key);
    expect(ss.encryptStringAsync).toHaveBeenCalled();
    expect(ss.decryptStringAsync).toHaveBeenCalled();
    expect(ss.encryptString).not.toHaveBeenCalled();
    expect(ss.decryptString).not.toHaveBeenCalled();
    expect(ss.isEncryptionAvailable).not.toHaveBeenCalled();
  });

  it('re-wraps the key when the system asks for it', async () => {
    const ss = fakeAsyncSafeStorage();
    const key = await provider(ss).getOrCreateKey();
    const inode = fs.statSync(file).ino;
    ss.decryptStringAsync.mockImplementationOnce(async (data: Buffer) => ({ result: fakeCipher().decrypt(data), shouldReEncrypt: true }));
    expect(await provider(ss).getKey()).toEqual(key);
    expect(ss.encryptStringAsync).toHaveBeenCalledTimes(2);
    expect(fs.statSync(file).ino).not.toBe(inode);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await provider(ss).getKey()).toEqual(key);
  });

  it.each(['basic_text', 'unknown'])('refuses the %s backend with an actionable message', async (backend) => {
    const error = await provider(fakeSafeStorage({ backend })).getOrCreateKey().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyError);
    expect(error).toMatchObject({ code: 'plaintext_backend' });
    expect((error as Error).message).toContain('allowBasicTextKeystore');
    expect((error as Error).message).toContain('keyring');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a Linux safeStorage that cannot name its backend', async () => {
    const { getSelectedStorageBackend: _omit, ...ss } = fakeSafeStorage();
    await expect(provider(ss).getOrCreateKey()).rejects.toMatchObject({ code: 'plaintext_backend' });
  });

  it('accepts basic_text when the policy allows it', async () => {
    const ss = fakeSafeStorage({ backend: 'basic_text' });
    const key = await provider(ss, { allowBasicText: true }).getOrCreateKey();
    expect(await provider(ss, { allowBasicText: true }).getKey()).toEqual(key);
    // The policy withdrawn: the key stays, but Koe stops using it until IT decides.
    await expect(provider(ss).getKey()).rejects.toMatchObject({ code: 'plaintext_backend' });
  });

  it('refuses when no encryption is available', async () => {
    for (const ss of [fakeSafeStorage({ available: false }), fakeAsyncSafeStorage({ available: false })]) {
      const error = await provider(ss).getOrCreateKey().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'no_encryption' });
      expect((error as Error).message).toMatch(/keyring|IT/);
    }
    expect(fs.existsSync(file)).toBe(false);
  });

  it('stops with backend_changed and never makes a new key when the backend changed', async () => {
    const key = await provider(fakeSafeStorage({ backend: 'gnome_libsecret' })).getOrCreateKey();
    const before = fs.readFileSync(file);
    const kwallet = provider(fakeSafeStorage({ backend: 'kwallet6' }));
    await expect(kwallet.getKey()).rejects.toMatchObject({ code: 'backend_changed' });
    const error = await kwallet.getOrCreateKey().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'backend_changed' });
    expect((error as Error).message).toContain('--password-store=gnome-libsecret');
    await expect(kwallet.storeKey(Buffer.alloc(32, 1))).rejects.toMatchObject({ code: 'backend_changed' });
    expect(fs.readFileSync(file)).toEqual(before);
    expect(await provider(fakeSafeStorage({ backend: 'gnome_libsecret' })).getKey()).toEqual(key);
  });

  it('reports unwrap_failed when the store cannot unwrap the key, leaving the file alone', async () => {
    await provider(fakeSafeStorage({ secret: 0x11 })).getOrCreateKey();
    const before = fs.readFileSync(file);
    const otherUser = provider(fakeSafeStorage({ secret: 0x22 }));
    await expect(otherUser.getKey()).rejects.toMatchObject({ code: 'unwrap_failed' });
    await expect(otherUser.getOrCreateKey()).rejects.toMatchObject({ code: 'unwrap_failed' });
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('reports unwrap_failed when the store throws', async () => {
    const ss = fakeSafeStorage();
    await provider(ss).getOrCreateKey();
    ss.decryptString.mockImplementation(() => {
      throw new Error('Error while decrypting');
    });
    await expect(provider(ss).getKey()).rejects.toMatchObject({ code: 'unwrap_failed' });
  });

  it.each([
    ['not JSON', 'garbage'],
    ['wrong shape', '{"format":"koe-wrapped-key","version":1}'],
    ['empty', ''],
  ])('refuses a damaged key file (%s) without replacing it', async (_label, content) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    await expect(provider(fakeSafeStorage()).getOrCreateKey()).rejects.toMatchObject({ code: 'bad_key_file' });
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
  });

  it('replaces the key on rekey', async () => {
    const ss = fakeSafeStorage();
    const p = provider(ss);
    const old = await p.getOrCreateKey();
    const next = Buffer.alloc(32, 7);
    await p.storeKey(next);
    expect(await provider(ss).getKey()).toEqual(next);
    expect(next.equals(old)).toBe(false);
    expect(everyFile().includes(Buffer.from(next.toString('base64')))).toBe(false);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['key.json']);
    await expect(p.storeKey(Buffer.alloc(16))).rejects.toMatchObject({ code: 'bad_key_file' });
  });

  it('names the store after the platform on Windows and macOS', async () => {
    await provider(fakeSafeStorage(), { platform: 'win32' }).getOrCreateKey();
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).backend).toBe('dpapi');
    fs.rmSync(file);
    await provider(fakeSafeStorage(), { platform: 'darwin' }).getOrCreateKey();
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).backend).toBe('keychain');
  });
});
