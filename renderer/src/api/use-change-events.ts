// Listens to main's change announcements for as long as the workspace is open and marks the
// matching cached calls stale; React Query refetches those that are on screen. A sync
// announces many changes in a burst: they are gathered for a moment and refreshed once, so a
// long list is not refetched dozens of times while the office's news streams in.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useKoe } from './client-context.js';
import { refreshInboxLists } from './inbox-refresh.js';
import { callsForTopics } from './invalidation.js';

const GATHER_MS = 120;

export function useChangeEvents(): void {
  const client = useKoe();
  const queryClient = useQueryClient();
  useEffect(() => {
    const pending = new Set<string>();
    let timer: number | null = null;
    const flush = () => {
      timer = null;
      const topics = [...pending];
      pending.clear();
      for (const name of callsForTopics(topics)) {
        if (name === 'inbox:list') void refreshInboxLists(queryClient, client);
        else void queryClient.invalidateQueries({ queryKey: [name] });
      }
    };
    const stop = client.onChange((event) => {
      for (const topic of event.topics) pending.add(topic);
      timer ??= window.setTimeout(flush, GATHER_MS);
    });
    return () => {
      stop();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [client, queryClient]);
}
