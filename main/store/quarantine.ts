// Items from the office API that do not fit the contract are kept aside with the reason, once
// each (known by a hash of their JSON), so the sync goes on and an admin can see what came.
import { createHash } from 'node:crypto';
import type { Db } from './db.js';
import { stmt } from './statements.js';

export function quarantineItem(db: Db, feed: string, raw: unknown, reason: string): void {
  const json = JSON.stringify(raw) ?? 'undefined';
  const key = `${feed}:${createHash('sha256').update(json).digest('hex')}`;
  const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
  stmt(db, `INSERT INTO quarantine(key, feed, item_id, reason, raw, first_seen) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET times_seen = times_seen + 1`).run(key, feed, id, reason, json, Date.now());
}

export function quarantineCount(db: Db): number {
  return (stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM quarantine').get()!).n;
}

export interface QuarantinedItem {
  feed: string;
  item_id: string | null;
  reason: string;
  raw: unknown;
  first_seen: string;
  times_seen: number;
}
export function listQuarantine(db: Db): QuarantinedItem[] {
  const rows = stmt<[], { feed: string; item_id: string | null; reason: string; raw: string; first_seen: number; times_seen: number }>(
    db,
    'SELECT feed, item_id, reason, raw, first_seen, times_seen FROM quarantine ORDER BY first_seen, key',
  ).all();
  return rows.map((r) => ({ ...r, raw: safeParse(r.raw), first_seen: new Date(r.first_seen).toISOString() }));
}
function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

/** A readable reason from a zod error: the first issue's path and message. */
export function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
