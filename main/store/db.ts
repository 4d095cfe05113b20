// Opens Koe's encrypted database: SQLCipher-compatible cipher, a raw 256-bit key (no passphrase
// KDF, so opening stays fast), a verifying read, then the pragmas that keep staff work safe.
import { createRequire } from 'node:module';
import Database from 'better-sqlite3-multiple-ciphers';
import { runMigrations } from './migrations/index.js';

export type Db = Database.Database;

export class StoreError extends Error {
  constructor(
    readonly code: 'wrong_key' | 'newer_schema' | 'corrupt' | 'migration_failed' | 'unwritable',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export const WRONG_KEY_MESSAGE = 'cannot open: wrong key or not a Koe database';

/** The cipher settings and the key, as pragmas (also run by the backup worker's own connection). */
/** Where the SQLite module is, for a worker thread that opens its own connection (eval'd code has no resolver of its own). */
export const sqliteModulePath = (): string => createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');

export function keyPragmas(key: Buffer): string[] {
  if (key.length !== 32) throw new Error('the database key must be 32 bytes');
  // A raw key in hex: SQLCipher skips the passphrase KDF (which costs ~225 ms per open).
  return [`cipher='sqlcipher'`, 'legacy=4', `key="x'${key.toString('hex')}'"`];
}

/** Applies the cipher settings and the key; nothing is read or written yet. */
export function applyKey(db: Db, key: Buffer): void {
  for (const p of keyPragmas(key)) db.pragma(p);
}

export interface OpenOptions {
  path: string;
  key: Buffer;
  readonly?: boolean;
  /** Run migrations (default true). A read-only open never migrates. */
  migrate?: boolean;
}

export function openDatabase(opts: OpenOptions): Db {
  const db = new Database(opts.path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  try {
    applyKey(db, opts.key);
    verifyKey(db);
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      // Work acknowledged on screen must survive a power cut.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      // Deleted rows are overwritten, so retention and tombstones really delete.
      db.pragma('secure_delete = ON');
      db.pragma('busy_timeout = 5000');
      if (opts.migrate ?? true) runMigrations(db);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The first read decrypts page 1: a wrong key or a foreign file fails here, before any write. */
function verifyKey(db: Db): void {
  try {
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new StoreError('wrong_key', WRONG_KEY_MESSAGE);
    if (code === 'SQLITE_CORRUPT') throw new StoreError('corrupt', `the database file is damaged: ${(err as Error).message}`);
    throw err;
  }
}
