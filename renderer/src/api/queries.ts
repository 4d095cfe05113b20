// The reads the workspace makes, one hook per call.
import { useInfiniteQuery } from '@tanstack/react-query';
import type { InboxFilter } from '../../../shared/domain.js';
import type { Sort } from '../app/url-state.js';
import { useKoe } from './client-context.js';
import { callKey, useCall } from './use-call.js';

const NONE = {} as const;
/** Rows per page: a screenful several times over, small enough to answer at once. */
export const PAGE_SIZE = 200;

export const useAppInfo = () => useCall('app:info', NONE, { staleTime: Infinity });
export const useSession = () => useCall('session:get', NONE, { staleTime: Infinity });
export const useReference = (enabled = true) => useCall('reference:get', NONE, { staleTime: Infinity, enabled });
export const useTags = (enabled = true) => useCall('tags:list', NONE, { staleTime: Infinity, enabled });
export const useViews = () => useCall('views:list', NONE, { staleTime: Infinity });

export function useInboxCount(filter: InboxFilter, enabled = true) {
  return useCall('inbox:count', { filter }, { staleTime: Infinity, placeholderData: (prev) => prev, enabled });
}

export function useSubmission(id: string | null) {
  return useCall('submission:get', { id: id ?? '' }, { enabled: id !== null, staleTime: Infinity, retry: false });
}

export function useSimilar(id: string | null, enabled: boolean) {
  return useCall('submission:similar', { id: id ?? '', limit: 20 }, { enabled: id !== null && enabled, staleTime: Infinity });
}

export function useSyncStatus() {
  // The one exception to "no polling": while a sync runs, its progress bar needs fresh numbers
  // more often than the sync announces changes.
  return useCall('sync:status', NONE, { staleTime: Infinity, refetchInterval: (q) => (q.state.data?.running ? 1000 : false) });
}

export function useQuarantineCount(enabled: boolean) {
  return useCall('quarantine:count', NONE, { staleTime: Infinity, enabled });
}

/** The inbox, page by page with main's keyset cursor, for the virtualized list. */
export function useInboxPages(filter: InboxFilter, sort: Sort) {
  const client = useKoe();
  const input = { filter, sort, limit: PAGE_SIZE };
  return useInfiniteQuery({
    queryKey: callKey('inbox:list', input),
    queryFn: ({ pageParam }) => client['inbox:list']({ ...input, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: Infinity,
    // Keep the old rows on screen while a new filter loads: no flash of an empty list.
    placeholderData: (prev) => prev,
  });
}
