// Local retention: submissions received longer ago than the configured period are purged with
// everything attached, and remembered as tombstones so a resync does not bring them back.
import type { Db } from './db.js';
import { purgeSubmission, recordTombstone } from './purge.js';
import { stmt } from './statements.js';

export const DEFAULT_RETENTION_DAYS = 365;

export function purgeExpired(db: Db, retentionDays: number, now = Date.now()): number {
  const cutoffK = (now - retentionDays * 86_400_000) * 1024;
  let purged = 0;
  for (;;) {
    const batch = stmt<[number], { id: string; seq: number }>(db, 'SELECT id, seq FROM submissions WHERE k < ? LIMIT 500').all(cutoffK);
    if (batch.length === 0) break;
    db.transaction(() => {
      for (const row of batch) {
        purgeSubmission(db, row.id);
        recordTombstone(db, row.id, row.seq, 'local_retention');
      }
    }).immediate();
    purged += batch.length;
  }
  return purged;
}
