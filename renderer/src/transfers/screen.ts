// Which screen the URL hash names: the inbox (`#/inbox…`, the default) or the transfers view
// (`#/transfers`). Pure, plus a hook that follows the hash.
import { useEffect, useState } from 'react';

export const TRANSFERS_HASH = '#/transfers';

export function isTransfersHash(hash: string): boolean {
  return hash === TRANSFERS_HASH || hash.startsWith(`${TRANSFERS_HASH}?`) || hash.startsWith(`${TRANSFERS_HASH}/`);
}

export function useOnTransfersScreen(): boolean {
  const [on, setOn] = useState(() => isTransfersHash(window.location.hash));
  useEffect(() => {
    const update = () => setOn(isTransfersHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return on;
}
