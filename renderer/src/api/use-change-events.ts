// Listens to main's change announcements for as long as the workspace is open and marks the
// matching cached calls stale; React Query refetches those that are on screen.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useKoe } from './client-context.js';
import { callsForTopics } from './invalidation.js';

export function useChangeEvents(): void {
  const client = useKoe();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.onChange((event) => {
        for (const name of callsForTopics(event.topics)) void queryClient.invalidateQueries({ queryKey: [name] });
      }),
    [client, queryClient],
  );
}
