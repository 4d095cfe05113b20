// The transfers reads and writes, one hook per call. Writes refresh what they change at once;
// main also announces the change (topic `transfers`) for every other screen and workstation.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CallName } from '../../../shared/contract.js';
import type { ActionTarget } from '../../../shared/domain.js';
import { useKoe } from '../api/client-context.js';
import { callsForTopics } from '../api/invalidation.js';
import { useCall, type In } from '../api/use-call.js';

const NONE = {} as const;

export const usePendingTransfers = () => useCall('transfers:pending', NONE, { staleTime: Infinity });
export const useTransferOutbox = () => useCall('transfers:outbox', NONE, { staleTime: Infinity });
export const useTransferList = () => useCall('transfers:list', { limit: 1000 }, { staleTime: Infinity });
export const useThemeMap = () => useCall('transfers:themeMap', NONE, { staleTime: Infinity });
export const useSubmissionTransfers = (id: string) => useCall('transfers:ofSubmission', { id }, { staleTime: Infinity });
export const useMinistrySuggestions = (target: ActionTarget) => useCall('transfers:suggest', { target }, { staleTime: 60_000, retry: false });

function useRefresh() {
  const queryClient = useQueryClient();
  return () => Promise.all(callsForTopics(['transfers', 'outbox']).map((name: CallName) => queryClient.invalidateQueries({ queryKey: [name] })));
}

export function useSendTransfer() {
  const client = useKoe();
  const refresh = useRefresh();
  return useMutation({ mutationFn: (v: In<'transfers:send'>) => client['transfers:send'](v), onSettled: refresh });
}

export function useResendTransfer() {
  const client = useKoe();
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => client['transfers:resend']({ id }), onSettled: refresh });
}

export function useDiscardTransfer() {
  const client = useKoe();
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => client['transfers:discard']({ id }), onSettled: refresh });
}

export function useExportTransfer() {
  const client = useKoe();
  return useMutation({ mutationFn: (v: In<'transfers:export'>) => client['transfers:export'](v) });
}

export function useSetThemeMinistry() {
  const client = useKoe();
  const refresh = useRefresh();
  return useMutation({ mutationFn: (v: In<'transfers:setThemeMinistry'>) => client['transfers:setThemeMinistry'](v), onSettled: refresh });
}
