// One React Query hook for any contract call: the key is the call name and its input, so the
// change-event invalidation can refresh "every inbox:list" by the first key element.
import { useQuery, type UseQueryOptions } from '@tanstack/react-query';
import type { InputOf, OutputOf } from '../../../shared/contract-kit.js';
import type { CallName, KoeContract } from '../../../shared/contract.js';
import { useKoe } from './client-context.js';

export type In<K extends CallName> = InputOf<KoeContract, K>;
export type Out<K extends CallName> = OutputOf<KoeContract, K>;

export function callKey<K extends CallName>(name: K, input: In<K>): readonly [K, In<K>] {
  return [name, input] as const;
}

type Extra<K extends CallName> = Omit<UseQueryOptions<Out<K>, Error, Out<K>, readonly [K, In<K>]>, 'queryKey' | 'queryFn'>;

export function useCall<K extends CallName>(name: K, input: In<K>, options: Extra<K> = {}) {
  const client = useKoe();
  return useQuery({
    queryKey: callKey(name, input),
    queryFn: () => (client[name] as (i: In<K>) => Promise<Out<K>>)(input),
    ...options,
  });
}
