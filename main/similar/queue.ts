// The grouping queue and the purge hook.
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';
import { leaveGroup } from './group-id.js';
import { dropFingerprint } from './store-ops.js';

/** Call when a row is inserted or its body changes (in the same transaction). */
export function queueForGrouping(db: Db, k: number): void {
  stmt(db, 'INSERT OR IGNORE INTO similar_pending(k) VALUES (?)').run(k);
}

export function groupPendingCount(db: Db): number {
  return (stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM similar_pending').get()!).n;
}

/**
 * Call when a row is purged, before its submissions row is deleted (and with the old k before
 * a row moves to a new k). Everything grouping holds for it goes, and it leaves its group: the
 * group shrinks, and a group left with one member is dissolved.
 */
export function forgetSimilar(db: Db, k: number): void {
  stmt(db, 'DELETE FROM similar_pending WHERE k = ?').run(k);
  dropFingerprint(db, k);
  const row = stmt<[number], { group_id: string | null }>(db, 'SELECT group_id FROM submissions WHERE k = ?').get(k);
  if (row?.group_id) leaveGroup(db, k, row.group_id);
}
