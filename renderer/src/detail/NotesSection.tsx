// Internal notes: staff-only remarks on an opinion, with the unsaved draft kept per opinion.
import { useState, type Ref } from 'react';
import type { ReferenceData, SubmissionDetail } from '../../../shared/domain.js';
import { errorMessage } from '../api/errors.js';
import { useAct } from '../api/mutations.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatDateTime } from '../i18n/format.js';
import { staffLabel } from '../i18n/labels.js';
import { getDraft, setDraft } from './note-drafts.js';

export function NotesSection({ d, reference, noteRef }: { d: SubmissionDetail; reference: ReferenceData | undefined; noteRef: Ref<HTMLTextAreaElement> }) {
  const { t, lang } = useI18n();
  const act = useAct();
  const [draftFor, setDraftFor] = useState(d.id);
  const [text, setText] = useState(getDraft(d.id));
  if (draftFor !== d.id) {
    setDraftFor(d.id);
    setText(getDraft(d.id));
  }
  const update = (v: string) => {
    setText(v);
    setDraft(d.id, v);
  };
  const save = () => {
    const note = text.trim();
    if (!note) return;
    act.mutate({ target: { ids: [d.id] }, action: { type: 'note_added', text: note } }, { onSuccess: () => update('') });
  };

  return (
    <section className="detail-section" aria-labelledby="notes-heading">
      <h3 id="notes-heading" className="section-title">
        {t('detail.notes')}
      </h3>
      {d.triage.notes.length === 0 ? (
        <p className="muted">{t('detail.noNotes')}</p>
      ) : (
        <ul className="notes">
          {d.triage.notes.map((n, i) => (
            <li key={`${n.at}-${i}`} className="note">
              <p className="note-meta">
                <span>{n.staffId ? staffLabel(reference, n.staffId, lang) : t('detail.unknownStaff')}</span>
                <time dateTime={n.at}>{formatDateTime(n.at, lang)}</time>
                {n.pending ? <span className="pending-mark">{t('detail.pending')}</span> : null}
              </p>
              <p className="note-text">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      <form
        className="note-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <label className="field">
          <span className="field-label">{t('detail.addNote')}</span>
          <textarea
            ref={noteRef}
            className="input textarea"
            rows={3}
            maxLength={5000}
            value={text}
            aria-keyshortcuts="n"
            aria-describedby="note-hint"
            onChange={(e) => update(e.target.value)}
            onKeyDown={(e) => {
              // Ctrl/Cmd+Enter saves, as in most mail clients; plain Enter is a new line.
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                save();
              }
            }}
          />
        </label>
        <p id="note-hint" className="muted small">
          {t('detail.noteHint')}
        </p>
        {act.isError ? (
          <p className="form-error" role="alert">
            {t('act.failed', { message: errorMessage(act.error) })}
          </p>
        ) : null}
        <button type="submit" className="button button-small" disabled={!text.trim() || act.isPending}>
          {t('detail.addNoteButton')}
        </button>
      </form>
    </section>
  );
}
