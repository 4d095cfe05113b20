// Shown while opinions are selected: how many, "all matching" across the whole result, and
// the four bulk actions (the same as t / s / a / m).
import { useI18n } from '../i18n/i18n-context.js';
import { formatCount } from '../i18n/format.js';
import type { ActionKind } from './actions.js';
import { selectedCount, type Selection } from './selection.js';

export function BulkBar({ selection, total, onAction, onSelectAll, onClear }: { selection: Selection; total: number | undefined; onAction: (a: ActionKind) => void; onSelectAll: () => void; onClear: () => void }) {
  const { t, lang } = useI18n();
  const n = selectedCount(selection, total) ?? 0;
  const all = selection.kind === 'all';
  return (
    <div className="bulk-bar" role="region" aria-label={t('bulk.heading')}>
      <p className="bulk-count" aria-live="polite">
        {all ? t('select.allMatching', { n: formatCount(n, lang) }) : t('select.count', { n: formatCount(n, lang) })}
      </p>
      {!all && total !== undefined && total > n ? (
        <button type="button" className="button button-link" onClick={onSelectAll} aria-keyshortcuts="*">
          {t('select.selectAllMatching', { n: formatCount(total, lang) })}
        </button>
      ) : null}
      <div className="bulk-actions">
        <ActionButtons onAction={onAction} />
        <button type="button" className="button button-quiet button-small" onClick={onClear}>
          {t('select.clear')}
        </button>
      </div>
    </div>
  );
}

export function ActionButtons({ onAction }: { onAction: (a: ActionKind) => void }) {
  const { t } = useI18n();
  return (
    <>
      <button type="button" className="button button-small" onClick={() => onAction('tag')} aria-keyshortcuts="t">
        {t('bulk.tag')}
      </button>
      <button type="button" className="button button-small" onClick={() => onAction('status')} aria-keyshortcuts="s">
        {t('bulk.status')}
      </button>
      <button type="button" className="button button-small" onClick={() => onAction('assign')} aria-keyshortcuts="a">
        {t('bulk.assign')}
      </button>
      <button type="button" className="button button-small" onClick={() => onAction('transfer')} aria-keyshortcuts="m">
        {t('bulk.transfer')}
      </button>
    </>
  );
}
