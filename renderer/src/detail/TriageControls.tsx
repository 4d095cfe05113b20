// Status, assignee, tags and transfer marks of the open opinion, each changed in one step.
import { useId, useState } from 'react';
import { STATUS_VALUES, type ReferenceData, type SubmissionDetail, type TriageAction } from '../../../shared/domain.js';
import { errorMessage } from '../api/errors.js';
import { useAct } from '../api/mutations.js';
import { useTags } from '../api/queries.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ministryLabel, staffLabel, statusLabel } from '../i18n/labels.js';
import { useAnnounce } from '../ui/announcer.js';
import { tagColourClass } from '../ui/tag-colour.js';

interface Props {
  d: SubmissionDetail;
  reference: ReferenceData | undefined;
  meId: string | null;
  /** Opens the picker for this opinion alone (not the list's selection). */
  onPick: (kind: 'assign' | 'transfer') => void;
}

export function TriageControls({ d, reference, meId, onPick }: Props) {
  const { t, lang } = useI18n();
  const act = useAct();
  const announce = useAnnounce();
  const statusLabelId = useId();
  const run = (action: TriageAction) =>
    act.mutate({ target: { ids: [d.id] }, action }, { onError: (e) => announce(t('act.failed', { message: errorMessage(e) }), 'error') });

  return (
    <div className="triage">
      <div className="triage-row">
        <span id={statusLabelId} className="triage-label">
          {t('detail.status')}
        </span>
        <div className="segmented" role="group" aria-labelledby={statusLabelId}>
          {STATUS_VALUES.map((s) => (
            <button
              key={s}
              type="button"
              className={d.status === s ? `segment segment-on status-${s}` : 'segment'}
              aria-pressed={d.status === s}
              disabled={act.isPending}
              onClick={() => d.status !== s && run({ type: 'status_set', status: s })}
            >
              {statusLabel(s, lang)}
            </button>
          ))}
        </div>
      </div>
      <div className="triage-row">
        <span className="triage-label">{t('detail.assignee')}</span>
        <span className={d.assignee ? 'assignee' : 'assignee assignee-none'}>{d.assignee ? staffLabel(reference, d.assignee, lang, meId) : t('list.unassigned')}</span>
        <button type="button" className="button button-small" onClick={() => onPick('assign')} aria-keyshortcuts="a">
          {t('detail.changeAssignee')}
        </button>
      </div>
      <TagEditor d={d} run={run} busy={act.isPending} />
      <div className="triage-row">
        <span className="triage-label">{t('detail.transfers')}</span>
        <div className="chips">
          {d.triage.transferMarks.length === 0 ? <span className="muted">{t('detail.noTransfers')}</span> : null}
          {d.triage.transferMarks.map((m) => {
            const name = ministryLabel(reference?.ministries, m.ministry, lang);
            return (
              <span key={m.ministry} className="chip transfer-chip">
                <span>{name}</span>
                {m.note ? <span className="muted small">{m.note}</span> : null}
                <button type="button" className="chip-remove" aria-label={t('detail.removeTransfer', { name })} onClick={() => run({ type: 'transfer_unmarked', ministry: m.ministry })}>
                  <span aria-hidden="true">×</span>
                </button>
              </span>
            );
          })}
          <button type="button" className="button button-small" onClick={() => onPick('transfer')} aria-keyshortcuts="m">
            {t('detail.addTransfer')}
          </button>
        </div>
      </div>
    </div>
  );
}

function TagEditor({ d, run, busy }: { d: SubmissionDetail; run: (a: TriageAction) => void; busy: boolean }) {
  const { t } = useI18n();
  const tags = useTags();
  const [text, setText] = useState('');
  const listId = useId();
  const inputId = useId();
  const add = () => {
    const tag = text.trim();
    if (!tag || d.triage.tags.includes(tag)) return setText('');
    run({ type: 'tag_added', tag });
    setText('');
  };
  return (
    <div className="triage-row">
      <label className="triage-label" htmlFor={inputId}>
        {t('detail.tags')}
      </label>
      <div className="chips">
        {d.triage.tags.length === 0 ? <span className="muted">{t('detail.noTags')}</span> : null}
        {d.triage.tags.map((tag) => (
          <span key={tag} className={`chip tag ${tagColourClass(tag)}`}>
            <span>{tag}</span>
            <button type="button" className="chip-remove" aria-label={t('detail.removeTag', { tag })} onClick={() => run({ type: 'tag_removed', tag })}>
              <span aria-hidden="true">×</span>
            </button>
          </span>
        ))}
        <span className="tag-add">
          <input
            id={inputId}
            className="input input-small"
            list={listId}
            maxLength={40}
            placeholder={t('detail.addTag')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
                e.preventDefault();
                add();
              }
            }}
          />
          <datalist id={listId}>
            {(tags.data ?? [])
              .filter((x) => !d.triage.tags.includes(x.tag))
              .map((x) => (
                <option key={x.tag} value={x.tag} />
              ))}
          </datalist>
          <button type="button" className="button button-small" disabled={busy || !text.trim()} onClick={add}>
            {t('detail.addTagButton')}
          </button>
        </span>
      </div>
    </div>
  );
}
