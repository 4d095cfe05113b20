// Replacing the database: from a backup (checked first: it opens with the key, passes
// integrity_check, has a schema this Koe knows) or, for a resync, with a new empty database that
// the next sync fills from the office server. Either way the current file is moved aside into
// set-aside/ (never deleted), the staff's unsent work is carried over from it as far as it can be
// read, and the change is written to the audit log. Run with the database closed.
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { PendingItem, RecoveryResult } from '../../shared/contract-safety.js';
import type { KeyProvider } from '../keys/key-provider.js';
import { appendAudit } from '../store/audit.js';
import { openDatabase, StoreError, type Db } from '../store/db.js';
import { DB_FILE, dbPath } from '../store/open-store.js';
import { verifyBackup, type BackupCheck } from './backup.js';
import { fsyncDir, fsyncFile, moveDatabase, setAside } from './files.js';
import { removeDatabaseFile } from './key-slots.js';
import { SafetyError } from './safety-error.js';
import { carryOverAudit, carryOverUnsentWork } from './unsent-work.js';

export interface ReplaceOptions {
  dataDir: string;
  keys: KeyProvider;
  actor: string | null;
  now?: Date;
}

export interface ReplaceResult extends RecoveryResult {
  auditCarried: number | null;
  backup: (BackupCheck & { file: string }) | null;
}

export class InUseError extends SafetyError {
  override name = 'InUseError';
}

async function requireKey(keys: KeyProvider): Promise<Buffer> {
  const key = await keys.getKey();
  if (!key) throw new StoreError('wrong_key', `the database key is missing (${keys.kind}); nothing was changed`);
  return key;
}

/**
 * Refuses while another program (the app, another command) has the database open: leaving WAL
 * mode needs every other connection gone. A file that does not open at all cannot be in use.
 */
export function assertNotInUse(path: string, key: Buffer): void {
  if (!existsSync(path)) return;
  let db: Db;
  try {
    db = openDatabase({ path, key, migrate: false });
  } catch {
    return;
  }
  try {
    db.pragma('busy_timeout = 0');
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') throw new InUseError('Koe is running or another command is using the database: close it first');
  } catch (err) {
    if (err instanceof InUseError) throw err;
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new InUseError('Koe is running or another command is using the database: close it first');
    throw err;
  } finally {
    db.close();
  }
}

/** Restores `file` as the database of `dataDir`. The current database is kept in set-aside/. */
export async function restoreFromBackup(file: string, o: ReplaceOptions): Promise<ReplaceResult> {
  const key = await requireKey(o.keys);
  const check = verifyBackup(file, key);
  const path = dbPath(o.dataDir);
  assertNotInUse(path, key);

  // A copy next to the database first, so the final step is one rename on the same disk.
  const staging = `${path}.restoring`;
  removeDatabaseFile(staging);
  copyFileSync(file, staging);
  fsyncFile(staging);
  const kept = existsSync(path) ? setAside(o.dataDir, DB_FILE, 'before-restore', o.now) : null;
  let db: Db;
  try {
    renameSync(staging, path);
    fsyncDir(o.dataDir);
    db = openDatabase({ path, key });
  } catch (err) {
    // Back as it was: the backup's copy goes, the kept database returns.
    removeDatabaseFile(path);
    removeDatabaseFile(staging);
    if (kept) moveDatabase(join(kept, DB_FILE), path);
    fsyncDir(o.dataDir);
    throw err;
  }
  try {
    const result = finish(db, 'restore', kept, key, o, { backup: basename(file), backupSchema: check.schema });
    return { ...result, backup: { ...check, file } };
  } finally {
    db.close();
  }
}

/** Replaces the database with a new empty one that the next sync fills from the office server. */
export async function resyncFromServer(o: ReplaceOptions): Promise<ReplaceResult> {
  const key = await requireKey(o.keys);
  const path = dbPath(o.dataDir);
  assertNotInUse(path, key);
  const kept = existsSync(path) ? setAside(o.dataDir, DB_FILE, 'before-resync', o.now) : null;
  let db: Db;
  try {
    db = openDatabase({ path, key });
  } catch (err) {
    removeDatabaseFile(path);
    if (kept) moveDatabase(join(kept, DB_FILE), path);
    fsyncDir(o.dataDir);
    throw err;
  }
  try {
    return { ...finish(db, 'resync', kept, key, o, {}), backup: null };
  } finally {
    db.close();
  }
}

function finish(db: Db, choice: 'restore' | 'resync', kept: string | null, key: Buffer, o: ReplaceOptions, detail: Record<string, unknown>): Omit<ReplaceResult, 'backup'> {
  let carriedOver = 0;
  let lost: PendingItem[] = [];
  let auditCarried: number | null = null;
  let oldReadable = false;
  if (kept) {
    let old: Db | null;
    try {
      old = openDatabase({ path: join(kept, DB_FILE), key, readonly: true });
    } catch {
      old = null;
    }
    if (old) {
      try {
        const c = carryOverUnsentWork(old, db);
        carriedOver = c.carried;
        lost = c.lost;
        oldReadable = c.readable;
        auditCarried = carryOverAudit(old, db);
      } finally {
        old.close();
      }
    }
  }
  const keptAs = kept ? relative(o.dataDir, kept) : '';
  appendAudit(
    db,
    { actor: o.actor, action: choice === 'restore' ? 'database_restored' : 'database_resynced', detail: { ...detail, keptAs, carriedOver, lost: lost.length, oldReadable, auditCarried } },
    o.now,
  );
  return { choice, carriedOver, lost, keptAs, auditCarried };
}
