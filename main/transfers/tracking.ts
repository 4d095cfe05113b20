// What the office and this workstation know about transfers, derived from the store:
// - "not yet transferred" = marked for a ministry (by anyone on the team) and in no transfer to
//   that ministry that the office holds as submitted or accepted, nor on its way from this
//   workstation's outbox. A returned item counts as not transferred again.
// - "returned" = the latest return from a ministry the item is still marked for, with no later
//   transfer to it (the view transfer_returned): the inbox flags it for re-routing.
import type { PendingGroup, PendingItem, ReturnInfo, SubmissionTransfer, TransferSummary } from '../../shared/contract-transfers.js';
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
}

const NOT_TRANSFERRED = `
  SELECT m.ministry, m.submission_id AS id, m.note, s.received_at, s.category, s.theme, substr(s.body, 1, 160) AS excerpt
  FROM submission_marks m
  JOIN submissions s ON s.id = m.submission_id
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

/**
 * Every (ministry, submission) the inbox flags as returned, with the latest return. Read once and
 * joined in memory: returned items are few, and a join against the view per mark is not cheap.
 */
export function returnedPairs(db: Db): Map<string, ReturnInfo> {
  const rows = stmt<[], { submission_id: string; ministry: string; transfer_id: string; reason: string | null; updated_at: string }>(
    db,
    'SELECT submission_id, ministry, transfer_id, reason, updated_at FROM transfer_returned',
  ).all();
  return new Map(rows.map((r) => [pairKey(r.ministry, r.submission_id), { transferId: r.transfer_id, reason: r.reason, at: r.updated_at }]));
}

function toItem(r: MarkRow, returned: ReadonlyMap<string, ReturnInfo>): PendingItem {
  return {
    id: r.id,
    receivedAt: r.received_at,
    category: r.category,
    theme: r.theme,
    excerpt: r.excerpt.replace(/\s+/gu, ' ').trim(),
    note: r.note,
    returned: returned.get(pairKey(r.ministry, r.id)) ?? null,
  };
}

/** Marked, not yet transferred, by ministry: oldest opinion first in each group; groups by code. */
export function pendingGroups(db: Db): PendingGroup[] {
  // In the store's own order (oldest first): one pass over the opinions' pages, not one per
  // ministry — what keeps this fast when thousands wait.
  const rows = stmt<[], MarkRow>(db, `${NOT_TRANSFERRED} ORDER BY s.k`).all();
  const returned = returnedPairs(db);
  const groups = groupByMinistry(rows, pairsOnTheirWay(db)).sort((a, b) => (a.ministry < b.ministry ? -1 : a.ministry > b.ministry ? 1 : 0));
  return groups.map((g) => ({
    ministry: g.ministry,
    sendable: whyNotChoosable(db, g.ministry) === null,
    items: g.items.map((r) => toItem(r, returned)),
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
