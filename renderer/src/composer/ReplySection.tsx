// The reply part of the detail pane: the Reply button (also `r`), disabled with the reason when
// there is no usable address, and where an earlier reply stands (held by someone, in the outbox,
// refused, waiting for approval). Opening it opens the composer.
import { useImperativeHandle, useState, type Ref } from 'react';
import type { SubmissionDetail } from '../../../shared/domain.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useComposer } from './api.js';
import { ComposerDialog } from './ComposerDialog.js';
import { blockText, useMailText } from './text.js';

export interface ReplyHandle {
  open(): void;
}

export function ReplySection({ d, replyRef }: { d: SubmissionDetail; replyRef: Ref<ReplyHandle> }) {
  const { lang } = useI18n();
  const m = useMailText();
  const [open, setOpen] = useState(false);
  const usable = d.hasEmail && d.emailValid;
  const composer = useComposer(usable ? d.id : null);
  useImperativeHandle(replyRef, () => ({ open: () => usable && setOpen(true) }), [usable]);

  const c = composer.data;
  let status: string | null = null;
  if (!d.hasEmail) status = m('reply.noEmail');
  else if (!d.emailValid) status = m('reply.invalidEmail');
  else if (c?.message?.state === 'failed') status = m('reply.failed', { error: c.message.lastError ?? '' });
  else if (c) status = blockText(lang, c);

  return (
    <section className="detail-section reply-section" aria-label={m('composer.title')}>
      <button type="button" className="button button-primary" disabled={!usable} aria-keyshortcuts="r" aria-describedby={status ? `reply-status-${d.id}` : undefined} onClick={() => setOpen(true)}>
        {c?.draft ? m('reply.continue') : m('reply.button')}
      </button>
      {status ? (
        <p id={`reply-status-${d.id}`} className={usable ? 'muted small reply-status' : 'notice reply-status'}>
          {status}
        </p>
      ) : null}
      {open ? <ComposerDialog submissionId={d.id} onClose={() => setOpen(false)} /> : null}
    </section>
  );
}
