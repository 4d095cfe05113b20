// Batching, pure: a reviewed batch for one ministry becomes one or more transfers of at most
// 500 items, each with an id of its own made once here (the Idempotency-Key of every try).
import { MAX_TRANSFER_ITEMS } from '../../shared/contract-transfers.js';

export interface BatchRequest {
  ministry: string;
  submissionIds: readonly string[];
  note: string;
  includeContact: boolean;
}

export interface TransferDraft {
  id: string;
  /** The parts of one send share it; the first part's id. */
  batchId: string;
  /** 1-based. */
  part: number;
  parts: number;
  ministry: string;
  submissionIds: string[];
  note: string;
  includeContact: boolean;
}

/** The ids once each, in the order first given. */
export function uniqueInOrder(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** Consecutive chunks of at most `max`; none for no ids. */
export function split<T>(items: readonly T[], max = MAX_TRANSFER_ITEMS): T[][] {
  if (!Number.isInteger(max) || max < 1) throw new Error('max must be a whole number ≥ 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += max) out.push(items.slice(i, i + max));
  return out;
}

/** One transfer per chunk of 500, every one with the same ministry, note and contact choice. */
export function planTransfers(batch: BatchRequest, makeId: () => string, max = MAX_TRANSFER_ITEMS): TransferDraft[] {
  const chunks = split(uniqueInOrder(batch.submissionIds), max);
  const ids = chunks.map(() => makeId());
  if (new Set(ids).size !== ids.length) throw new Error('transfer ids must be unique');
  return chunks.map((submissionIds, i) => ({
    id: ids[i]!,
    batchId: ids[0]!,
    part: i + 1,
    parts: chunks.length,
    ministry: batch.ministry,
    submissionIds,
    note: batch.note,
    includeContact: batch.includeContact,
  }));
}

/** What is left of a refused transfer once the submissions the office named are dropped. */
export function withoutRefused(ids: readonly string[], refused: readonly string[]): string[] {
  const drop = new Set(refused);
  return ids.filter((id) => !drop.has(id));
}

/** A (ministry, submission) pair as one string key. */
export const pairKey = (ministry: string, submissionId: string): string => `${ministry}\u0000${submissionId}`;

export interface MarkedItem {
  ministry: string;
  id: string;
}

/**
 * Marked items grouped by ministry, leaving out the pairs already on their way (queued or
 * refused in this workstation's outbox). Groups keep the order of their first item; items keep
 * theirs.
 */
export function groupByMinistry<T extends MarkedItem>(items: readonly T[], onTheirWay: ReadonlySet<string>): { ministry: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    if (onTheirWay.has(pairKey(item.ministry, item.id))) continue;
    let g = groups.get(item.ministry);
    if (!g) groups.set(item.ministry, (g = []));
    g.push(item);
  }
  return [...groups].map(([ministry, list]) => ({ ministry, items: list }));
}
