// The data dir holds one encrypted database, koe.db (plus its -wal and -shm files). The key
// comes from a key provider and is never written next to it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyProvider } from '../keys/key-provider.js';
import { openWithKeySlots } from '../safety/key-slots.js';
import type { Db } from './db.js';

export const DB_FILE = 'koe.db';
export const dbPath = (dataDir: string) => join(dataDir, DB_FILE);

export async function openStore(dataDir: string, keys: KeyProvider, o: { readonly?: boolean } = {}): Promise<Db> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // With the current key, or finishing (or undoing) a key rotation that was cut short.
  return openWithKeySlots(dataDir, dbPath(dataDir), keys, o);
}
