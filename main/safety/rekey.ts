// Key rotation: a new random key for the database (PRAGMA rekey with a raw key), kept
// recoverable at every moment (see key-slots.ts):
//   pending slot ← new key (flushed) → safety copy (old key, flushed) → rekey in place →
//   current slot ← new key → pending slot and safety copy removed → backups re-encrypted.
// This cipher build cannot rekey in WAL mode, so the database switches to a rollback journal
// for the rekey and back to WAL after. From the safety copy to the end of the rekey every step
// is synchronous, so no other write of this process lands in between.
import { randomBytes } from 'node:crypto';
import { readdirSync, renameSync, rmSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyProvider } from '../keys/key-provider.js';
import { appendAudit } from '../store/audit.js';
import { applyKey, type Db } from '../store/db.js';
import Database from 'better-sqlite3-multiple-ciphers';
import { backupDir, listBackups } from './backup.js';
import { fsyncDir, fsyncFile } from './files.js';
import { rekeySafetyPath, removeDatabaseFile } from './key-slots.js';
import { SafetyError } from './safety-error.js';

export class RekeyError extends SafetyError {
  override name = 'RekeyError';
}

const rekeyPragma = (key: Buffer) => `rekey="x'${key.toString('hex')}'"`;

export interface RekeyResult {
  ms: number;
  backupsRekeyed: number;
  /** Backups that stay under the old key (they no longer open); named for the report. */
  backupsNotRekeyed: string[];
}

/**
 * Rotates the key of the open database `db` (the file at `path` in `dataDir`). The connection
 * stays open and usable. `hooks.beforeRekey` lets a test fail the rekey at that step.
 */
export async function rekeyDatabase(
  db: Db,
  o: { dataDir: string; path: string; keys: KeyProvider; actor: string | null; newKey?: Buffer; hooks?: { beforeRekey?: () => void } },
): Promise<RekeyResult> {
  const started = performance.now();
  const slot = o.keys.pendingSlot?.();
  if (!slot) throw new RekeyError(`the ${o.keys.kind} key store cannot keep a second key, so the key cannot be rotated safely`);
  const oldKey = await o.keys.getKey();
  if (!oldKey) throw new RekeyError('the current database key is missing');
  const newKey = o.newKey ?? randomBytes(32);
  const safety = rekeySafetyPath(o.path);

  await slot.storeKey(newKey);
  try {
    // Synchronous from here to the end of the rekey.
    removeDatabaseFile(safety);
    db.prepare('VACUUM INTO ?').run(safety);
    fsyncFile(safety);
    fsyncDir(o.dataDir);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw new RekeyError('another program has the database open (close other Koe windows and commands, then try again)');
    o.hooks?.beforeRekey?.();
    db.pragma(rekeyPragma(newKey));
    db.pragma('journal_mode = WAL');
  } catch (err) {
    // The rekey did not happen: the database still uses the old key.
    try {
      db.pragma('journal_mode = WAL');
    } catch {
      // Left in rollback mode; the next open switches it back.
    }
    removeDatabaseFile(safety);
    await slot.discard();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new RekeyError('another program has the database open (close other Koe windows and commands, then try again)');
    }
    throw err;
  }
  await o.keys.storeKey(newKey);
  await slot.discard();
  removeDatabaseFile(safety);
  fsyncDir(o.dataDir);

  const backups = rekeyBackups(o.dataDir, oldKey, newKey);
  const ms = Math.round(performance.now() - started);
  appendAudit(db, { actor: o.actor, action: 'rekey', detail: { backupsRekeyed: backups.done, backupsNotRekeyed: backups.failed, ms } });
  return { ms, backupsRekeyed: backups.done, backupsNotRekeyed: backups.failed };
}

/**
 * Re-encrypts each backup under the new key (a backup the old key still opens would defeat the
 * rotation, and one the new key cannot open could never be restored). Each is rekeyed as a
 * copy that replaces the original only once complete.
 */
export function rekeyBackups(dataDir: string, oldKey: Buffer, newKey: Buffer): { done: number; failed: string[] } {
  const dir = backupDir(dataDir);
  // Copies left by an interrupted run hold nothing the backups do not.
  for (const name of safeReaddir(dir)) if (name.endsWith('.rekeying')) rmSync(join(dir, name), { force: true });
  let done = 0;
  const failed: string[] = [];
  for (const b of listBackups(dataDir)) {
    const temp = join(dir, `.${b.name}.rekeying`);
    try {
      copyFileSync(b.path, temp);
      rekeyFile(temp, oldKey, newKey);
      fsyncFile(temp);
      renameSync(temp, b.path);
      done++;
    } catch {
      removeDatabaseFile(temp);
      failed.push(b.name);
    }
  }
  fsyncDir(dir);
  return { done, failed };
}

/** Rekeys a closed database file that uses a rollback journal (a backup). */
export function rekeyFile(path: string, oldKey: Buffer, newKey: Buffer): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    applyKey(db, oldKey);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('journal_mode = DELETE');
    db.pragma(rekeyPragma(newKey));
  } finally {
    db.close();
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
