// The reply screens' reads and writes, one hook per call. Writes invalidate what they change;
// main's change events (triage, outbox, settings) refresh the rest.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CallName } from '../../../shared/contract.js';
import type { OutboxState } from '../../../shared/contract-mail.js';
import { useKoe } from '../api/client-context.js';
import { useCall, type In, type Out } from '../api/use-call.js';

const NONE = {} as const;

export const useComposer = (submissionId: string | null) =>
  useCall('mail:composer', { submissionId: submissionId ?? '' }, { enabled: submissionId !== null, staleTime: Infinity, retry: false });
export const useTemplates = () => useCall('mail:templates', NONE, { staleTime: Infinity });
export const useOutbox = (states: OutboxState[]) => useCall('mail:outbox', { states, limit: 200 }, { staleTime: Infinity });
export const useApprovals = (enabled: boolean) => useCall('mail:approvals', NONE, { staleTime: Infinity, enabled });
export const useMailSettings = (enabled: boolean) => useCall('mail:settings', NONE, { staleTime: Infinity, enabled, retry: false });

function useInvalidate() {
  const queryClient = useQueryClient();
  return (names: readonly CallName[]) => Promise.all(names.map((name) => queryClient.invalidateQueries({ queryKey: [name] })));
}

const AFTER_REPLY: CallName[] = ['mail:composer', 'mail:outbox', 'mail:approvals', 'submission:get', 'inbox:list', 'sync:status'];

/** One hook for every mail write: the call name picks the input and output types. */
export function useMailWrite<K extends 'mail:claim' | 'mail:release' | 'mail:send' | 'mail:saveDraft' | 'mail:retry' | 'mail:cancel' | 'mail:approve' | 'mail:return' | 'mail:putTemplate' | 'mail:deleteTemplate' | 'mail:setSettings' | 'mail:sendTest'>(name: K) {
  const client = useKoe();
  const invalidate = useInvalidate();
  return useMutation<Out<K>, Error, In<K>>({
    mutationFn: (input) => (client[name] as unknown as (i: In<K>) => Promise<Out<K>>)(input),
    onSettled: () => {
      // Saving a draft changes only the composer, which holds the text itself.
      if (name === 'mail:saveDraft') return;
      if (name === 'mail:putTemplate' || name === 'mail:deleteTemplate') return invalidate(['mail:templates']);
      if (name === 'mail:setSettings') return invalidate(['mail:settings', 'mail:outbox']);
      return invalidate(AFTER_REPLY);
    },
  });
}
