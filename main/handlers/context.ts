// What every handler group needs: the store, the office connection, the sync runner, the
// signed-in staff member and a way to announce changes.
import type { ChangeTopic, KoeContract, SessionInfo } from '../../shared/contract.js';
import { KoeError, type Handlers } from '../../shared/contract-kit.js';
import type { Role } from '../../shared/office-api.js';
import type { CountWorker } from '../store/count-worker.js';
import type { Db } from '../store/db.js';
import type { OfficeClient } from '../sync/client.js';
import type { SyncRunner } from '../sync/runner.js';
import type { SaveDialog } from './save-dialog.js';

export interface Staff {
  id: string;
  name: string;
  role: Role;
}

export interface ServiceState {
  db: Db;
  client: OfficeClient;
  runner: SyncRunner;
  demo: boolean;
  version: string;
  emit(topics: ChangeTopic[]): void;
  /** The signed-in staff member, or null. */
  staff(): Staff | null;
  session(): SessionInfo;
  /** The system's save dialog (the app only; the harness hands files over as downloads). */
  saveDialog?: SaveDialog;
  /** Counts off the main thread (absent: counted on it). */
  counter?: CountWorker;
  /** A saved setting changed: the services apply what takes effect at once. */
  settingsChanged?(): void;
}

export function requireStaff(s: ServiceState): Staff {
  const staff = s.staff();
  if (!staff) throw new KoeError('unauthenticated', 'Please sign in to continue.');
  return staff;
}

/** Ties a handler group's return type to the contract while keeping it in its own file. */
export type HandlerGroup<K extends keyof KoeContract> = Pick<Handlers<KoeContract, CallerContext>, K>;

/** Where a call came from; the caller's identity is the session main holds, not anything sent. */
export interface CallerContext {
  door: 'ipc' | 'harness';
}
