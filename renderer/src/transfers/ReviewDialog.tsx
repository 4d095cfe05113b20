// Reviewing one ministry's batch before it is sent: untick what should not go, write the
// covering note, and decide on contact data — off by default; turning it on asks why, and the
// reason goes to the audit log. Sending only queues it in main's durable outbox; main pushes it.
import { useId, useState } from 'react';
import { MAX_TRANSFER_ITEMS, type PendingGroup } from '../../../shared/contract-transfers.js';
import type { ReferenceData } from '../../../shared/domain.js';
import { errorMessage } from '../api/errors.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatCount, formatDateTime } from '../i18n/format.js';
import { codeLabel, ministryLabel } from '../i18n/labels.js';
import { useAnnounce } from '../ui/announcer.js';
import { Dialog } from '../ui/Dialog.js';
import { useSendTransfer } from './api.js';

export function ReviewDialog({ group, reference, onClose }: { group: PendingGroup; reference: ReferenceData | undefined; onClose: () => void }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const send = useSendTransfer();
  const [kept, setKept] = useState<ReadonlySet<string>>(() => new Set(group.items.map((i) => i.id)));
  const [note, setNote] = useState('');
  const [contact, setContact] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const ids = useId();
  const ministry = ministryLabel(reference?.ministries, group.ministry, lang);
  const chosen = group.items.filter((i) => kept.has(i.id)).map((i) => i.id);
  const parts = Math.ceil(chosen.length / MAX_TRANSFER_ITEMS);

  const submit = () => {
    if (contact && reason.trim() === '') {
      setReasonMissing(true);
      document.getElementById(`${ids}-reason`)?.focus();
      return;
    }
    send.mutate(
      { ministry: group.ministry, submissionIds: chosen, note, includeContact: contact, contactReason: contact ? reason.trim() : undefined },
      {
        onSuccess: (r) => {
          announce([t('transfers.sent', { n: formatCount(r.count, lang), ministry }), r.skipped ? t('transfers.skipped', { n: formatCount(r.skipped, lang) }) : ''].filter(Boolean).join(' '));
          onClose();
        },
      },
    );
  };

  return (
    <Dialog title={t('transfers.reviewTitle', { ministry })} description={t('transfers.reviewLead')} onClose={onClose} wide>
      <form
        // The reason is checked here, with a message in the page, not by the browser's own bubble.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <fieldset className="review-items">
          <legend className="field-label">
            {t('transfers.items')} — {t('transfers.selectedCount', { n: formatCount(chosen.length, lang) })}
          </legend>
          <ul className="review-list">
            {group.items.map((i) => (
              <li key={i.id} className="review-item">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={kept.has(i.id)}
                    aria-label={t('transfers.includeItem', { id: i.id })}
                    onChange={(e) =>
                      setKept((prev) => {
                        const next = new Set(prev);
                        if (e.target.checked) next.add(i.id);
                        else next.delete(i.id);
                        return next;
                      })
                    }
                  />
                  <span className="review-text">
                    <span className="review-meta">
                      <span className="pending-id">{i.id}</span>
                      <time dateTime={i.receivedAt}>{formatDateTime(i.receivedAt, lang)}</time>
                      {i.theme ? <span>{codeLabel(reference?.themes, i.theme, lang)}</span> : null}
                      {i.returned ? <span className="returned-mark">{t('transfers.returnedBadge', { reason: i.returned.reason ?? t('transfers.noReason') })}</span> : null}
                    </span>
                    <span className="review-excerpt">{i.excerpt}</span>
                    {i.note ? <span className="muted small">{t('transfers.markNote', { note: i.note })}</span> : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-note`}>
            {t('transfers.coverNote')}
          </label>
          <textarea id={`${ids}-note`} className="textarea" rows={3} maxLength={2000} placeholder={t('transfers.coverNotePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className="field">
          <label className="check">
            <input
              type="checkbox"
              checked={contact}
              aria-describedby={`${ids}-contact-hint`}
              onChange={(e) => {
                setContact(e.target.checked);
                setReasonMissing(false);
              }}
            />
            <span>{t('transfers.includeContact')}</span>
          </label>
          <span id={`${ids}-contact-hint`} className="muted small">
            {t('transfers.includeContactHint')}
          </span>
        </div>
        {contact ? (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-reason`}>
              {t('transfers.contactReason')}
            </label>
            <textarea
              id={`${ids}-reason`}
              className="textarea"
              rows={2}
              maxLength={500}
              aria-required="true"
              aria-invalid={reasonMissing}
              aria-describedby={reasonMissing ? `${ids}-reason-error` : undefined}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                if (e.target.value.trim()) setReasonMissing(false);
              }}
            />
            {reasonMissing ? (
              <p id={`${ids}-reason-error`} className="form-error" role="alert">
                {t('transfers.contactReasonRequired')}
              </p>
            ) : null}
          </div>
        ) : null}
        {parts > 1 ? <p className="notice">{t('transfers.split', { parts })}</p> : null}
        {send.isError ? (
          <p className="form-error" role="alert">
            {t('transfers.failed', { message: errorMessage(send.error) })}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('app.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={chosen.length === 0 || send.isPending}>
            {send.isPending ? t('transfers.sending') : t('transfers.send', { n: formatCount(chosen.length, lang) })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
