// Refreshing a long inbox after a change. A full refetch of an infinite list walks every page
// from the top, one keyset cursor after the other: 50 pages deep, one colleague's tag would
// cost 50 calls, several times over while a sync streams in. So a list that is more than a
// few pages long refreshes only its first page and the pages on screen, in place; the rest is
// refreshed when the filter changes or the user scrolls there again.
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { InboxPage } from '../../../shared/domain.js';
import type { KoeClient } from '../bridge/client.js';
import type { In } from './use-call.js';

/** Pages the list on screen shows now, kept up to date by the list itself. */
let visible = { first: 0, last: 0 };
export function setVisiblePages(first: number, last: number): void {
  visible = { first, last };
}

const FULL_REFETCH_MAX_PAGES = 3;

type Pages = InfiniteData<InboxPage, string | null>;

/** Which page indexes to refetch: the first, and those on screen (with one either side). */
export function pagesToRefresh(pageCount: number, view: { first: number; last: number }): number[] {
  const out = new Set<number>([0]);
  for (let i = Math.max(0, view.first - 1); i <= Math.min(pageCount - 1, view.last + 1); i++) out.add(i);
  return [...out].sort((a, b) => a - b);
}

export async function refreshInboxLists(queryClient: QueryClient, client: KoeClient): Promise<void> {
  const queries = queryClient.getQueryCache().findAll({ queryKey: ['inbox:list'] });
  await Promise.all(
    queries.map(async (q) => {
      const data = q.state.data as Pages | undefined;
      if (!q.isActive() || !data || data.pages.length <= FULL_REFETCH_MAX_PAGES) {
        return queryClient.invalidateQueries({ queryKey: q.queryKey, exact: true });
      }
      const input = q.queryKey[1] as In<'inbox:list'>;
      const indexes = pagesToRefresh(data.pages.length, visible);
      const fresh = await Promise.all(indexes.map((i) => client['inbox:list']({ ...input, cursor: data.pageParams[i] })));
      queryClient.setQueryData<Pages>(q.queryKey, (old) => {
        if (!old) return old;
        const pages = [...old.pages];
        indexes.forEach((i, n) => {
          if (i < pages.length) pages[i] = fresh[n];
        });
        return { ...old, pages };
      });
    }),
  );
}
