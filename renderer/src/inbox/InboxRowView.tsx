// One row of the list: everything needed to triage at a glance, nothing personal. Citizen
// text is rendered as React text nodes only — never as HTML.
import { memo, type MouseEvent } from 'react';
import type { InboxRow, Language, ReferenceData } from '../../../shared/domain.js';
import { formatDateTime, formatShort } from '../i18n/format.js';
import { translate } from '../i18n/translate.js';
import { channelLabel, codeLabel, ministryLabel, staffLabel, statusLabel } from '../i18n/labels.js';
import { Highlighted } from '../ui/Highlighted.js';
import { tagColourClass } from '../ui/tag-colour.js';

export const ROW_HEIGHT = 92;

interface Props {
  row: InboxRow;
  top: number;
  active: boolean;
  selected: boolean;
  lang: Language;
  reference: ReferenceData | undefined;
  meId: string | null;
  /** Words of the current search, marked in the subject and excerpt. */
  terms: readonly string[];
  onClick: (id: string, e: MouseEvent) => void;
  onToggle: (id: string) => void;
  onOpenGroup: (row: InboxRow) => void;
}

function InboxRowViewInner({ row, top, active, selected, lang, reference, meId, terms, onClick, onToggle, onOpenGroup }: Props) {
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(lang, key, vars);
  const classes = ['row', active && 'row-active', selected && 'row-selected', row.isNew && 'row-new'].filter(Boolean).join(' ');
  return (
    <div
      id={`row-${row.id}`}
      role="option"
      aria-selected={selected}
      className={classes}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onMouseDown={(e) => {
        // Shift-click selects rows, not the text between them.
        if (e.shiftKey) e.preventDefault();
      }}
      onClick={(e) => onClick(row.id, e)}
    >
      <span
        className={selected ? 'row-check row-check-on' : 'row-check'}
        aria-hidden="true"
        onClick={(e) => {
          e.stopPropagation();
          onToggle(row.id);
        }}
      />
      <div className="row-body">
        <div className="row-meta">
          <time dateTime={row.receivedAt} title={formatDateTime(row.receivedAt, lang)}>
            {formatShort(row.receivedAt, lang)}
          </time>
          <span className="meta-item">{channelLabel(row.channel, lang)}</span>
          <span className="meta-item">{codeLabel(reference?.categories, row.category, lang)}</span>
          {row.theme ? <span className="meta-item">{codeLabel(reference?.themes, row.theme, lang)}</span> : null}
          {row.ageBand ? <span className="meta-item">{codeLabel(reference?.ageBands, row.ageBand, lang)}</span> : null}
          <span className="row-spacer" />
          <span className={`status status-${statusClass(row.status)}`}>{statusLabel(row.status, lang)}</span>
        </div>
        <div className="row-text">
          {row.isNew ? <span className="badge-new">{t('list.new')}</span> : null}
          {row.subject ? <span className="row-subject">
              <Highlighted text={row.subject} terms={terms} />
            </span> : null}
          <span className="row-excerpt">
            <Highlighted text={row.excerpt} terms={terms} />
          </span>
        </div>
        <div className="row-marks">
          <span className={row.assignee ? 'assignee' : 'assignee assignee-none'}>{row.assignee ? staffLabel(reference, row.assignee, lang, meId) : t('list.unassigned')}</span>
          {row.tags.map((tag) => (
            <span key={tag} className={`tag ${tagColourClass(tag)}`}>
              {tag}
            </span>
          ))}
          {row.transferMarks.length ? <span className="transfer-mark">{t('list.transfer', { names: row.transferMarks.map((m) => ministryLabel(reference?.ministries, m, lang)).join('、') })}</span> : null}
          {row.returnedBy.map((r) => (
            <span key={r.ministry} className="returned-mark" title={t('list.returned', { ministry: ministryLabel(reference?.ministries, r.ministry, lang), reason: r.reason ?? '' })}>
              {t('list.returned', { ministry: ministryLabel(reference?.ministries, r.ministry, lang), reason: r.reason ?? '' })}
            </span>
          ))}
          {row.pending ? <span className="pending-mark">{t('list.pending')}</span> : null}
          {row.groupId && row.groupSize > 1 ? (
            <span
              className="similar-mark"
              onClick={(e) => {
                e.stopPropagation();
                onOpenGroup(row);
              }}
            >
              {t('list.similar', { n: row.groupSize - 1 })}
            </span>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** Known statuses get their colour; anything else a neutral one. */
export function statusClass(status: string): string {
  return ['new', 'in_progress', 'done', 'spam'].includes(status) ? status : 'other';
}

export const InboxRowView = memo(InboxRowViewInner);
