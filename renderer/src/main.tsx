// The renderer's entry: one bridge client, one query cache, the app.
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { errorCode } from './api/errors.js';
import { createKoeClient } from './bridge/client.js';
import './styles/app.css';

const client = createKoeClient();

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      // A call refused for want of a session means it expired: ask main, which then reports
      // `expired` and the sign-in dialog opens over the workspace, keeping what is on screen.
      if (errorCode(error) === 'unauthenticated') void queryClient.invalidateQueries({ queryKey: ['session:get'] });
    },
  }),
  defaultOptions: {
    queries: {
      // Main is local: a failure is an answer, not a flaky network. Retry once, and never
      // calls that were refused on purpose.
      retry: (failures, error) => failures < 1 && !['unauthenticated', 'forbidden', 'not_found', 'bad_request'].includes(errorCode(error) ?? ''),
      // Changes arrive as events; focusing the window must not refetch everything.
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} queryClient={queryClient} />
  </StrictMode>,
);
