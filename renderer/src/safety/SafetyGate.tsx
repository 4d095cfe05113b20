// Sits above the sign-in gate. When Koe cannot use its database, it shows what happened and what
// to do instead of the workspace: the recovery screen for a damaged file, the start-up problem
// screen for anything else. While writes fail (full disk, read-only folder) it keeps the
// workspace and adds a banner that says why changes are not saved.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import type { RecoveryResult } from '../../../shared/contract-safety.js';
import { useKoe } from '../api/client-context.js';
import { useCall } from '../api/use-call.js';
import { useI18n } from '../i18n/i18n-context.js';
import { RecoveryDone, RecoveryScreen } from './RecoveryScreen.js';
import { StartupProblemScreen } from './StartupProblemScreen.js';
import { StoreProblemBanner } from './StoreProblemBanner.js';
import './safety.css';

export function SafetyGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const client = useKoe();
  const queryClient = useQueryClient();
  const status = useCall('safety:status', {});
  // Kept here, not in the recovery screen: once the database works again the gate would
  // otherwise jump straight to the workspace before the result was read.
  const [result, setResult] = useState<RecoveryResult | null>(null);

  useEffect(
    () =>
      client.onChange((event) => {
        if (event.topics.some((topic) => topic === 'sync' || topic === 'session')) void queryClient.invalidateQueries({ queryKey: ['safety:status'] });
      }),
    [client, queryClient],
  );

  if (result) {
    return (
      <RecoveryDone
        result={result}
        onContinue={() => {
          setResult(null);
          // Everything is read again from the new database.
          void queryClient.invalidateQueries();
        }}
      />
    );
  }
  if (status.isPending) {
    return (
      <main className="centered" aria-busy="true">
        <p>{t('app.loading')}</p>
      </main>
    );
  }
  // A main that cannot answer this says so on the next call; the workspace handles that.
  if (status.isError) return <>{children}</>;
  const s = status.data;
  if (s.mode === 'recovery' && s.problem) return <RecoveryScreen problem={s.problem} onDone={setResult} />;
  if (s.mode === 'blocked' && s.problem) return <StartupProblemScreen problem={s.problem} />;
  if (s.mode === 'degraded' && s.store) {
    return (
      <div className="safety-frame">
        <StoreProblemBanner problem={s.store} />
        <div className="safety-frame-body">{children}</div>
      </div>
    );
  }
  return <>{children}</>;
}
