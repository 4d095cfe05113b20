// From a submission and a draft to the reply that goes out: the template values (labels from
// the office's reference data, the received date in Japan's time zone, the sender's name, the
// office's name), the rendered text and what still blocks it.
import type { ReplyLanguage, ReplyTemplate } from '../../shared/contract-mail.js';
import type { WireReference, WireStaff, WireTemplate } from '../../shared/office-api.js';
import type { Db } from '../store/db.js';
import { kvGetJson, kvSetJson } from '../store/statements.js';
import type { SubmissionRecord } from '../store/submission-queries.js';
import { renderReply, templateValues, type RenderedReply } from './templates.js';

export function staffNameOf(db: Db): (id: string) => string | null {
  const staff = kvGetJson<WireStaff[]>(db, 'staff') ?? [];
  return (id) => staff.find((s) => s.id === id)?.name ?? null;
}

/** The language a reply to this submission starts in. */
export function replyLanguageOf(sub: Pick<SubmissionRecord, 'language'>): ReplyLanguage {
  return sub.language === 'en' ? 'en' : 'ja';
}

export function renderFor(
  db: Db,
  sub: SubmissionRecord,
  text: { subject: string; body: string },
  o: { language: ReplyLanguage; staffName: string | null; officeName: string | null },
): RenderedReply {
  const ref = kvGetJson<WireReference>(db, 'reference');
  const label = (list: WireReference['categories'] | undefined) => (code: string, lang: ReplyLanguage) => {
    const hit = (list ?? []).find((x) => x.code === code);
    return hit ? (lang === 'ja' ? hit.label_ja : hit.label_en) : null;
  };
  const values = templateValues(
    {
      submissionId: sub.id,
      receivedAt: sub.received_at,
      category: sub.category,
      theme: sub.theme,
      categoryLabel: label(ref?.categories),
      themeLabel: label(ref?.themes),
      staffName: o.staffName,
      officeName: o.officeName,
    },
    o.language,
  );
  return renderReply(text.subject, text.body, values);
}

// ---- The office's shared templates, as the last sync (or this workstation's last edit) left them ----

export function cachedTemplates(db: Db): ReplyTemplate[] {
  return (kvGetJson<WireTemplate[]>(db, 'templates') ?? []).map((t) => ({
    id: t.id,
    name: t.name,
    language: t.language,
    subject: t.subject,
    body: t.body,
    updatedAt: t.updated_at ?? null,
  }));
}

export function cacheTemplate(db: Db, t: WireTemplate | null, removeId?: string): void {
  const list = (kvGetJson<WireTemplate[]>(db, 'templates') ?? []).filter((x) => x.id !== (t?.id ?? removeId));
  if (t) list.push(t);
  list.sort((a, b) => a.id.localeCompare(b.id));
  kvSetJson(db, 'templates', list);
}
