// `m`: mark the opinion (or the selection, the group, everything matching) for a ministry, with
// an optional note. Ministries the theme suggests come first — the office's own theme → ministry
// mapping — but staff always choose; inactive ministries are not offered (main refuses them too).
import { useId, useState } from 'react';
import type { ActionTarget, ReferenceData } from '../../../shared/domain.js';
import { errorMessage } from '../api/errors.js';
import { useAct } from '../api/mutations.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatCount } from '../i18n/format.js';
import { ministryLabel } from '../i18n/labels.js';
import { useAnnounce } from '../ui/announcer.js';
import { Dialog } from '../ui/Dialog.js';
import { OptionPicker, type PickOption } from '../ui/OptionPicker.js';
import { useMinistrySuggestions } from './api.js';

interface Props {
  target: ActionTarget;
  count: number | undefined;
  reference: ReferenceData | undefined;
  onClose: () => void;
  onDone: () => void;
}

/** Active ministries, the suggested ones first (most opinions first), the rest in the office's order. */
export function markOptions(reference: ReferenceData | undefined, suggested: ReadonlyMap<string, number>, label: (code: string) => string, hint: (n: number) => string): PickOption[] {
  const active = (reference?.ministries ?? []).filter((m) => m.active);
  return active
    .map((m, i) => ({ m, i, n: suggested.get(m.code) ?? 0 }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .map(({ m, n }) => ({ value: m.code, label: label(m.code), hint: n > 0 ? hint(n) : undefined, className: n > 0 ? 'suggested' : undefined }));
}

export function MarkDialog({ target, count, reference, onClose, onDone }: Props) {
  const { t, lang } = useI18n();
  const act = useAct();
  const announce = useAnnounce();
  const suggestions = useMinistrySuggestions(target);
  const [note, setNote] = useState('');
  const [pending, setPending] = useState<{ value: string; label: string } | null>(null);
  const noteId = useId();
  const label = (code: string) => ministryLabel(reference?.ministries, code, lang);
  const suggested = new Map((suggestions.data ?? []).map((s) => [s.ministry, s.count]));
  const options = markOptions(reference, suggested, label, (n) => t('mark.suggestedHint', { n: formatCount(n, lang) }));
  const many = 'filter' in target || (count ?? 0) > 1;
  const n = count === undefined ? '…' : formatCount(count, lang);

  const apply = (ministry: string) => {
    act.mutate(
      { target, action: { type: 'transfer_marked', ministry, note: note.trim() === '' ? null : note.trim() } },
      {
        onSuccess: (r) => {
          announce(t('act.done', { n: formatCount(r.count, lang) }));
          onDone();
        },
      },
    );
  };
  const pick = (value: string) => {
    if (many) setPending({ value, label: label(value) });
    else apply(value);
  };

  return (
    <Dialog title={t('act.transferTitle')} description={count === 1 ? t('act.targetOne') : t('act.targetMany', { n })} onClose={onClose}>
      {pending ? (
        <div className="confirm">
          <p className="confirm-text">
            <strong>{pending.label}</strong>
          </p>
          {note.trim() ? <p className="muted">{t('transfers.markNote', { note: note.trim() })}</p> : null}
          <p>{t('act.confirmMany', { n })}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setPending(null)}>
              {t('app.cancel')}
            </button>
            <button type="button" className="button button-primary" data-autofocus disabled={act.isPending} onClick={() => apply(pending.value)}>
              {t('act.apply')}
            </button>
          </div>
        </div>
      ) : (
        <>
          {suggestions.data && suggestions.data.length > 0 ? (
            <div className="mark-suggestions" role="group" aria-label={t('mark.suggested')}>
              <span className="muted small">{t('mark.suggested')}</span>
              {suggestions.data.slice(0, 3).map((s) => (
                <button key={s.ministry} type="button" className="button button-small" onClick={() => pick(s.ministry)}>
                  {t('mark.suggestion', { ministry: label(s.ministry), n: formatCount(s.count, lang) })}
                </button>
              ))}
            </div>
          ) : null}
          <div className="field">
            <label className="field-label" htmlFor={noteId}>
              {t('mark.note')}
            </label>
            <textarea id={noteId} className="textarea mark-note" rows={2} maxLength={2000} aria-describedby={`${noteId}-hint`} value={note} onChange={(e) => setNote(e.target.value)} />
            <span id={`${noteId}-hint`} className="muted small">
              {t('mark.noteHint')}
            </span>
          </div>
          <OptionPicker label={t('act.transferTitle')} placeholder={t('act.filterPlaceholder')} options={options} empty={t('act.noOptions')} onPick={pick} />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              {t('app.cancel')}
            </button>
          </div>
        </>
      )}
      {act.isError ? (
        <p className="form-error" role="alert">
          {t('act.failed', { message: errorMessage(act.error) })}
        </p>
      ) : null}
    </Dialog>
  );
}
