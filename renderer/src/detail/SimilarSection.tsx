// Near-duplicates of the open opinion (a campaign): how many, a few of them, and the way to
// open the whole group in the list to act on all at once.
import type { SubmissionDetail } from '../../../shared/domain.js';
import { useSimilar } from '../api/queries.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatShort } from '../i18n/format.js';

export function SimilarSection({ d, onOpenGroup }: { d: SubmissionDetail; onOpenGroup: () => void }) {
  const { t, lang } = useI18n();
  const similar = useSimilar(d.id, true);
  const others = (similar.data?.items ?? []).filter((x) => x.id !== d.id).slice(0, 3);
  return (
    <section className="detail-section similar" aria-labelledby="similar-heading">
      <h3 id="similar-heading" className="section-title">
        {t('group.title')}
      </h3>
      <p>{t('group.inDetail', { n: d.groupSize - 1 })}</p>
      {others.length ? (
        <ul className="similar-list">
          {others.map((x) => (
            <li key={x.id}>
              <time dateTime={x.receivedAt}>{formatShort(x.receivedAt, lang)}</time> <span className="similar-excerpt">{x.excerpt}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="button" onClick={onOpenGroup} aria-keyshortcuts="g">
        {t('group.open')}
      </button>
    </section>
  );
}
