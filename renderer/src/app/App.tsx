// Providers and the gate between signing in and the workspace.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { Language } from '../../../shared/domain.js';
import { KoeClientProvider } from '../api/client-context.js';
import { useSetLanguage } from '../api/mutations.js';
import { useAppInfo } from '../api/queries.js';
import type { KoeClient } from '../bridge/client.js';
import { I18nProvider } from '../i18n/i18n-context.js';
import { AnnouncerProvider } from '../ui/announcer.js';
import { SessionGate } from './SessionGate.js';
import { SafetyGate } from '../safety/SafetyGate.js';

export function App({ client, queryClient }: { client: KoeClient; queryClient: QueryClient }) {
  return (
    <KoeClientProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <LanguageRoot />
      </QueryClientProvider>
    </KoeClientProvider>
  );
}

function LanguageRoot() {
  const info = useAppInfo();
  const save = useSetLanguage();
  // The user's choice wins at once; main stores it for the next start.
  const [chosen, setChosen] = useState<Language | null>(null);
  const lang: Language = chosen ?? info.data?.language ?? 'ja';
  const setLang = useCallback(
    (l: Language) => {
      setChosen(l);
      save.mutate(l);
    },
    [save],
  );
  return (
    <I18nProvider lang={lang} setLang={setLang}>
      <AnnouncerProvider>
        {/* A damaged or unopenable database gets its own screen before any sign-in. */}
        <SafetyGate>
          <SessionGate appDemo={info.data?.demo ?? false} />
        </SafetyGate>
      </AnnouncerProvider>
    </I18nProvider>
  );
}
