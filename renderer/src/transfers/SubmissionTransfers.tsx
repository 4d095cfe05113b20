// The detail pane's part of the transfers story: every transfer this opinion was in, with its
// status and, for a returned one, the ministry's reason.
import type { ReferenceData } from '../../../shared/domain.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatDateTime } from '../i18n/format.js';
import { ministryLabel } from '../i18n/labels.js';
import { useSubmissionTransfers } from './api.js';
import { transferStatusLabel } from './status-label.js';

export function SubmissionTransfers({ id, reference }: { id: string; reference: ReferenceData | undefined }) {
  const { t, lang } = useI18n();
  const q = useSubmissionTransfers(id);
  const rows = q.data ?? [];
  return (
    <section className="detail-section" aria-labelledby="detail-transfers-heading">
      <h3 id="detail-transfers-heading" className="section-title">
        {t('transfers.detailHeading')}
      </h3>
      {q.isSuccess && rows.length === 0 ? <p className="muted">{t('transfers.detailEmpty')}</p> : null}
      {rows.length ? (
        <ol className="history">
          {rows.map((r) => (
            <li key={r.transferId} className="history-item">
              <p className="history-meta">
                <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, lang)}</time>
                <span className="history-who">{ministryLabel(reference?.ministries, r.ministry, lang)}</span>
                <span className={`transfer-status ts-${['submitted', 'accepted', 'returned', 'queued', 'refused'].includes(r.status) ? r.status : 'other'}`}>{transferStatusLabel(r.status, t)}</span>
              </p>
              {r.reason ? <p className="history-what">{r.reason}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
