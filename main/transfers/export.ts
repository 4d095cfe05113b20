// The record for the file, per transfer: the cover sheet (PDF) and the items (CSV), built from
// the transfer as the office stored it and the opinions held here. Email and age are in the CSV
// only when the transfer included contact data; such an export is written to the audit log by
// the caller that hands the file over.
import { KoeError } from '../../shared/contract-kit.js';
import type { ExportFormat } from '../../shared/contract-transfers.js';
import type { WireReference, WireStaff } from '../../shared/office-api.js';
import type { Db } from '../store/db.js';
import { kvGetJson, stmt } from '../store/statements.js';
import { itemRecord, type HeldItem } from './contact.js';
import { coverSheetPdf } from './cover-sheet.js';
import { transferCsv } from './csv.js';
import { findMinistry } from './ministries.js';
import { tokyoDateCompact, tokyoIso } from './tokyo-time.js';
import { getTransfer } from './tracking.js';

export interface ExportFile {
  fileName: string;
  mime: string;
  bytes: Buffer;
  /** True when the file carries email addresses and ages. */
  withContact: boolean;
  /** Items of the transfer no longer held here (deleted since): not in the CSV. */
  missing: number;
}

/** The opinions of a transfer that are still held, in the transfer's order. */
export function heldItems(db: Db, ids: readonly string[]): HeldItem[] {
  const rows = stmt<[string], { id: string; received_at: string; category: string; theme: string | null; body: string; email: string | null; age_band: string | null }>(
    db,
    'SELECT s.id, s.received_at, s.category, s.theme, s.body, s.email, s.age_band FROM json_each(?) j JOIN submissions s ON s.id = j.value ORDER BY j.key',
  ).all(JSON.stringify(ids));
  return rows.map((r) => ({ id: r.id, receivedAt: r.received_at, category: r.category, theme: r.theme, body: r.body, email: r.email, ageBand: r.age_band }));
}

function labeller(db: Db) {
  const ref = kvGetJson<WireReference>(db, 'reference');
  const map = (xs: { code: string; label_ja: string }[] | undefined) => new Map((xs ?? []).map((x) => [x.code, x.label_ja]));
  const categories = map(ref?.categories);
  const themes = map(ref?.themes);
  const ages = map(ref?.age_bands);
  return {
    category: (c: string) => categories.get(c) ?? c,
    theme: (c: string | null) => (c === null ? '' : (themes.get(c) ?? c)),
    ageBand: (c: string | null) => (c === null ? '' : (ages.get(c) ?? c)),
    time: tokyoIso,
  };
}

export async function buildExport(db: Db, transferId: string, format: ExportFormat): Promise<ExportFile> {
  const t = getTransfer(db, transferId);
  if (!t) throw new KoeError('not_found', 'This transfer is not known here yet: it appears once the office has stored it.');
  // The ministry code and the id come from the office: only safe characters reach a file name.
  const base = `koe-transfer-${t.ministry}-${tokyoDateCompact(t.createdAt)}-${t.id.slice(0, 8)}`.replace(/[^A-Za-z0-9._-]/g, '_');
  if (format === 'pdf') {
    const m = findMinistry(db, t.ministry);
    const staff = (kvGetJson<WireStaff[]>(db, 'staff') ?? []).find((x) => x.id === t.createdBy);
    const bytes = await coverSheetPdf({
      transferId: t.id,
      ministryCode: t.ministry,
      ministryJa: m?.nameJa ?? null,
      ministryEn: m?.nameEn ?? null,
      createdAt: t.createdAt,
      staffId: t.createdBy,
      staffName: staff?.name ?? null,
      count: t.submissionIds.length,
      note: t.note,
      includeContact: t.includeContact,
      status: t.status,
      reason: t.reason,
      submissionIds: t.submissionIds,
    });
    return { fileName: `${base}.pdf`, mime: 'application/pdf', bytes, withContact: false, missing: 0 };
  }
  const held = heldItems(db, t.submissionIds);
  const records = held.map((h) => itemRecord(h, t.includeContact));
  return {
    fileName: `${base}.csv`,
    mime: 'text/csv; charset=utf-8',
    bytes: transferCsv(records, t.includeContact, labeller(db)),
    withContact: t.includeContact,
    missing: t.submissionIds.length - held.length,
  };
}
