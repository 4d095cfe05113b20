// The left column: saved views (with their counts), then the filters.
import type { InboxFilter, ReferenceData } from '../../../shared/domain.js';
import type { Sort } from '../app/url-state.js';
import { useI18n } from '../i18n/i18n-context.js';
import { FilterPanel } from './FilterPanel.js';
import { ViewsList } from './ViewsList.js';

interface Props {
  filter: InboxFilter;
  sort: Sort;
  reference: ReferenceData | undefined;
  onChange: (filter: InboxFilter, sort?: Sort) => void;
}

export function Sidebar({ filter, sort, reference, onChange }: Props) {
  const { t } = useI18n();
  return (
    <nav className="sidebar" aria-label={t('app.regionSidebar')}>
      <ViewsList filter={filter} sort={sort} onOpen={(f, s) => onChange(f, s)} />
      <FilterPanel filter={filter} reference={reference} onChange={(f) => onChange(f)} />
    </nav>
  );
}
