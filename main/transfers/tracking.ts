// What the office and this workstation know about transfers, derived from the store:
// - "not yet transferred" = marked for a ministry (by anyone on the team) and in no transfer to
//   that ministry that the office holds as submitted or accepted, nor on its way from this
//   workstation's outbox. A returned item counts as not transferred again.
// - "returned" = the latest return from a ministry the item is still marked for, with no later
//   transfer to it (the view transfer_returned): the inbox flags it for re-routing.
import type { PendingGroup, PendingItem, SubmissionTransfer, TransferSummary } from '../../shared/contract-transfers.js';
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';
import { groupByMinistry, pairKey } from './batching.js';
import { whyNotChoosable } from './ministries.js';

interface MarkRow {
  ministry: string;
  id: string;
  note: string | null;
  received_at: string;
  category: string;
  theme: string | null;
  excerpt: string;
  r_transfer: string | null;
  r_reason: string | null;
  r_at: string | null;
}

const NOT_TRANSFERRED = `
  SELECT m.ministry, m.submission_id AS id, m.note, s.received_at, s.category, s.theme, substr(s.body, 1, 160) AS excerpt,
         r.transfer_id AS r_transfer, r.reason AS r_reason, r.updated_at AS r_at
  FROM submission_marks m
  JOIN submissions s ON s.id = m.submission_id
  LEFT JOIN transfer_returned r ON r.submission_id = m.submission_id AND r.ministry = m.ministry
  WHERE NOT EXISTS (SELECT 1 FROM transfer_items x WHERE x.submission_id = m.submission_id AND x.ministry = m.ministry AND x.status <> 'returned')`;

/** (ministry, submission) pairs in this workstation's outbox, queued or refused. */
export function pairsOnTheirWay(db: Db, ministry?: string): Set<string> {
  const rows = ministry
    ? stmt<[string], { ministry: string; submission_ids: string }>(db, 'SELECT ministry, submission_ids FROM transfer_outbox WHERE ministry = ?').all(ministry)
    : stmt<[], { ministry: string; submission_ids: string }>(db, 'SELECT ministry, submission_ids FROM transfer_outbox').all();
  const out = new Set<string>();
  for (const r of rows) for (const id of JSON.parse(r.submission_ids) as string[]) out.add(pairKey(r.ministry, id));
  return out;
}

function toItem(r: MarkRow): PendingItem {
  return {
    id: r.id,
    receivedAt: r.received_at,
    category: r.category,
    theme: r.theme,
    excerpt: r.excerpt.replace(/\s+/gu, ' ').trim(),
    note: r.note,
    returned: r.r_transfer ? { transferId: r.r_transfer, reason: r.r_reason, at: r.r_at ?? '' } : null,
  };
}

/** Marked, not yet transferred, by ministry: oldest opinion first in each group; groups by code. */
export function pendingGroups(db: Db): PendingGroup[] {
  const rows = stmt<[], MarkRow>(db, `${NOT_TRANSFERRED} ORDER BY m.ministry, s.k`).all();
  return groupByMinistry(rows, pairsOnTheirWay(db)).map((g) => ({
    ministry: g.ministry,
    sendable: whyNotChoosable(db, g.ministry) === null,
    items: g.items.map(toItem),
  }));
}

/** The ids pending for one ministry (what a send may include). */
export function pendingIds(db: Db, ministry: string): Set<string> {
  const rows = stmt<[string], MarkRow>(db, `${NOT_TRANSFERRED} AND m.ministry = ?`).all(ministry);
  const onTheirWay = pairsOnTheirWay(db, ministry);
  return new Set(rows.filter((r) => !onTheirWay.has(pairKey(ministry, r.id))).map((r) => r.id));
}

interface TransferRow {
  id: string;
  seq: number;
  ministry: string;
  submission_ids: string;
  note: string;
  include_contact: number;
  status: string;
  reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

function toSummary(r: TransferRow): TransferSummary {
  return {
    id: r.id,
    ministry: r.ministry,
    submissionIds: JSON.parse(r.submission_ids) as string[],
    note: r.note,
    includeContact: r.include_contact === 1,
    status: r.status,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Newest first (by the office's creation time, then id). */
export function listTransfers(db: Db, limit = 1000): TransferSummary[] {
  return stmt<[], TransferRow>(db, 'SELECT * FROM transfers')
    .all()
    .map(toSummary)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}

export function getTransfer(db: Db, id: string): TransferSummary | null {
  const r = stmt<[string], TransferRow>(db, 'SELECT * FROM transfers WHERE id = ?').get(id);
  return r ? toSummary(r) : null;
}

/** The transfers one submission was part of, oldest first; this workstation's queued and refused ones last. */
export function transfersOf(db: Db, submissionId: string): SubmissionTransfer[] {
  const known = stmt<[string], TransferRow>(
    db,
    'SELECT t.* FROM transfer_items i JOIN transfers t ON t.id = i.transfer_id WHERE i.submission_id = ?',
  ).all(submissionId);
  const local = stmt<[string], { id: string; ministry: string; staff_id: string | null; created_at: string; refused: string | null }>(
    db,
    `SELECT o.id, o.ministry, o.staff_id, o.created_at, o.refused FROM transfer_outbox o
     WHERE EXISTS (SELECT 1 FROM json_each(o.submission_ids) j WHERE j.value = ?) ORDER BY o.n`,
  ).all(submissionId);
  return [
    ...known
      .map((t) => ({ transferId: t.id, ministry: t.ministry, status: t.status, reason: t.reason, createdBy: t.created_by, createdAt: t.created_at, updatedAt: t.updated_at }))
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)),
    ...local.map((o) => ({
      transferId: o.id,
      ministry: o.ministry,
      status: o.refused ? ('refused' as const) : ('queued' as const),
      reason: o.refused ? ((JSON.parse(o.refused) as { message: string }).message ?? null) : null,
      createdBy: o.staff_id,
      createdAt: o.created_at,
      updatedAt: o.created_at,
    })),
  ];
}
