// Opening the database when a key rotation may have been interrupted. A rekey writes the new key
// to the key provider's pending slot and an encrypted safety copy of the database (old key)
// before it touches the database, and promotes the new key after. So at open:
//   1. the current key opens it: a rekey, if any, never reached the database (or finished and
//      was promoted); the pending key and the safety copy are stale and go;
//   2. the pending key opens it: the rekey finished but the key was not promoted yet: promote;
//   3. neither does (killed in the middle of rewriting the pages): the safety copy, which opens
//      with the current key, becomes the database again; the interrupted file is kept aside.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { KeyProvider, PendingKeySlot } from '../keys/key-provider.js';
import { openDatabase, StoreError, type Db } from '../store/db.js';
import { COMPANIONS, fsyncDir, setAside } from './files.js';

/** The copy a rekey takes before it starts (encrypted with the key in use at that moment). */
export const rekeySafetyPath = (dbFile: string) => `${dbFile}.before-rekey`;

export type KeyOpenOutcome = 'current' | 'promoted_pending' | 'restored_before_rekey';

export function removeDatabaseFile(path: string): void {
  for (const s of COMPANIONS) rmSync(path + s, { force: true });
  rmSync(path, { force: true });
}

const isKeyOrDamage = (err: unknown) => err instanceof StoreError && (err.code === 'wrong_key' || err.code === 'corrupt');

function tryOpen(path: string, key: Buffer, readonly: boolean): Db | null {
  try {
    return openDatabase({ path, key, readonly });
  } catch (err) {
    if (isKeyOrDamage(err)) return null;
    throw err;
  }
}

function intact(db: Db): boolean {
  try {
    return db.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  }
}

/**
 * Opens the database at `path` (in `dataDir`) with the provider's current key, finishing or
 * undoing an interrupted rekey as described above. Read-only opens (doctor) try both keys and
 * change nothing.
 */
export async function openWithKeySlots(
  dataDir: string,
  path: string,
  keys: KeyProvider,
  o: { readonly?: boolean; onOutcome?: (outcome: KeyOpenOutcome) => void } = {},
): Promise<Db> {
  const readonly = o.readonly ?? false;
  const exists = existsSync(path);
  // A database without its key can never be opened: refuse to make a new key over old data.
  const current = exists ? await keys.getKey() : await keys.getOrCreateKey();
  if (!current) {
    throw new StoreError('wrong_key', `cannot open: the database key is missing (${keys.kind}); nothing was changed in ${dataDir}`);
  }
  const slot: PendingKeySlot | null = keys.pendingSlot?.() ?? null;
  const pendingKey = async () => (slot ? await slot.getKey().catch(() => null) : null);
  const safety = rekeySafetyPath(path);

  let firstError: unknown;
  let db: Db | null = null;
  try {
    db = openDatabase({ path, key: current, readonly });
  } catch (err) {
    if (!isKeyOrDamage(err)) throw err;
    firstError = err;
  }

  if (readonly) {
    if (db) return db;
    const pending = await pendingKey();
    const other = pending ? tryOpen(path, pending, true) : null;
    if (other) return other;
    throw firstError;
  }

  if (db) {
    const pending = await pendingKey();
    if (pending && !pending.equals(current) && existsSync(safety) && !intact(db)) {
      // Opened with the old key after a rekey was cut short, yet some pages do not read back:
      // the copy taken before the rekey is the sound one.
      db.close();
    } else {
      if (pending) await slot!.discard();
      if (existsSync(safety)) removeDatabaseFile(safety);
      o.onOutcome?.('current');
      return db;
    }
  }

  const pending = await pendingKey();
  if (pending && !pending.equals(current)) {
    const promoted = tryOpen(path, pending, false);
    if (promoted) {
      await keys.storeKey(pending);
      await slot!.discard();
      if (existsSync(safety)) removeDatabaseFile(safety);
      o.onOutcome?.('promoted_pending');
      return promoted;
    }
  }

  if (existsSync(safety)) {
    const copy = tryOpen(safety, current, true);
    const sound = copy !== null && intact(copy);
    copy?.close();
    if (sound) {
      // Kept, never deleted: the interrupted file goes to set-aside/ with its journal.
      setAside(dataDir, basename(path), 'interrupted-rekey');
      renameSync(safety, path);
      fsyncDir(dataDir);
      if (slot) await slot.discard();
      o.onOutcome?.('restored_before_rekey');
      return openDatabase({ path, key: current });
    }
  }
  throw firstError;
}
