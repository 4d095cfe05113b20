import { KoeError } from '../../shared/contract-kit.js';
import { kvGet, kvSet } from '../store/statements.js';
import { forgetSession, rememberCredentials } from '../sync/connection.js';
import { ApiError, UnreachableError } from '../sync/client.js';
import type { HandlerGroup, ServiceState } from './context.js';

export function sessionHandlers(s: ServiceState, o: { setCredentials(c: { username: string; password: string } | null): void }): HandlerGroup<
  'app:info' | 'settings:setLanguage' | 'session:get' | 'session:signIn' | 'session:signOut'
> {
  return {
    'app:info': () => ({
      version: s.version,
      demo: s.demo,
      language: kvGet(s.db, 'language') === 'en' ? 'en' : 'ja',
      timeZone: 'Asia/Tokyo',
    }),
    'settings:setLanguage': ({ language }) => {
      kvSet(s.db, 'language', language);
      s.emit(['settings']);
    },
    'session:get': () => s.session(),
    'session:signIn': async ({ username, password, remember }) => {
      try {
        await s.client.signIn({ username, password });
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) throw new KoeError('invalid_credentials', 'The user name or password is not correct.');
        if (err instanceof ApiError && err.status === 429) throw new KoeError('conflict', 'Too many attempts. Wait a moment and try again.');
        if (err instanceof UnreachableError) throw new KoeError('offline', 'The office server cannot be reached. Check the network and try again.');
        throw err;
      }
      // Credentials are kept (encrypted, in the database) only when the user asked for it.
      rememberCredentials(s.db, remember ? { username, password } : null);
      o.setCredentials(remember ? { username, password } : null);
      s.runner.sessionExpired = false;
      s.emit(['session']);
      void s.runner.syncNow().catch(() => undefined);
      return s.session();
    },
    'session:signOut': async () => {
      try {
        await s.client.signOut();
      } catch {
        // Signing out locally must work offline too.
      }
      forgetSession(s.db);
      rememberCredentials(s.db, null);
      o.setCredentials(null);
      s.emit(['session']);
    },
  };
}
