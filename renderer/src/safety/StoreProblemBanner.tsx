// While the database cannot be written (full disk, read-only folder, disk error): one line that
// says so and that what is saved is safe, and a button to try again now.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StoreProblem } from '../../../shared/contract-safety.js';
import { useKoe } from '../api/client-context.js';
import { storeProblemKey, useSafetyText } from './text.js';

export function StoreProblemBanner({ problem }: { problem: StoreProblem }) {
  const { s } = useSafetyText();
  const client = useKoe();
  const queryClient = useQueryClient();
  // A sync starts with a small test write: if there is room again, the problem clears.
  const retry = useMutation({
    mutationFn: () => client['sync:now']({}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['safety:status'] }),
  });
  return (
    <div className="safety-banner" role="alert" data-kind={problem.kind}>
      <span>{s(storeProblemKey(problem.kind))}</span>
      <button type="button" className="button button-small" disabled={retry.isPending} onClick={() => retry.mutate()}>
        {s('store.retry')}
      </button>
    </div>
  );
}
