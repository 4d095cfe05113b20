// The database key in the app: 32 random bytes, kept on disk only as wrapped by Electron's
// safeStorage (DPAPI on Windows, the Keychain on macOS, the Secret Service or KWallet on Linux).
// The file records which store wrapped it, because on Linux the store can change between
// sessions, and unwrapping with the wrong one must stop Koe rather than start a fresh, empty
// database over the staff's unsynced work.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KEY_BYTES, KeyError, type KeyProvider, type PendingKeySlot } from './key-provider.js';

/** The parts of Electron's `safeStorage` used here (injected, so tests can use a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  decryptStringAsync?(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

export interface SafeStorageKeyOptions {
  safeStorage: SafeStorageLike;
  /** Where the wrapped key lives, in the data dir. */
  file: string;
  platform?: NodeJS.Platform;
  /** The managed policy `allowBasicTextKeystore`: accept Linux stores that do not protect the key. */
  allowBasicText?: boolean;
}

/** Linux stores that keep the key readable by anyone who can read the user's files. */
const PLAINTEXT_BACKENDS = new Set(['basic_text', 'unknown']);

const wrappedKeyFile = z.object({
  format: z.literal('koe-wrapped-key'),
  version: z.literal(1),
  backend: z.string().min(1).max(64),
  wrapped: z.base64().min(1),
});
type WrappedKeyFile = z.output<typeof wrappedKeyFile>;

export class SafeStorageKeyProvider implements KeyProvider {
  readonly kind = 'safe-storage';
  private readonly ss: SafeStorageLike;
  private readonly file: string;
  private readonly platform: NodeJS.Platform;
  private readonly allowBasicText: boolean;

  constructor(opts: SafeStorageKeyOptions) {
    this.ss = opts.safeStorage;
    this.file = opts.file;
    this.platform = opts.platform ?? process.platform;
    this.allowBasicText = opts.allowBasicText ?? false;
  }

  async getKey(): Promise<Buffer | null> {
    const stored = this.readFile();
    if (!stored) return null;
    const backend = await this.usableBackend();
    if (backend !== stored.backend) {
      throw new KeyError(
        'backend_changed',
        `The Koe database key was protected with the "${stored.backend}" password store, but this session uses "${backend}". ` +
          `Koe will not create a new key over existing data. Start Koe in a desktop session that uses "${stored.backend}"` +
          (this.platform === 'linux' ? ` (for example with --password-store=${passwordStoreFlag(stored.backend)})` : '') +
          `, or ask IT for help. The key file is ${this.file}.`,
      );
    }
    const { key, shouldReEncrypt } = await this.unwrap(Buffer.from(stored.wrapped, 'base64'));
    if (shouldReEncrypt) {
      // The OS rotated its own key; re-wrapping keeps ours readable after the old one is gone.
      // The current file still works if this fails, so it is not worth stopping Koe for.
      await this.write(key, backend, 'replace').catch(() => undefined);
    }
    return key;
  }

  async getOrCreateKey(): Promise<Buffer> {
    const existing = await this.getKey();
    if (existing) return existing;
    const backend = await this.usableBackend();
    const key = randomBytes(KEY_BYTES);
    // 'create' fails if another file appeared meanwhile: never replace a key that may guard data.
    await this.write(key, backend, 'create');
    return key;
  }

  async storeKey(key: Buffer): Promise<void> {
    if (key.length !== KEY_BYTES) throw new KeyError('bad_key_file', `A database key must be ${KEY_BYTES} bytes.`);
    const backend = await this.usableBackend();
    const stored = this.readFile();
    if (stored && stored.backend !== backend) {
      throw new KeyError('backend_changed', `The key was protected with "${stored.backend}" but this session uses "${backend}"; the key is not replaced.`);
    }
    await this.write(key, backend, 'replace');
  }

  /** During a rekey the new key waits in `<file>.pending`, wrapped by the same store. */
  pendingSlot(): PendingKeySlot {
    const slot = new SafeStorageKeyProvider({ safeStorage: this.ss, file: `${this.file}.pending`, platform: this.platform, allowBasicText: this.allowBasicText });
    return {
      getKey: () => slot.getKey(),
      storeKey: (key) => slot.storeKey(key),
      discard: async () => {
        fs.rmSync(slot.file, { force: true });
        syncDir(path.dirname(slot.file));
      },
    };
  }

  /** The store's name, once it is known to protect the key (or the policy accepts that it does not). */
  private async usableBackend(): Promise<string> {
    const available = this.hasAsync() ? await this.ss.isAsyncEncryptionAvailable!() : this.ss.isEncryptionAvailable();
    if (!available) {
      throw new KeyError(
        'no_encryption',
        'Koe cannot protect its database key: the system password store is not available. ' +
          (this.platform === 'linux'
            ? 'Sign in to a desktop session with a keyring (GNOME Keyring or KWallet) unlocked, then start Koe again.'
            : 'Sign in to Windows or macOS normally (not a temporary profile), then start Koe again.') +
          ' If this persists, contact IT.',
      );
    }
    const backend = this.backendName();
    if (PLAINTEXT_BACKENDS.has(backend) && !this.allowBasicText) {
      throw new KeyError(
        'plaintext_backend',
        `Koe will not store its database key with the "${backend}" password store, because that keeps the key readable by ` +
          `anyone who can read this user's files. Start Koe in a desktop session with a keyring (GNOME Keyring or KWallet), ` +
          `or start it with --password-store=gnome-libsecret. IT can accept the risk with the managed policy setting ` +
          `"allowBasicTextKeystore": true in /etc/koe/policy.json.`,
      );
    }
    return backend;
  }

  private backendName(): string {
    if (this.platform === 'linux') return this.ss.getSelectedStorageBackend?.() ?? 'unknown';
    if (this.platform === 'win32') return 'dpapi';
    if (this.platform === 'darwin') return 'keychain';
    return this.ss.getSelectedStorageBackend?.() ?? 'unknown';
  }

  private hasAsync(): boolean {
    return (
      typeof this.ss.isAsyncEncryptionAvailable === 'function' &&
      typeof this.ss.encryptStringAsync === 'function' &&
      typeof this.ss.decryptStringAsync === 'function'
    );
  }

  private async unwrap(wrapped: Buffer): Promise<{ key: Buffer; shouldReEncrypt: boolean }> {
    let text: string;
    let shouldReEncrypt = false;
    try {
      if (this.hasAsync()) {
        const result = await this.ss.decryptStringAsync!(wrapped);
        text = result.result;
        shouldReEncrypt = result.shouldReEncrypt;
      } else {
        text = this.ss.decryptString(wrapped);
      }
    } catch {
      throw unwrapFailed(this.file);
    }
    const key = Buffer.from(text, 'base64');
    if (key.length !== KEY_BYTES || key.toString('base64') !== text) throw unwrapFailed(this.file);
    return { key, shouldReEncrypt };
  }

  private readFile(): WrappedKeyFile | null {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new KeyError('bad_key_file', `The Koe key file ${this.file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = wrappedKeyFile.safeParse(json);
    if (!parsed.success) {
      // Not replaced: it may be the only way back into the database. Restore it from a backup.
      throw new KeyError('bad_key_file', `The Koe key file ${this.file} is damaged. Koe has not changed it; restore it from a backup or contact IT.`);
    }
    return parsed.data;
  }

  private async write(key: Buffer, backend: string, mode: 'create' | 'replace'): Promise<void> {
    const plain = key.toString('base64');
    const wrapped = this.hasAsync() ? await this.ss.encryptStringAsync!(plain) : this.ss.encryptString(plain);
    const body: WrappedKeyFile = { format: 'koe-wrapped-key', version: 1, backend, wrapped: Buffer.from(wrapped).toString('base64') };
    writeFileAtomic(this.file, `${JSON.stringify(body, null, 2)}\n`, mode);
  }
}

function unwrapFailed(file: string): KeyError {
  return new KeyError(
    'unwrap_failed',
    `The Koe database key in ${file} could not be unlocked with this user's password store. ` +
      'It may belong to another user or computer, or the keyring was reset. Koe has not changed it; contact IT.',
  );
}

/** The `--password-store` value that selects a backend again. */
function passwordStoreFlag(backend: string): string {
  return backend === 'gnome_libsecret' ? 'gnome-libsecret' : backend === 'basic_text' ? 'basic' : backend;
}

/**
 * Writes through a private temporary file, flushed to disk, then moved into place: a crash
 * leaves the old file or the new one, never half of one. 'create' links instead of renaming,
 * so it fails rather than overwrite a key file that appeared in the meantime.
 */
function writeFileAtomic(file: string, content: string, mode: 'create' | 'replace'): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    if (mode === 'create') {
      try {
        fs.linkSync(temp, file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') {
          throw new KeyError('bad_key_file', `A Koe key file appeared at ${file} while a new key was being made; it was not replaced.`);
        }
        // Some file systems (FAT, a few network shares) have no hard links: check, then rename.
        if (!(code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') || fs.existsSync(file)) throw error;
        fs.renameSync(temp, file);
      }
    } else {
      fs.renameSync(temp, file);
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
  syncDir(dir);
}

/** Makes the rename itself durable; not possible on Windows, where it is skipped. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a directory for fsync.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
