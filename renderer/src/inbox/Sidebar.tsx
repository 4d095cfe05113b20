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
  /**
   * False until the list's first page is on screen: main answers one call at a time, so the
   * view counts and the tag list wait rather than delay the rows staff came for.
   */
  secondaryReady: boolean;
}

export function Sidebar({ filter, sort, reference, onChange, secondaryReady }: Props) {
  const { t } = useI18n();
  return (
    <nav className="sidebar" aria-label={t('app.regionSidebar')}>
      <ViewsList filter={filter} sort={sort} onOpen={(f, s) => onChange(f, s)} countsEnabled={secondaryReady} />
      <FilterPanel filter={filter} reference={reference} onChange={(f) => onChange(f)} tagsEnabled={secondaryReady} />
    </nav>
  );
}
