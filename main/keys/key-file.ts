// Headless key provider (CLI, tests, the browser harness): the key lives in the file named by
// KOE_DB_KEY_FILE as 64 hex characters, created 0600 when missing.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, openSync, readFileSync, writeSync, closeSync, renameSync, fsyncSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_BYTES, KeyError, type KeyProvider, type PendingKeySlot } from './key-provider.js';

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

export class KeyFileProvider implements KeyProvider {
  readonly kind = 'key-file';
  constructor(readonly path: string) {}

  async getKey(): Promise<Buffer | null> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8').trim();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new KeyError('bad_key_file', `cannot read the key file ${this.path}: ${(err as Error).message}`);
    }
    if (!HEX_KEY.test(text)) throw new KeyError('bad_key_file', `the key file ${this.path} must hold exactly 64 hex characters`);
    return Buffer.from(text, 'hex');
  }

  async getOrCreateKey(): Promise<Buffer> {
    const existing = await this.getKey();
    if (existing) return existing;
    const key = randomBytes(KEY_BYTES);
    mkdirSync(dirname(this.path), { recursive: true });
    // 'wx': never overwrite a key file that appeared meanwhile.
    try {
      const fd = openSync(this.path, 'wx', 0o600);
      writeSync(fd, key.toString('hex') + '\n');
      fsyncSync(fd);
      closeSync(fd);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return (await this.getKey())!;
      throw err;
    }
    return key;
  }

  async storeKey(key: Buffer): Promise<void> {
    if (key.length !== KEY_BYTES) throw new Error('the database key must be 32 bytes');
    const tmp = `${this.path}.tmp-${process.pid}`;
    const fd = openSync(tmp, 'w', 0o600);
    writeSync(fd, key.toString('hex') + '\n');
    fsyncSync(fd);
    closeSync(fd);
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
    syncDir(dirname(this.path));
  }

  /** The pending key lives beside the key file, as `<key file>.pending`, kept the same way. */
  pendingSlot(): PendingKeySlot {
    const slot = new KeyFileProvider(`${this.path}.pending`);
    return {
      getKey: () => slot.getKey(),
      storeKey: (key) => slot.storeKey(key),
      discard: async () => {
        rmSync(slot.path, { force: true });
        syncDir(dirname(slot.path));
      },
    };
  }
}

/** The headless provider from the environment, or an error that says what to set. */
export function keyFileFromEnv(env: NodeJS.ProcessEnv = process.env): KeyFileProvider {
  const path = env.KOE_DB_KEY_FILE;
  if (!path) throw new KeyError('bad_key_file', 'set KOE_DB_KEY_FILE to the path of the database key file (it is created if missing)');
  return new KeyFileProvider(path);
}

/** Makes a rename durable; skipped where a folder cannot be opened (Windows). */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not possible on this platform.
  }
}
