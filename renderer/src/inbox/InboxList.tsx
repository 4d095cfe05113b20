// The virtualized list: only the rows in view exist in the DOM, so 100,000 opinions scroll
// like 100. It is one listbox with the cursor as its active descendant: one Tab stop, arrow
// keys and j/k move, and a screen reader hears each row as it is reached.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type MouseEvent, type Ref } from 'react';
import type { InboxRow, ReferenceData } from '../../../shared/domain.js';
import { setVisiblePages } from '../api/inbox-refresh.js';
import { PAGE_SIZE } from '../api/queries.js';
import { useI18n } from '../i18n/i18n-context.js';
import { isSelected, type Selection } from './selection.js';
import { InboxRowView, ROW_HEIGHT } from './InboxRowView.js';

interface Props {
  rows: InboxRow[];
  activeId: string | null;
  selection: Selection;
  reference: ReferenceData | undefined;
  meId: string | null;
  hasMore: boolean;
  loadMore: () => void;
  onRowClick: (id: string, e: MouseEvent) => void;
  onToggle: (id: string) => void;
  onOpenGroup: (row: InboxRow) => void;
  listRef: Ref<HTMLDivElement>;
  label: string;
  terms: readonly string[];
}

export function InboxList({ rows, activeId, selection, reference, meId, hasMore, loadMore, onRowClick, onToggle, onOpenGroup, listRef, label, terms }: Props) {
  const { lang } = useI18n();
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;

  // Fetch the next page while the user is still a screenful or two away from the end.
  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - 30) loadMore();
  }, [hasMore, lastIndex, rows.length, loadMore]);

  // Tell the change refresher which pages are on screen (see api/inbox-refresh.ts).
  const firstIndex = items.length ? items[0].index : 0;
  useEffect(() => {
    setVisiblePages(Math.floor(firstIndex / PAGE_SIZE), Math.floor(Math.max(lastIndex, 0) / PAGE_SIZE));
  }, [firstIndex, lastIndex]);

  // Keep the cursor row in view (and so in the DOM, for aria-activedescendant).
  const activeIndex = activeId ? rows.findIndex((r) => r.id === activeId) : -1;
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  return (
    <div
      id="inbox-list"
      ref={(el) => {
        scrollRef.current = el;
        if (typeof listRef === 'function') listRef(el);
        else if (listRef) listRef.current = el;
      }}
      className="list-scroll"
      role="listbox"
      aria-label={label}
      aria-multiselectable="true"
      aria-activedescendant={activeIndex >= 0 ? `row-${activeId}` : undefined}
      tabIndex={0}
    >
      <div className="list-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((v) => {
          const row = rows[v.index];
          return (
            <InboxRowView
              key={row.id}
              row={row}
              top={v.start}
              active={row.id === activeId}
              selected={isSelected(selection, row.id)}
              lang={lang}
              reference={reference}
              meId={meId}
              terms={terms}
              onClick={onRowClick}
              onToggle={onToggle}
              onOpenGroup={onOpenGroup}
            />
          );
        })}
      </div>
    </div>
  );
}
