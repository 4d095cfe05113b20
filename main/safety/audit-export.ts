// The audit log for supervisors: checked (every entry's hash and its link to the one before) and
// exported as CSV, whole, in order, with the hashes so the copy can be checked too. Viewing and
// exporting are themselves written to the log.
import type { AuditRow } from '../store/audit.js';
import type { Db } from '../store/db.js';

export const AUDIT_CSV_HEADER = ['seq', 'at', 'actor', 'action', 'detail', 'prev_hash', 'hash'] as const;

/**
 * One CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ (or tab,
 * CR) gets a ' first, so a spreadsheet shows it rather than running it as a formula.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole log as CSV (UTF-8 with a BOM, so spreadsheet programs read Japanese correctly). */
export function auditCsv(db: Db): { csv: string; entries: number } {
  const lines = [AUDIT_CSV_HEADER.join(',')];
  let entries = 0;
  for (const row of db.prepare('SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    lines.push(AUDIT_CSV_HEADER.map((c) => csvCell(row[c])).join(','));
    entries++;
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, entries };
}
