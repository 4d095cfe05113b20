// The route state, kept in the URL hash. A filter change is a new history entry (Back returns
// to the previous view); moving the cursor replaces the entry, or j/k would flood the history.
import { useCallback, useEffect, useState } from 'react';
import { hashToRoute, routeToHash, type RouteState } from './url-state.js';

export type SetRoute = (next: RouteState | ((prev: RouteState) => RouteState), mode?: 'push' | 'replace') => void;

export function useRoute(): [RouteState, SetRoute] {
  const [route, setState] = useState<RouteState>(() => hashToRoute(window.location.hash));

  useEffect(() => {
    const onHash = () => setState(hashToRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const setRoute = useCallback<SetRoute>((next, mode = 'push') => {
    setState((prev) => {
      const value = typeof next === 'function' ? next(prev) : next;
      const hash = routeToHash(value);
      if (hash !== window.location.hash) {
        // A relative URL keeps the path and query (the harness's page) and changes the hash only.
        if (mode === 'push') window.history.pushState(null, '', hash);
        else window.history.replaceState(null, '', hash);
      }
      return value;
    });
  }, []);

  return [route, setRoute];
}
