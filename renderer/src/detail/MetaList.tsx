// Where the opinion came from, with labels from reference data (unknown codes raw). Age is
// the band only: Koe never shows an individual's age.
import type { ReferenceData, SubmissionDetail } from '../../../shared/domain.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatDateTime } from '../i18n/format.js';
import { channelLabel, codeLabel } from '../i18n/labels.js';
import { EmailField } from './EmailField.js';

export function MetaList({ d, reference }: { d: SubmissionDetail; reference: ReferenceData | undefined }) {
  const { t, lang } = useI18n();
  const rows: [string, string | null][] = [
    [t('detail.received'), formatDateTime(d.receivedAt, lang)],
    [t('detail.channel'), channelLabel(d.channel, lang)],
    [t('detail.category'), codeLabel(reference?.categories, d.category, lang)],
    [t('detail.theme'), codeLabel(reference?.themes, d.theme, lang)],
    [t('detail.ageBand'), codeLabel(reference?.ageBands, d.ageBand, lang)],
    [t('detail.language'), d.language],
    [t('detail.id'), d.id],
  ];
  return (
    <dl className="meta">
      {rows
        .filter(([, v]) => v !== null && v !== '')
        .map(([k, v]) => (
          <div key={k} className="meta-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      <div className="meta-row meta-row-wide">
        <dt>{t('detail.email')}</dt>
        <dd>
          <EmailField key={d.id} d={d} />
        </dd>
      </div>
    </dl>
  );
}
