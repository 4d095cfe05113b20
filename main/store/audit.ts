// The audit log: reveals, exports, transfers with contact data, role refusals, purges,
// restores, rekeys. Append-only (triggers refuse UPDATE and DELETE) and hash-chained: each
// entry's hash covers its content and the previous hash, so an edited, deleted or reordered
// entry breaks the chain.
import { createHash } from 'node:crypto';
import type { Db } from './db.js';
import { stmt } from './statements.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  actor: string | null;
  action: string;
  detail: Record<string, unknown>;
}
export interface AuditRow {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export function entryHash(prevHash: string, seq: number, at: string, actor: string | null, action: string, detail: string): string {
  return createHash('sha256').update(JSON.stringify([prevHash, seq, at, actor, action, detail])).digest('hex');
}

export function appendAudit(db: Db, entry: AuditInput, now = new Date()): AuditRow {
  return db.transaction(() => {
    const last = stmt<[], { seq: number; hash: string }>(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    const seq = (last?.seq ?? 0) + 1;
    const prev = last?.hash ?? GENESIS_HASH;
    const at = now.toISOString();
    const detail = JSON.stringify(entry.detail);
    const hash = entryHash(prev, seq, at, entry.actor, entry.action, detail);
    stmt(db, 'INSERT INTO audit_log(seq, at, actor, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(seq, at, entry.actor, entry.action, detail, prev, hash);
    return { seq, at, actor: entry.actor, action: entry.action, detail, prev_hash: prev, hash };
  })();
}

export function listAudit(db: Db, limit = 200): AuditRow[] {
  return stmt<[number], AuditRow>(db, 'SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit);
}

/** Walks the chain from the start; returns the first problem found, or null when intact. */
export function verifyAudit(db: Db): { ok: true; entries: number } | { ok: false; entries: number; problem: string } {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let n = 0;
  for (const row of stmt<[], AuditRow>(db, 'SELECT * FROM audit_log ORDER BY seq').iterate()) {
    n++;
    if (row.seq !== expectedSeq) return { ok: false, entries: n, problem: `entry ${expectedSeq} is missing (found ${row.seq} next)` };
    if (row.prev_hash !== prev) return { ok: false, entries: n, problem: `entry ${row.seq} does not follow entry ${row.seq - 1} (deleted, reordered or edited)` };
    if (entryHash(prev, row.seq, row.at, row.actor, row.action, row.detail) !== row.hash) {
      return { ok: false, entries: n, problem: `entry ${row.seq} was edited after it was written` };
    }
    prev = row.hash;
    expectedSeq++;
  }
  return { ok: true, entries: n };
}
