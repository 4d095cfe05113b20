// The address stays masked until a staff member asks, confirms, and main has written the
// reveal to the audit log. Remounted per opinion (keyed by id), so a revealed address never
// carries over to the next one.
import { useState } from 'react';
import type { SubmissionDetail } from '../../../shared/domain.js';
import { errorMessage } from '../api/errors.js';
import { useRevealEmail } from '../api/mutations.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Dialog } from '../ui/Dialog.js';
import { emailView } from './email-display.js';

export function EmailField({ d }: { d: SubmissionDetail }) {
  const { t } = useI18n();
  const reveal = useRevealEmail();
  const [asking, setAsking] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const view = emailView(d, revealed);

  if (view.kind === 'none') return <span className="muted">{t('detail.noEmail')}</span>;
  return (
    <span className="email">
      <span className={view.kind === 'revealed' ? 'email-address email-revealed' : 'email-address'} translate="no">
        {view.text}
      </span>
      {!view.valid ? <span className="email-invalid">{t('detail.invalidEmail')}</span> : null}
      {view.kind === 'masked' ? (
        <button type="button" className="button button-small" onClick={() => setAsking(true)}>
          {t('detail.reveal')}
        </button>
      ) : (
        <>
          <button type="button" className="button button-small" onClick={() => setRevealed(null)}>
            {t('detail.hide')}
          </button>
          <span className="email-logged" role="status">
            {t('detail.revealed')}
          </span>
        </>
      )}
      {asking ? (
        <Dialog title={t('detail.revealConfirmTitle')} description={t('detail.revealConfirmBody')} onClose={() => setAsking(false)}>
          {reveal.isError ? (
            <p className="form-error" role="alert">
              {t('act.failed', { message: errorMessage(reveal.error) })}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="button" data-autofocus onClick={() => setAsking(false)}>
              {t('app.cancel')}
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={reveal.isPending}
              onClick={() =>
                reveal.mutate(d.id, {
                  onSuccess: (r) => {
                    setRevealed(r.email);
                    setAsking(false);
                  },
                })
              }
            >
              {t('detail.revealConfirm')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </span>
  );
}
