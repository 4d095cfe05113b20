// The middle column: search, the result's size and order, the bulk bar or the group banner,
// and the list itself.
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useCallback, useImperativeHandle, useMemo, useRef, type MouseEvent, type Ref } from 'react';
import type { InboxFilter, InboxPage, InboxRow, ReferenceData } from '../../../shared/domain.js';
import { useMarkSeen } from '../api/mutations.js';
import { useSyncStatus } from '../api/queries.js';
import { errorMessage } from '../api/errors.js';
import type { Sort } from '../app/url-state.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatCount } from '../i18n/format.js';
import type { ActionKind } from './actions.js';
import { searchTerms } from '../ui/highlight.js';
import { BulkBar } from './BulkBar.js';
import { GroupBanner } from './GroupBanner.js';
import { InboxList } from './InboxList.js';
import { SearchBox } from './SearchBox.js';
import { isEmpty, type Selection } from './selection.js';

export interface ListHandle {
  focus(): void;
  focusSearch(): void;
  containsSearch(el: Element | null): boolean;
}

interface Props {
  ref: Ref<ListHandle>;
  filter: InboxFilter;
  sort: Sort;
  onSort: (s: Sort) => void;
  onFilter: (f: InboxFilter) => void;
  searchCommit: (search: string) => void;
  rows: InboxRow[];
  pages: UseInfiniteQueryResult<InfiniteData<InboxPage, unknown>, Error>;
  total: number | undefined;
  reference: ReferenceData | undefined;
  meId: string | null;
  activeId: string | null;
  selection: Selection;
  onRowClick: (id: string, e: MouseEvent) => void;
  onToggle: (id: string) => void;
  onSelectAll: () => void;
  onClearSelection: () => void;
  onAction: (a: ActionKind) => void;
  onGroupAction: (a: ActionKind, groupId: string, count: number | undefined) => void;
  onOpenGroup: (row: InboxRow) => void;
  onCloseGroup: () => void;
}

export function ListColumn(props: Props) {
  const { t, lang } = useI18n();
  const { ref, filter, sort, rows, pages, total, selection } = props;
  const listEl = useRef<HTMLDivElement>(null);
  const searchEl = useRef<HTMLInputElement>(null);
  const markSeen = useMarkSeen();
  const sync = useSyncStatus().data;
  const syncing = Boolean(sync?.running);
  // The office sends its feed oldest first: during the first sync the newest opinions come last.
  const firstSync = Boolean(sync?.running && sync.lastSyncAt === null && sync.phase === 'submissions');

  useImperativeHandle(ref, () => ({
    focus: () => (listEl.current ?? searchEl.current)?.focus(),
    focusSearch: () => {
      searchEl.current?.focus();
      searchEl.current?.select();
    },
    containsSearch: (el) => el !== null && el === searchEl.current,
  }));

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const terms = useMemo(() => searchTerms(filter.search), [filter.search]);
  const indexing = pages.data?.pages[0]?.indexing && Boolean(filter.search);
  const anyNew = rows.some((r) => r.isNew);

  return (
    <section className="list-column" aria-label={t('app.regionList')}>
      <div className="list-top">
        <SearchBox value={filter.search ?? ''} onCommit={props.searchCommit} inputRef={searchEl} />
        <div className="list-head">
          <p className="list-total" aria-live="polite">
            {total !== undefined ? t('list.total', { n: formatCount(total, lang) }) : '\u00a0'}
          </p>
          <button type="button" className="button button-quiet button-small" disabled={!anyNew || markSeen.isPending} onClick={() => markSeen.mutate()}>
            {t('list.markSeen')}
          </button>
          <label className="sort">
            <span className="field-label-inline">{t('sort.label')}</span>
            <select className="select" value={sort} onChange={(e) => props.onSort(e.target.value as Sort)}>
              <option value="received_desc">{t('sort.received_desc')}</option>
              <option value="received_asc">{t('sort.received_asc')}</option>
            </select>
          </label>
        </div>
        {firstSync ? (
          <p className="notice" role="status">
            {t('list.firstSync')}
          </p>
        ) : null}
        {indexing ? <p className="notice">{t('search.indexing')}</p> : null}
        {filter.groupId ? (
          <GroupBanner groupId={filter.groupId} count={total} firstRow={rows[0]} onAction={(a) => props.onGroupAction(a, filter.groupId!, total)} onClose={props.onCloseGroup} />
        ) : null}
        {!isEmpty(selection) ? (
          <BulkBar selection={selection} total={total} onAction={props.onAction} onSelectAll={props.onSelectAll} onClear={props.onClearSelection} />
        ) : null}
      </div>
      {pages.isError && rows.length === 0 ? (
        <div className="list-message" role="alert">
          <p>{t('app.error', { message: errorMessage(pages.error) })}</p>
          <button type="button" className="button" onClick={() => void pages.refetch()}>
            {t('app.retry')}
          </button>
        </div>
      ) : pages.isPending ? (
        <p className="list-message" aria-busy="true">
          {t('app.loading')}
        </p>
      ) : rows.length === 0 ? (
        <p className="list-message">{syncing ? t('list.syncing') : t('list.empty')}</p>
      ) : (
        <InboxList
          rows={rows}
          activeId={props.activeId}
          selection={selection}
          reference={props.reference}
          meId={props.meId}
          hasMore={Boolean(hasNextPage)}
          loadMore={loadMore}
          onRowClick={props.onRowClick}
          onToggle={props.onToggle}
          onOpenGroup={props.onOpenGroup}
          listRef={listEl}
          label={t('app.regionList')}
          terms={terms}
        />
      )}
      {isFetchingNextPage ? <p className="list-more">{t('list.loadingMore')}</p> : null}
    </section>
  );
}
