// Whether something is being sent right now: an update must not restart Koe in the middle of
// handing a reply to the mail relay or a transfer to the office server. Each outbox can answer
// for itself (SendActivity); the store check below answers for every outbox table there is,
// so a new outbox is covered the day its migration lands.
import type { Db } from '../store/db.js';

export interface SendActivity {
  isSendInFlight(): boolean;
}

const SAFE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Looks at the `outbox` table and every `*_outbox` table. A table with a `state` column has a
 * send in flight when a row is 'sending'. A table without one keeps a row exactly while its send
 * is unfinished, so any row counts (except one the server refused, which will not be sent).
 */
export function storeSendActivity(db: Db): SendActivity {
  return {
    isSendInFlight() {
      const tables = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND (name = 'outbox' OR name LIKE '%\\_outbox' ESCAPE '\\')`)
        .all() as { name: string }[];
      for (const { name } of tables) {
        if (!SAFE_NAME.test(name)) continue;
        const columns = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as { name: string }[]).map((c) => c.name));
        const where = columns.has('state') ? `WHERE state = 'sending'` : columns.has('refused') ? 'WHERE refused IS NULL' : '';
        const row = db.prepare(`SELECT EXISTS (SELECT 1 FROM "${name}" ${where}) AS busy`).get() as { busy: number };
        if (row.busy) return true;
      }
      return false;
    },
  };
}

export function anySendInFlight(sources: readonly SendActivity[]): boolean {
  return sources.some((s) => s.isSendInFlight());
}
