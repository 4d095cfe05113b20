// Who did what, when: the opinion's events, newest first.
import type { HistoryEntry, ReferenceData } from '../../../shared/domain.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatDateTime } from '../i18n/format.js';
import { staffLabel } from '../i18n/labels.js';
import { historyText } from './history-text.js';

export function HistoryList({ history, reference }: { history: HistoryEntry[]; reference: ReferenceData | undefined }) {
  const { t, lang } = useI18n();
  const entries = [...history].reverse();
  return (
    <section className="detail-section" aria-labelledby="history-heading">
      <h3 id="history-heading" className="section-title">
        {t('detail.history')}
      </h3>
      {entries.length === 0 ? (
        <p className="muted">{t('detail.noHistory')}</p>
      ) : (
        <ol className="history">
          {entries.map((e) => (
            <li key={e.eventId} className="history-item">
              <p className="history-meta">
                <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
                <span className="history-who">{e.staffId ? staffLabel(reference, e.staffId, lang) : t('detail.system')}</span>
                {e.pending ? <span className="pending-mark">{t('detail.pending')}</span> : null}
              </p>
              <p className="history-what">{historyText(e, reference, lang)}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
