// The services as the app and the harness hold them: the normal services when the database
// opens, and otherwise a small stand-in that answers the start-up and recovery screens, so a
// staff member never meets a blank window or a stack trace. When the file is damaged (found at
// open or later, on a failed read), the recovery calls close the database, restore the newest
// good backup or start a fresh one for a full download, carry the unsent work over, and open the
// normal services again. The damaged file is kept in set-aside/.
import { contract, type ChangeEvent, type ChangeTopic } from '../../shared/contract.js';
import { KoeError, type Envelope, type Handlers } from '../../shared/contract-kit.js';
import { recoveryChoice, type RecoveryResult, type SafetyStatus, type StartupProblemInfo } from '../../shared/contract-safety.js';
import type { CallerContext } from '../handlers/context.js';
import { createDispatcher } from '../ipc/dispatch.js';
import { openServices, type Services, type ServicesOptions } from '../services.js';
import { StoreError } from '../store/db.js';
import { dbPath } from '../store/open-store.js';
import { appendAudit } from '../store/audit.js';
import { createBackupInBackground, DEFAULT_BACKUP_INTERVAL_MS, DEFAULT_BACKUP_RETENTION, listBackups, scheduleBackups } from './backup.js';
import { newestGoodBackup, reclassifyOpenError, recoveryPlan } from './corruption.js';
import { restoreFromBackup, resyncFromServer } from './restore.js';
import { describeStartupFailure, runStartupChecks } from './startup-checks.js';
import { storeGuard } from './write-guard.js';

export interface SafeServicesOptions extends ServicesOptions {
  backupIntervalMs?: number;
  backupRetention?: number;
  /** Delay before the first scheduled backup check (default one minute). */
  firstBackupCheckMs?: number;
  platform?: NodeJS.Platform;
  /** The mount table's text, for the network-share check (tests pass their own). */
  readMounts?: () => string | null;
}

export interface SafeServices extends Services {
  /** normal: the database is open. recovery: it is damaged. blocked: it cannot be opened. */
  readonly mode: 'normal' | 'recovery' | 'blocked';
}

const ALL_TOPICS: ChangeTopic[] = ['submissions', 'triage', 'sync', 'outbox', 'views', 'session', 'settings', 'reference', 'audit'];
const RECOVERY_CALLS = new Set(['safety:recoveryPlan', 'safety:recover']);

export async function openSafeServices(opts: SafeServicesOptions): Promise<SafeServices> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`koe: ${m}\n`));
  const listeners = new Set<(e: ChangeEvent) => void>();
  const announce = (topics: ChangeTopic[]) => {
    for (const l of listeners) l({ topics });
  };

  let inner: Services | null = null;
  let unsubscribe: (() => void) | null = null;
  let stopBackups: (() => void) | null = null;
  let problem: StartupProblemInfo | null = null;
  let busy: Promise<unknown> = Promise.resolve();
  /** A scheduled backup still reading the file: the file is not replaced under it. */
  let backupInFlight: Promise<unknown> = Promise.resolve();

  async function openNormal(): Promise<void> {
    try {
      runStartupChecks({ dataDir: opts.dataDir, platform: opts.platform ?? process.platform, readMounts: opts.readMounts });
      inner = await openServices(opts);
    } catch (err) {
      const cause = await reclassifyOpenError(err, opts.dataDir, opts.keyProvider);
      log(`cannot open the data in ${opts.dataDir}: ${(cause as Error)?.stack ?? String(cause)}`);
      problem = describeStartupFailure(cause);
      inner = null;
      return;
    }
    problem = null;
    const services = inner;
    unsubscribe = services.onChange((e) => {
      for (const l of listeners) l(e);
    });
    storeGuard(services.db).onChange(() => announce(['sync']));
    stopBackups = scheduleBackups({
      db: services.db,
      dataDir: opts.dataDir,
      intervalMs: opts.backupIntervalMs ?? DEFAULT_BACKUP_INTERVAL_MS,
      firstCheckMs: opts.firstBackupCheckMs,
      log,
      run: () => {
        const run = (async () => {
          const key = await opts.keyProvider.getKey();
          if (!key) return;
          let b;
          try {
            b = await createBackupInBackground(dbPath(opts.dataDir), key, opts.dataDir, { retention: opts.backupRetention ?? DEFAULT_BACKUP_RETENTION });
          } catch (err) {
            // A backup reads every page: a damaged one shows here first, and stops writes at once.
            if (services.db.open) storeGuard(services.db).note(err);
            throw err;
          }
          if (services.db.open) appendAudit(services.db, { actor: null, action: 'backup_created', detail: { name: b.name, bytes: b.bytes, ms: Math.round(b.ms), scheduled: true } });
        })();
        backupInFlight = run.catch(() => undefined);
        return run;
      },
    });
  }

  async function closeNormal(): Promise<void> {
    stopBackups?.();
    stopBackups = null;
    await backupInFlight;
    unsubscribe?.();
    unsubscribe = null;
    const services = inner;
    inner = null;
    if (services) await services.close();
  }

  /** The damage found while running, described like the one found at open. */
  const runtimeProblem = (): StartupProblemInfo | null => {
    const p = inner ? storeGuard(inner.db).problem : null;
    return p?.kind === 'corrupt' ? describeStartupFailure(new StoreError('corrupt', p.message)) : null;
  };
  const currentProblem = () => problem ?? runtimeProblem();

  const mode = (): SafeServices['mode'] => (inner ? 'normal' : problem?.recoverable ? 'recovery' : 'blocked');

  async function recover(choice: 'restore' | 'resync'): Promise<RecoveryResult> {
    const p = currentProblem();
    if (!p?.recoverable) throw new KoeError('conflict', 'The database is working; there is nothing to recover.');
    const actor = inner ? ((await inner.dispatch('session:get', {})) as Envelope<{ staff: { id: string } | null }>) : null;
    const actorId = actor?.ok ? (actor.value.staff?.id ?? null) : null;
    let backupFile: string | null = null;
    if (choice === 'restore') {
      const key = await opts.keyProvider.getKey();
      backupFile = key ? (newestGoodBackup(opts.dataDir, key)?.path ?? null) : null;
      if (!backupFile) throw new KoeError('not_found', 'There is no backup that opens with this workstation\'s key. Choose "Download everything again" instead.');
    }
    await closeNormal();
    let result: RecoveryResult;
    try {
      const r = backupFile
        ? await restoreFromBackup(backupFile, { dataDir: opts.dataDir, keys: opts.keyProvider, actor: actorId })
        : await resyncFromServer({ dataDir: opts.dataDir, keys: opts.keyProvider, actor: actorId });
      result = { choice: r.choice, carriedOver: r.carriedOver, lost: r.lost, keptAs: r.keptAs };
    } catch (err) {
      log(`recovery (${choice}) failed: ${(err as Error)?.stack ?? String(err)}`);
      problem = p;
      throw new KoeError('store_unavailable', `Koe could not ${choice === 'restore' ? 'restore the backup' : 'start a fresh database'}; the damaged file is unchanged. (${(err as Error).message})`);
    }
    await openNormal();
    announce(ALL_TOPICS);
    return result;
  }

  const status = (): SafetyStatus => {
    const latest = listBackups(opts.dataDir)[0];
    return {
      mode: problem ? (problem.recoverable ? 'recovery' : 'blocked') : 'ok',
      store: null,
      problem,
      latestBackup: latest ? { name: latest.name, createdAt: latest.createdAt, bytes: latest.bytes } : null,
    };
  };

  // While the data cannot be opened: the screens' calls answer, everything else says why not.
  const limitedHandlers = Object.fromEntries(
    Object.keys(contract).map((name) => [
      name,
      () => {
        throw new KoeError('store_unavailable', currentProblem()?.whatHappened.en ?? 'Koe cannot open its data.');
      },
    ]),
  ) as unknown as Handlers<typeof contract, CallerContext>;
  Object.assign(limitedHandlers, {
    'app:info': () => ({ version: opts.version ?? '0.0.0', demo: opts.demo, language: 'ja', timeZone: 'Asia/Tokyo' }),
    'settings:setLanguage': () => undefined,
    'session:get': () => ({ signedIn: false, staff: null, demo: opts.demo, expired: false }),
    'safety:status': status,
  });
  const limited = createDispatcher<typeof contract, CallerContext>(contract, limitedHandlers, { getCaller: () => null });

  /** One recovery at a time, and no call reaches a database that is being replaced. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = busy.then(fn, fn);
    busy = run.catch(() => undefined);
    return run;
  };

  async function dispatch(name: string, rawInput: unknown, door: CallerContext['door'] = 'harness'): Promise<Envelope<unknown>> {
    await busy;
    if (RECOVERY_CALLS.has(name)) {
      const p = currentProblem();
      if (name === 'safety:recoveryPlan') {
        if (!p?.recoverable) return { ok: true, value: null };
        try {
          return { ok: true, value: await recoveryPlan({ dataDir: opts.dataDir, keys: opts.keyProvider, problem: p, live: inner?.db ?? null }) };
        } catch (err) {
          log(`recovery plan failed: ${(err as Error)?.stack ?? String(err)}`);
          return { ok: false, error: { code: 'internal', message: 'Koe could not read what is left in the damaged file.' } };
        }
      }
      const parsed = recoveryChoice.safeParse(rawInput);
      if (!parsed.success) return { ok: false, error: { code: 'bad_request', message: 'Invalid request — choose "restore" or "resync" and confirm.' } };
      try {
        return { ok: true, value: await serial(() => recover(parsed.data.choice)) };
      } catch (err) {
        if (err instanceof KoeError) return { ok: false, error: { code: err.code, message: err.message } };
        log(`recovery failed: ${(err as Error)?.stack ?? String(err)}`);
        return { ok: false, error: { code: 'internal', message: 'Koe could not recover the database; nothing was deleted.' } };
      }
    }
    return inner ? inner.dispatch(name, rawInput, door) : limited(name, rawInput, { door });
  }

  await openNormal();

  return {
    get mode() {
      return mode();
    },
    dispatch,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get db() {
      if (!inner) throw new Error('the database is not open');
      return inner.db;
    },
    get runner() {
      if (!inner) throw new Error('the database is not open');
      return inner.runner;
    },
    async close() {
      await busy;
      listeners.clear();
      await closeNormal();
    },
  };
}
