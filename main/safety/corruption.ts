// A damaged database: telling damage from a wrong key, and what the recovery screen shows (the
// unsent work at stake, the newest backup that can be restored). Nothing here writes.
import type { RecoveryPlan, StartupProblemInfo } from '../../shared/contract-safety.js';
import type { KeyProvider } from '../keys/key-provider.js';
import { openDatabase, StoreError, type Db } from '../store/db.js';
import { dbPath } from '../store/open-store.js';
import { listBackups, verifyBackup, type BackupCheck } from './backup.js';
import { readUnsentWork } from './unsent-work.js';

/** integrity_check's findings ('ok' alone when sound); a failed read is a finding too. */
export function integrityProblems(db: Db, limit = 20): string[] {
  try {
    const rows = db.pragma(`integrity_check(${limit})`) as { integrity_check: string }[];
    const found = rows.map((r) => r.integrity_check);
    return found.length === 1 && found[0] === 'ok' ? [] : found;
  } catch (err) {
    return [(err as Error).message];
  }
}

/**
 * A damaged first page reads exactly like a wrong key. If a backup made on this workstation
 * opens with the same key, the key is right and it is the file that is damaged.
 */
export async function reclassifyOpenError(err: unknown, dataDir: string, keys: KeyProvider): Promise<unknown> {
  if (!(err instanceof StoreError) || err.code !== 'wrong_key' || /key is missing/.test(err.message)) return err;
  const key = await keys.getKey().catch(() => null);
  if (!key) return err;
  for (const b of listBackups(dataDir).slice(0, 3)) {
    try {
      const db = openDatabase({ path: b.path, key, readonly: true });
      db.close();
      return new StoreError('corrupt', 'the database file is damaged: its first page cannot be read, although the key opens the backups');
    } catch {
      // Try the next one.
    }
  }
  return err;
}

/** The newest backup that opens with the key and passes integrity_check. */
export function newestGoodBackup(dataDir: string, key: Buffer): { path: string; name: string; createdAt: string; bytes: number; check: BackupCheck } | null {
  for (const b of listBackups(dataDir)) {
    try {
      return { ...b, check: verifyBackup(b.path, key) };
    } catch {
      // Damaged or under another key: an older one may do.
    }
  }
  return null;
}

/**
 * What the recovery screen shows. `live` is the open (damaged) connection when the damage was
 * found while running; otherwise the file is opened read-only here.
 */
export async function recoveryPlan(o: { dataDir: string; keys: KeyProvider; problem: StartupProblemInfo; live?: Db | null }): Promise<RecoveryPlan> {
  const key = await o.keys.getKey().catch(() => null);
  let pending: RecoveryPlan['pending'] = { readable: false, items: [] };
  let lastSyncAt: string | null = null;
  let db: Db | null = o.live ?? null;
  let opened = false;
  if (!db && key) {
    try {
      db = openDatabase({ path: dbPath(o.dataDir), key, readonly: true });
      opened = true;
    } catch {
      db = null;
    }
  }
  if (db) {
    try {
      pending = readUnsentWork(db);
      try {
        lastSyncAt = (db.prepare("SELECT value FROM kv WHERE key = 'last_sync_at'").pluck().get() as string | undefined) ?? null;
      } catch {
        lastSyncAt = null;
      }
    } finally {
      if (opened) db.close();
    }
  }
  const backup = key ? newestGoodBackup(o.dataDir, key) : null;
  return {
    problem: o.problem,
    pending,
    lastSyncAt,
    latestBackup: backup ? { name: backup.name, createdAt: backup.createdAt, bytes: backup.bytes, pendingItems: backup.check.pendingItems } : null,
  };
}
