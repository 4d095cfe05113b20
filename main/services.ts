// Wires Koe's main-side services for one data dir: the encrypted store, the office connection,
// the sync runner and every contract handler behind one dispatcher. The Electron IPC, the
// browser harness and the tests all go through `dispatch`, so each rule holds for every door.
import { readFileSync } from 'node:fs';
import { contract, type ChangeEvent, type ChangeTopic, type SessionInfo } from '../shared/contract.js';
import type { Envelope } from '../shared/contract-kit.js';
import type { KeyProvider } from './keys/key-provider.js';
import { createDispatcher } from './ipc/dispatch.js';
import { appendAudit } from './store/audit.js';
import type { Db } from './store/db.js';
import { CountWorker } from './store/count-worker.js';
import { openStore } from './store/open-store.js';
import type { Policy } from './policy/policy-definition.js';
import { effectiveSettings, NO_POLICY } from './settings/user-settings.js';
import type { Credentials } from './sync/client.js';
import { connect, storedCredentials, storedSession } from './sync/connection.js';
import { SyncEngine } from './sync/engine.js';
import { SyncRunner, type BackgroundTask } from './sync/runner.js';
import type { CallerContext, ServiceState, Staff } from './handlers/context.js';
import { sessionHandlers } from './handlers/session.js';
import { inboxHandlers } from './handlers/inbox.js';
import { triageHandlers } from './handlers/triage.js';
import { syncAdminHandlers } from './handlers/sync-admin.js';
import { adminHandlers } from './handlers/admin.js';
import { mailHandlers } from './handlers/mail.js';
import { createMailService } from './mail/service.js';
import { safetyHandlers } from './handlers/safety.js';
import { guardHandlers } from './safety/write-guard.js';
import { transfersHandlers } from './handlers/transfers.js';
import { reportsHandlers } from './handlers/reports.js';
import { reportsBackgroundTask } from './reports/day-cache.js';
import { groupBatch } from './similar/grouping.js';
import type { SaveDialog } from './handlers/save-dialog.js';
import { pushTransferOutbox } from './transfers/sender.js';

export interface ServicesOptions {
  dataDir: string;
  keyProvider: KeyProvider;
  apiUrl: string;
  demo: boolean;
  /**
   * Fixed for this run when given (0 turns the schedule off: tests sync on demand); otherwise
   * the settings decide (policy, then this workstation's choice, then 5 minutes), and a change
   * on the settings screen applies at once.
   */
  syncIntervalMs?: number;
  /** Fixed for this run when given; otherwise the settings decide, as for the interval. */
  retentionDays?: number;
  /** IT's managed policy: the settings it sets beat this workstation's. None in the harness and the CLI. */
  policy?: Policy;
  caBundle?: string;
  version?: string;
  /** Extra background work run in slices after each sync (e.g. similar grouping). */
  background?: (db: Db) => BackgroundTask[];
  log?: (message: string) => void;
  /** The mail relay for headless runs and the demo (KOE_SMTP_URL, `smtp://user:pass@host:port`). */
  smtpUrl?: string | null;
  /** Mail settings a managed policy decides (they beat the admin's settings). */
  managedMail?: { smtpUrl?: string | null; replyApproval?: boolean | null };
  /** The system's save dialog for exports (the app); absent in the harness and the CLI. */
  saveDialog?: SaveDialog;
}

export interface Services {
  /** Runs one contract call for the signed-in user: validation, role checks, handler, envelope. Never throws. */
  dispatch(name: string, rawInput: unknown, door?: CallerContext['door']): Promise<Envelope<unknown>>;
  onChange(listener: (e: ChangeEvent) => void): () => void;
  /** For tests and the CLI: the store and the runner. */
  readonly db: Db;
  readonly runner: SyncRunner;
  close(): Promise<void>;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export async function openServices(opts: ServicesOptions): Promise<Services> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`koe: ${m}\n`));
  const db = await openStore(opts.dataDir, opts.keyProvider);
  const listeners = new Set<(e: ChangeEvent) => void>();
  // Change topics raised in one tick are announced once.
  let queued = new Set<ChangeTopic>();
  const emit = (topics: ChangeTopic[]) => {
    const first = queued.size === 0;
    for (const t of topics) queued.add(t);
    if (first && topics.length) {
      setImmediate(() => {
        const event = { topics: [...queued] };
        queued = new Set();
        for (const l of listeners) l(event);
      });
    }
  };

  // Credentials for signing in again after a 401: remembered ones (encrypted, only if the user
  // allowed it) or none, in which case the user is asked.
  let credentials: Credentials | null = storedCredentials(db);
  // The runner is made below; a dropped connection tells it at once (not only once every try is spent).
  const runnerRef: { current: SyncRunner | null } = { current: null };
  const client = connect(db, {
    baseUrl: opts.apiUrl,
    caBundle: opts.caBundle,
    credentials: () => credentials,
    onRetry: (info) => runnerRef.current?.onRetry(info),
  });

  const staff = (): Staff | null => {
    const session = client.currentSession ?? storedSession(db);
    return session ? { id: session.staff.id, name: session.staff.name, role: session.staff.role } : null;
  };
  // The settings that take effect at once, read when they are needed.
  const settingsNow = () => effectiveSettings(db, opts.policy ?? NO_POLICY);
  const intervalMs = () => opts.syncIntervalMs ?? settingsNow().syncIntervalMinutes.value * 60_000;
  // The engine reports progress to the runner, which is made next: a forward reference.
  const engine = new SyncEngine(db, client, {
    retentionDays: () => opts.retentionDays ?? settingsNow().retentionDays.value,
    onProgress: (p) => runnerRef.current?.onProgress(p),
    onChange: emit,
    pushers: [(c) => pushTransferOutbox(db, c, { onChange: () => emit(['transfers', 'outbox']) })],
  });
  const runner: SyncRunner = new SyncRunner(db, engine, emit, {
    intervalMs: intervalMs(),
    tryNow: () => client.retryNow(),
    canSync: () => staff() !== null && !runner.sessionExpired,
    // Campaign grouping first: "n similar" is what staff see soonest after a sync.
    background: [{ step: () => groupBatch(db, 500) }, ...(opts.background?.(db) ?? []), reportsBackgroundTask(db)],
  });
  runnerRef.current = runner;

  const state: ServiceState = {
    db,
    client,
    runner,
    demo: opts.demo,
    version: opts.version ?? packageVersion(),
    emit,
    staff,
    session: (): SessionInfo => ({ signedIn: staff() !== null, staff: staff(), demo: opts.demo, expired: runner.sessionExpired }),
    saveDialog: opts.saveDialog,
    settingsChanged: () => runner.setIntervalMs(intervalMs()),
    counter: new CountWorker(async () => ({ path: db.name, key: await opts.keyProvider.getKey() })),
  };

  const mail = createMailService({
    db,
    env: { smtpUrl: opts.smtpUrl, policySmtpUrl: opts.managedMail?.smtpUrl, policyReplyApproval: opts.managedMail?.replyApproval, caBundle: opts.caBundle, demo: opts.demo },
    staffId: () => staff()?.id ?? null,
    onSent: () => {
      emit(['triage', 'outbox']);
      runner.schedulePush();
    },
    onChange: () => emit(['outbox']),
    log,
  });

  const handlers = {
    ...sessionHandlers(state, { setCredentials: (c) => (credentials = c) }),
    ...inboxHandlers(state),
    ...triageHandlers(state),
    ...syncAdminHandlers(state),
    ...adminHandlers(state),
    ...mailHandlers(state, mail),
    ...transfersHandlers(state),
    ...reportsHandlers(state),
    ...safetyHandlers(state, { dataDir: opts.dataDir, keys: opts.keyProvider, backupRetention: settingsNow().backupsKept.value }),
  };
  // A full disk, a read-only folder or a damaged file answers `store_unavailable`, plainly.
  const dispatcher = createDispatcher<typeof contract, CallerContext>(contract, guardHandlers(db, handlers), {
    getCaller: () => staff(),
    onRefused: ({ call, reason }) => {
      appendAudit(db, { actor: staff()?.id ?? null, action: 'role_refused', detail: { call, reason } });
      emit(['audit']);
    },
    onInternalError: ({ call, error }) => log(`${call} failed: ${(error as Error)?.stack ?? String(error)}`),
  });

  runner.start();
  mail.start();
  if (staff()) void runner.syncNow().catch(() => undefined);

  return {
    db,
    runner,
    dispatch: (name, rawInput, door = 'harness') => dispatcher(name, rawInput, { door }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await mail.close();
      // The connection first: a sync waiting out an unreachable office's backoff ends at once.
      client.close();
      await runner.close();
      await state.counter?.close();
      db.close();
    },
  };
}
