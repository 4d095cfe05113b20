// The list is showing one near-duplicate group (a campaign): say so, offer to act on every
// member at once, and the way back.
import type { InboxRow } from '../../../shared/domain.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatCount } from '../i18n/format.js';
import type { ActionKind } from './actions.js';

export function GroupBanner({ count, firstRow, onAction, onClose }: { groupId: string; count: number | undefined; firstRow: InboxRow | undefined; onAction: (a: ActionKind) => void; onClose: () => void }) {
  const { t, lang } = useI18n();
  return (
    <div className="group-banner" role="region" aria-label={t('group.region')}>
      <div className="group-text">
        <p className="group-title">{t('group.banner', { n: count === undefined ? '…' : formatCount(count, lang) })}</p>
        {firstRow ? <p className="group-subject">{firstRow.subject ?? firstRow.excerpt}</p> : null}
      </div>
      <div className="bulk-actions">
        <span className="muted small">{t('group.actOnAll')}:</span>
        <button type="button" className="button button-small" onClick={() => onAction('tag')}>
          {t('group.tag')}
        </button>
        <button type="button" className="button button-small" onClick={() => onAction('status')}>
          {t('group.status')}
        </button>
        <button type="button" className="button button-small" onClick={() => onAction('assign')}>
          {t('group.assign')}
        </button>
        <button type="button" className="button button-small" onClick={() => onAction('transfer')}>
          {t('group.transfer')}
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onClose}>
          {t('group.close')}
        </button>
      </div>
    </div>
  );
}
