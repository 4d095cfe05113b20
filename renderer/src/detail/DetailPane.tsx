// The right column: one opinion in full. The body is plain text in a React text node — a
// `<script>` or `<img onerror>` a citizen typed is shown, never run.
import { useImperativeHandle, useRef, type Ref } from 'react';
import type { SessionInfo } from '../../../shared/contract.js';
import type { ActionTarget, InboxRow, ReferenceData } from '../../../shared/domain.js';
import { errorCode, errorMessage } from '../api/errors.js';
import { useSubmission } from '../api/queries.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { ActionKind } from '../inbox/actions.js';
import { statusClass } from '../inbox/InboxRowView.js';
import { statusLabel } from '../i18n/labels.js';
import { searchTerms } from '../ui/highlight.js';
import { Highlighted } from '../ui/Highlighted.js';
import { HistoryList } from './HistoryList.js';
import { SubmissionTransfers } from '../transfers/SubmissionTransfers.js';
import { MetaList } from './MetaList.js';
import { NotesSection } from './NotesSection.js';
import { SimilarSection } from './SimilarSection.js';
import { TriageControls } from './TriageControls.js';
import { ReplySection, type ReplyHandle } from '../composer/ReplySection.js';

export interface DetailHandle {
  focusTitle(): void;
  focusNote(): void;
  /** Opens the reply composer (when the opinion has a usable address). */
  reply(): void;
  contains(el: Element | null): boolean;
}

interface Props {
  ref: Ref<DetailHandle>;
  id: string | null;
  reference: ReferenceData | undefined;
  session: SessionInfo;
  /** The list's search, marked in the body so the reader sees why it matched. */
  search: string | undefined;
  onOpenGroup: (row: Pick<InboxRow, 'id' | 'groupId'>) => void;
  /** Opens an action's picker for this opinion alone. */
  onAction: (a: ActionKind, target: ActionTarget, count: number) => void;
}

export function DetailPane({ ref, id, reference, session, search, onOpenGroup, onAction }: Props) {
  const { t, lang } = useI18n();
  const q = useSubmission(id);
  const root = useRef<HTMLElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const note = useRef<HTMLTextAreaElement>(null);
  const replyRef = useRef<ReplyHandle>(null);

  useImperativeHandle(ref, () => ({
    focusTitle: () => title.current?.focus(),
    focusNote: () => note.current?.focus(),
    reply: () => replyRef.current?.open(),
    contains: (el) => el !== null && Boolean(root.current?.contains(el)),
  }));

  let content;
  if (id === null) {
    content = <p className="detail-message">{t('detail.empty')}</p>;
  } else if (q.isPending) {
    content = (
      <p className="detail-message" aria-busy="true">
        {t('detail.loading')}
      </p>
    );
  } else if (q.isError) {
    content = (
      <p className="detail-message" role="alert">
        {errorCode(q.error) === 'not_found' ? t('detail.notFound') : t('app.error', { message: errorMessage(q.error) })}
      </p>
    );
  } else {
    const d = q.data;
    content = (
      <article className="detail-article" aria-labelledby="detail-title">
        <header className="detail-head">
          <h2 id="detail-title" ref={title} tabIndex={-1} className="detail-title">
            {d.subject ?? t('list.noSubject')}
          </h2>
          <span className={`status status-${statusClass(d.status)}`}>{statusLabel(d.status, lang)}</span>
        </header>
        <MetaList d={d} reference={reference} />
        <TriageControls d={d} reference={reference} meId={session.staff?.id ?? null} onPick={(kind) => onAction(kind, { ids: [d.id] }, 1)} />
        <section className="detail-section" aria-labelledby="body-heading">
          <h3 id="body-heading" className="section-title">
            {t('detail.body')}
          </h3>
          <div className="body-text" lang={d.language ?? undefined}>
            <Highlighted text={d.body} terms={searchTerms(search)} />
          </div>
        </section>
        <ReplySection key={d.id} d={d} replyRef={replyRef} />
        {d.groupId && d.groupSize > 1 ? <SimilarSection d={d} onOpenGroup={() => onOpenGroup(d)} /> : null}
        <NotesSection d={d} reference={reference} noteRef={note} />
        <SubmissionTransfers id={d.id} reference={reference} />
        <HistoryList history={d.history} reference={reference} />
      </article>
    );
  }

  return (
    <section ref={root} className="detail" aria-label={t('app.regionDetail')}>
      {content}
    </section>
  );
}
