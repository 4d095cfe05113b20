// Opening the store at launch: Koe's openDatabase (raw 32-byte key, verifying read, pragmas,
// migration check) beside opening an unencrypted copy of the same database with the same
// pragmas (the floor), and, for contrast, a passphrase key that goes through SQLCipher's KDF.
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey, openDatabase } from '../main/store/db.js';
import { runMigrations } from '../main/store/migrations/index.js';
import { repeat, type Summary } from './stats.js';
import type { Row } from './table.js';
import { benchDir, label, progress, removeDir, type StoreFiles } from './workspace.js';

const OPEN_TARGET_MS = 100;
const PASSPHRASE = 'correct horse battery staple';

/** The pragmas and reads openDatabase does once keyed, so only the cipher differs. */
function settle(db: Database.Database): void {
  db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('user_version', { simple: true });
}

function openPlain(path: string): Database.Database {
  const db = new Database(path);
  settle(db);
  return db;
}

function openWithPassphrase(path: string): Database.Database {
  const db = new Database(path);
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key='${PASSPHRASE}'`);
  settle(db);
  return db;
}

/**
 * An unencrypted copy of the synced store: copy the file, then PRAGMA rekey='' rewrites every
 * page in the clear (SQLite3 Multiple Ciphers cannot rekey in WAL mode, hence DELETE first).
 */
function plainCopy(store: StoreFiles, dest: string): void {
  const src = openDatabase({ path: store.path, key: store.key });
  src.pragma('wal_checkpoint(TRUNCATE)');
  src.close();
  copyFileSync(store.path, dest);
  const db = new Database(dest);
  try {
    applyKey(db, store.key);
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey=''`);
  } finally {
    db.close();
  }
}

/** The KDF costs the same whatever the size, so a small store with Koe's schema shows it. */
function passphraseStore(dest: string): void {
  const db = new Database(dest);
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key='${PASSPHRASE}'`);
    db.pragma('journal_mode = WAL');
    runMigrations(db);
  } finally {
    db.close();
  }
}

const timeOpens = (open: () => Database.Database): Summary => repeat(() => open().close(), { reps: 50, warmup: 5 });

export function measureOpen(store: StoreFiles, n: number): Row[] {
  const section = `open at ${label(n)}`;
  const dir = benchDir('open');
  try {
    progress(`${section}: writing an unencrypted copy for the floor (rewrites every page)`);
    const plainPath = join(dir, 'plain.db');
    plainCopy(store, plainPath);
    const kdfPath = join(dir, 'passphrase.db');
    passphraseStore(kdfPath);

    const koe = timeOpens(() => openDatabase({ path: store.path, key: store.key }));
    const plain = timeOpens(() => openPlain(plainPath));
    const kdf = timeOpens(() => openWithPassphrase(kdfPath));
    const sizes = { encryptedMb: statSync(store.path).size / 1e6, plainMb: statSync(plainPath).size / 1e6 };
    progress(`${section}: Koe p95 ${koe.p95.toFixed(2)} ms, plain ${plain.p95.toFixed(2)} ms, passphrase KDF ${kdf.p95.toFixed(0)} ms`);
    return [
      { section, measure: 'open store (raw key), p95', value: koe.p95, unit: 'ms', floor: plain.p95, target: { kind: 'below', limit: OPEN_TARGET_MS }, detail: { koe, plain, ...sizes } },
      { section, measure: 'open with a passphrase (KDF), p95 — contrast', value: kdf.p95, unit: 'ms', floor: plain.p95, detail: { kdf } },
    ];
  } finally {
    removeDir(dir);
  }
}
