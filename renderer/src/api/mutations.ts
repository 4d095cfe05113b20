// The writes. Each one invalidates what it changes even though main also announces it: the
// screen must not depend on the announcement arriving to show the user's own action.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CallName } from '../../../shared/contract.js';
import type { ActionTarget, TriageAction } from '../../../shared/domain.js';
import { useKoe } from './client-context.js';
import { refreshInboxLists } from './inbox-refresh.js';
import { callsForTopics } from './invalidation.js';
import type { In } from './use-call.js';

function useInvalidate() {
  const queryClient = useQueryClient();
  const client = useKoe();
  // Main usually announces the same change a moment earlier and that refetch is already
  // running (it started after the write): let it finish rather than start it over.
  return (names: readonly CallName[]) =>
    Promise.all(names.map((name) => (name === 'inbox:list' ? refreshInboxLists(queryClient, client) : queryClient.invalidateQueries({ queryKey: [name] }, { cancelRefetch: false }))));
}

export function useAct() {
  const client = useKoe();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { target: ActionTarget; action: TriageAction }) => client['triage:act'](v),
    onSettled: () => invalidate(callsForTopics(['triage', 'outbox'])),
  });
}

export function useSignIn() {
  const client = useKoe();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: In<'session:signIn'>) => client['session:signIn'](v),
    onSuccess: (session) => {
      queryClient.setQueryData(['session:get', {}], session);
      // Everything that failed while signed out (or expired) is fetched again.
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session:get' });
    },
  });
}

export function useSignOut() {
  const client = useKoe();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => client['session:signOut']({}),
    onSettled: async () => {
      // Nothing of the last user's inbox may stay in memory for the next one.
      queryClient.removeQueries({ predicate: (q) => !['session:get', 'app:info'].includes(String(q.queryKey[0])) });
      await queryClient.invalidateQueries({ queryKey: ['session:get'] });
    },
  });
}

export function useRevealEmail() {
  const client = useKoe();
  return useMutation({ mutationFn: (id: string) => client['submission:revealEmail']({ id }) });
}

export function useSaveView() {
  const client = useKoe();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: In<'views:save'>) => client['views:save'](v),
    onSettled: () => invalidate(['views:list']),
  });
}

export function useDeleteView() {
  const client = useKoe();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => client['views:delete']({ id }),
    onSettled: () => invalidate(['views:list']),
  });
}

export function useSyncNow() {
  const client = useKoe();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => client['sync:now']({}),
    onSettled: () => invalidate(['sync:status']),
  });
}

export function useMarkSeen() {
  const client = useKoe();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => client['inbox:markSeen']({}),
    onSettled: () => invalidate(['inbox:list']),
  });
}

export function useSetLanguage() {
  const client = useKoe();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (language: 'ja' | 'en') => client['settings:setLanguage']({ language }),
    onSettled: () => invalidate(['app:info']),
  });
}
