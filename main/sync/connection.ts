// Builds the office API client for a store: the last session's token is kept in the encrypted
// database so a restart does not ask again, and credentials are kept only if the user allowed it.
import { wireSession, type WireSession } from '../../shared/office-api.js';
import type { Db } from '../store/db.js';
import { kvDelete, kvGetJson, kvSetJson } from '../store/statements.js';
import { OfficeClient, type ClientOptions, type Credentials } from './client.js';

export function storedSession(db: Db): WireSession | null {
  const raw = kvGetJson<unknown>(db, 'session');
  const parsed = wireSession.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function storedCredentials(db: Db): Credentials | null {
  return kvGetJson<Credentials>(db, 'credentials');
}
export function rememberCredentials(db: Db, creds: Credentials | null): void {
  if (creds) kvSetJson(db, 'credentials', creds);
  else kvDelete(db, 'credentials');
}
export function forgetSession(db: Db): void {
  kvDelete(db, 'session');
}

export function connect(
  db: Db,
  o: { baseUrl: string; caBundle?: string; credentials?: () => Credentials | null } & Partial<ClientOptions>,
): OfficeClient {
  return new OfficeClient({
    ...o,
    baseUrl: o.baseUrl,
    caBundle: o.caBundle,
    session: storedSession(db),
    credentials: o.credentials ?? (() => storedCredentials(db)),
    onSession: (s) => {
      kvSetJson(db, 'session', s);
      o.onSession?.(s);
    },
  });
}
