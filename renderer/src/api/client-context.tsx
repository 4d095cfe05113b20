// The bridge client for every component below it. Passed in from main.tsx so screens never
// know whether they run in Electron or in the browser harness.
import { createContext, useContext, type ReactNode } from 'react';
import type { KoeClient } from '../bridge/client.js';

const ClientContext = createContext<KoeClient | null>(null);

export function KoeClientProvider({ client, children }: { client: KoeClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useKoe(): KoeClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useKoe outside KoeClientProvider');
  return client;
}
