// The work that exists only on this workstation until it reaches the office server: pending
// triage events, transfers and reply mail waiting to be sent, unsent reply drafts. Before a
// restore or a resync it is listed (so the staff member knows what is at stake) and afterwards
// carried over from the old file into the new one, row by row, as far as the old file can be
// read. Each row keeps its id, which is also its Idempotency-Key: the server applies it once
// even if it had already arrived.
import type { PendingItem } from '../../shared/contract-safety.js';
import { appendAudit, type AuditRow } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { recomputeTriage } from '../store/triage-state.js';

type Row = Record<string, unknown>;

interface UnsentTable {
  table: string;
  /** The column that identifies a row across copies of the database. */
  key: string;
  /** Rows that still need sending. */
  where?: string;
  /** Oldest first (default: rowid; tables without one name a column). */
  order?: string;
  action(row: Row): string;
  detail(row: Row): string;
}

const text = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

function payloadDetail(row: Row): string {
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(text(row.payload)) as Record<string, unknown>;
  } catch {
    return '';
  }
  const value = p.status ?? p.tag ?? p.staff_id ?? p.ministry ?? p.text ?? '';
  return text(value).slice(0, 80);
}

/** Oldest first within each table; the event outbox first, as it is what most work becomes. */
const UNSENT: UnsentTable[] = [
  { table: 'outbox', key: 'id', action: (r) => text(r.type), detail: payloadDetail },
  { table: 'transfer_outbox', key: 'id', action: () => 'transfer', detail: (r) => text(r.ministry) },
  { table: 'mail_outbox', key: 'id', action: () => 'reply_mail', detail: (r) => text(r.subject).slice(0, 80) },
  { table: 'reply_drafts', key: 'id', where: "state <> 'sent'", order: 'created_at, id', action: () => 'reply_draft', detail: (r) => text(r.subject).slice(0, 80) },
];

function columns(db: Db, table: string): { name: string; pk: number; type: string }[] {
  return db.prepare(`SELECT name, pk, type FROM pragma_table_info(?)`).all(table) as { name: string; pk: number; type: string }[];
}

function toItem(t: UnsentTable, row: Row): PendingItem {
  const at = row.client_time ?? row.created_at;
  return {
    id: text(row[t.key]),
    submissionId: text(row.submission_id),
    action: t.action(row),
    detail: t.detail(row),
    madeAt: typeof at === 'number' ? new Date(at).toISOString() : typeof at === 'string' ? at : null,
  };
}

function readRows(db: Db, t: UnsentTable, into: (row: Row) => void): boolean {
  if (columns(db, t.table).length === 0) return true;
  try {
    for (const row of db.prepare(`SELECT * FROM ${t.table}${t.where ? ` WHERE ${t.where}` : ''} ORDER BY ${t.order ?? 'rowid'}`).iterate()) into(row as Row);
    return true;
  } catch {
    // A damaged page: what was read so far is all there is.
    return false;
  }
}

/** Lists the unsent work in `db` (which may be damaged); `readable` is false if any table failed. */
export function readUnsentWork(db: Db): { readable: boolean; items: PendingItem[] } {
  const items: PendingItem[] = [];
  let readable = true;
  for (const t of UNSENT) {
    try {
      readable = readRows(db, t, (row) => items.push(toItem(t, row))) && readable;
    } catch {
      readable = false;
    }
  }
  return { readable, items };
}

/**
 * Copies the unsent work of `from` into `to` where `to` does not have it yet. Columns are
 * matched by name (so an older backup's schema, once migrated, takes them); a row's own
 * autoincrement number is not copied, it gets a new place at the end of the queue.
 */
export function carryOverUnsentWork(from: Db, to: Db): { carried: number; lost: PendingItem[]; readable: boolean } {
  let carried = 0;
  let readable = true;
  const lost: PendingItem[] = [];
  const touched = new Set<string>();
  for (const t of UNSENT) {
    let toCols: ReturnType<typeof columns>;
    try {
      toCols = columns(to, t.table);
    } catch {
      continue;
    }
    if (toCols.length === 0) continue;
    const rowidAlias = new Set(toCols.filter((c) => c.pk === 1 && c.type.toUpperCase() === 'INTEGER' && c.name !== t.key).map((c) => c.name));
    const target = new Set(toCols.map((c) => c.name));
    const has = to.prepare(`SELECT 1 FROM ${t.table} WHERE ${t.key} = ?`).pluck();
    const confirmed = t.table === 'outbox' ? to.prepare('SELECT 1 FROM events WHERE id = ?').pluck() : null;
    const rows: Row[] = [];
    try {
      readable = readRows(from, t, (row) => rows.push(row)) && readable;
    } catch {
      readable = false;
    }
    for (const row of rows) {
      const id = row[t.key];
      if (has.get(id) !== undefined || confirmed?.get(id) !== undefined) continue;
      const cols = Object.keys(row).filter((c) => target.has(c) && !rowidAlias.has(c));
      try {
        to.prepare(`INSERT INTO ${t.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
        carried++;
        if (t.table === 'outbox' && typeof row.submission_id === 'string') touched.add(row.submission_id);
      } catch {
        lost.push(toItem(t, row));
      }
    }
  }
  // The carried events show in the inbox as pending again.
  for (const id of touched) recomputeTriage(to, id);
  return { carried, lost, readable };
}

/**
 * Appends to `to`'s audit log the entries of `from` written after `to`'s newest one (all of them
 * when `to` is new), with their original time, actor and detail, so who-saw-what survives a
 * restore. Returns how many were carried, or null when the two logs have no entry in common.
 */
export function carryOverAudit(from: Db, to: Db): number | null {
  const head = to.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined;
  let after = 0;
  try {
    if (head !== undefined) {
      const seq = from.prepare('SELECT seq FROM audit_log WHERE hash = ?').pluck().get(head) as number | undefined;
      if (seq === undefined) return null;
      after = seq;
    }
  } catch {
    return null;
  }
  let n = 0;
  try {
    for (const row of from.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq').iterate(after) as IterableIterator<AuditRow>) {
      let detail: Record<string, unknown>;
      try {
        detail = JSON.parse(row.detail) as Record<string, unknown>;
      } catch {
        detail = { text: row.detail };
      }
      appendAudit(to, { actor: row.actor, action: row.action, detail: { ...detail, carriedOver: { seq: row.seq, hash: row.hash } } }, new Date(row.at));
      n++;
    }
  } catch {
    // A damaged page: the entries before it are carried; the rest stay in the kept file.
  }
  return n;
}
