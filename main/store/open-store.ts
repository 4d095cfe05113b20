// The data dir holds one encrypted database, koe.db (plus its -wal and -shm files). The key
// comes from a key provider and is never written next to it.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyProvider } from '../keys/key-provider.js';
import { openDatabase, StoreError, type Db } from './db.js';

export const DB_FILE = 'koe.db';
export const dbPath = (dataDir: string) => join(dataDir, DB_FILE);

export async function openStore(dataDir: string, keys: KeyProvider, o: { readonly?: boolean } = {}): Promise<Db> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = dbPath(dataDir);
  const exists = existsSync(path);
  // A database without its key can never be opened: refuse to make a new key over old data.
  const key = exists ? await keys.getKey() : await keys.getOrCreateKey();
  if (!key) {
    throw new StoreError('wrong_key', `cannot open: the database key is missing (${keys.kind}); nothing was changed in ${dataDir}`);
  }
  return openDatabase({ path, key, readonly: o.readonly });
}
