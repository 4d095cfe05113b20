// Reply drafts, saved as the user types: one open draft per submission and staff member, in the
// encrypted database, so a restart loses nothing. A draft stays until its reply is sent; a relay
// that refuses the message for good gives it back for editing, with the relay's reason.
import { randomUUID } from 'node:crypto';
import { KoeError } from '../../shared/contract-kit.js';
import type { DraftState, ReplyDraft, ReplyLanguage } from '../../shared/contract-mail.js';
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';

export interface DraftRow {
  id: string;
  submission_id: string;
  staff_id: string | null;
  template_id: string | null;
  language: string;
  subject: string;
  body: string;
  state: DraftState;
  notice: string | null;
  created_at: number;
  updated_at: number;
}

export function toDraft(r: DraftRow): ReplyDraft {
  return {
    id: r.id,
    submissionId: r.submission_id,
    subject: r.subject,
    body: r.body,
    templateId: r.template_id,
    language: r.language === 'en' ? 'en' : 'ja',
    state: r.state,
    notice: r.notice,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** This staff member's open draft for a submission (not yet sent), or null. */
export function openDraft(db: Db, submissionId: string, staffId: string): DraftRow | null {
  return (
    stmt<[string, string], DraftRow>(
      db,
      `SELECT * FROM reply_drafts WHERE submission_id = ? AND staff_id = ? AND state != 'sent' ORDER BY updated_at DESC LIMIT 1`,
    ).get(submissionId, staffId) ?? null
  );
}

export function draftById(db: Db, id: string): DraftRow | null {
  return stmt<[string], DraftRow>(db, 'SELECT * FROM reply_drafts WHERE id = ?').get(id) ?? null;
}

export interface DraftText {
  subject: string;
  body: string;
  templateId?: string | null;
  language?: ReplyLanguage;
}

/**
 * Saves the text. A draft on its way (queued) cannot change under the message; a proposed one
 * can only once a supervisor has returned it (the caller says so with `reopen`).
 */
export function saveDraft(db: Db, submissionId: string, staffId: string, text: DraftText, o: { reopen?: boolean; now?: number; defaultLanguage?: ReplyLanguage } = {}): DraftRow {
  const now = o.now ?? Date.now();
  const existing = openDraft(db, submissionId, staffId);
  if (!existing) {
    const id = randomUUID();
    stmt(
      db,
      `INSERT INTO reply_drafts(id, submission_id, staff_id, template_id, language, subject, body, state, notice, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'editing', NULL, ?, ?)`,
    ).run(id, submissionId, staffId, text.templateId ?? null, text.language ?? o.defaultLanguage ?? 'ja', text.subject, text.body, now, now);
    return draftById(db, id)!;
  }
  if (existing.state === 'queued') {
    throw new KoeError('conflict', 'This reply is in the outbox. Cancel it there to change it.', { reason: 'in_outbox' });
  }
  if (existing.state === 'proposed' && !o.reopen) {
    throw new KoeError('conflict', "This reply is waiting for a supervisor's approval.", { reason: 'awaiting_approval' });
  }
  const keepsNotice = existing.state === 'editing' || existing.state === 'proposed';
  stmt(
    db,
    `UPDATE reply_drafts SET subject = ?, body = ?, template_id = ?, language = ?, state = 'editing', notice = ?, updated_at = ? WHERE id = ?`,
  ).run(
    text.subject,
    text.body,
    text.templateId === undefined ? existing.template_id : text.templateId,
    text.language ?? existing.language,
    keepsNotice ? existing.notice : null,
    now,
    existing.id,
  );
  return draftById(db, existing.id)!;
}

export function setDraftState(db: Db, id: string, state: DraftState, notice: string | null | undefined = undefined, now = Date.now()): void {
  if (notice === undefined) stmt(db, 'UPDATE reply_drafts SET state = ?, updated_at = ? WHERE id = ?').run(state, now, id);
  else stmt(db, 'UPDATE reply_drafts SET state = ?, notice = ?, updated_at = ? WHERE id = ?').run(state, notice, now, id);
}

export function deleteDraft(db: Db, id: string): void {
  stmt(db, 'DELETE FROM reply_drafts WHERE id = ?').run(id);
}
