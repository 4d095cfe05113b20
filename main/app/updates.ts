// electron-updater wired to Koe's decisions (../updates/policy.ts), kept thin. Updates are
// downloaded in the background from IT's feed and verified by electron-updater (sha512; the
// publisher's signature on Windows); they install only when the staff member, having seen the
// release notes, asks for it — never on quit, and never while a send is in flight.
import type { InstallUpdateResult, UpdateStatus } from '../../shared/contract-admin.js';
import { CHECK_INTERVAL_MS, FIRST_CHECK_DELAY_MS, installDecision, releaseNotesText, type UpdateDecision } from '../updates/policy.js';

interface UpdateInfoLike {
  version: string;
  releaseDate?: string | null;
  releaseNotes?: string | readonly { version: string; note?: string | null }[] | null;
}

/** The parts of electron-updater's AppUpdater used here (a fake in tests). */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  logger: { info(m: unknown): void; warn(m: unknown): void; error(m: unknown): void } | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-available', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'update-not-available', listener: () => void): unknown;
  on(event: 'download-progress', listener: (p: { percent: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface Updates {
  status(): UpdateStatus;
  check(): Promise<UpdateStatus>;
  install(): InstallUpdateResult;
  stop(): void;
}

export interface UpdatesOptions {
  decision: UpdateDecision;
  /** Only touched when updates are enabled: electron-updater needs a packaged app. */
  updater: () => AutoUpdaterLike;
  isSendInFlight(): boolean;
  log(message: string): void;
  onStatus?(status: UpdateStatus): void;
  timers?: { setTimeout: typeof setTimeout; setInterval: typeof setInterval; clearTimeout: typeof clearTimeout; clearInterval: typeof clearInterval };
}

export function startUpdates(opts: UpdatesOptions): Updates {
  const { decision } = opts;
  if (!decision.enabled) {
    const off: UpdateStatus = { state: 'off', reason: decision.reason };
    opts.log(`updates are off (${decision.reason})`);
    return { status: () => off, check: async () => off, install: () => ({ started: false, reason: 'not-ready' }), stop: () => undefined };
  }

  const timers = opts.timers ?? { setTimeout, setInterval, clearTimeout, clearInterval };
  const updater = opts.updater();
  let status: UpdateStatus = { state: 'idle' };
  const set = (next: UpdateStatus) => {
    status = next;
    opts.onStatus?.(next);
  };

  updater.autoDownload = true;
  // Installing on quit would skip both the release notes and the send check.
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  updater.logger = {
    info: () => undefined,
    warn: (m) => opts.log(`updates: ${String(m)}`),
    error: (m) => opts.log(`updates: ${String(m)}`),
  };
  updater.setFeedURL({ provider: 'generic', url: decision.feedUrl });

  updater.on('checking-for-update', () => {
    if (status.state !== 'ready' && status.state !== 'downloading') set({ state: 'checking' });
  });
  updater.on('update-not-available', () => {
    if (status.state !== 'ready') set({ state: 'up-to-date' });
  });
  updater.on('update-available', (info) => set({ state: 'downloading', version: info.version, percent: 0 }));
  updater.on('download-progress', (p) => {
    if (status.state === 'downloading') set({ ...status, percent: Math.max(0, Math.min(100, Math.round(p.percent))) });
  });
  updater.on('update-downloaded', (info) =>
    set({ state: 'ready', version: info.version, releaseDate: info.releaseDate ?? null, releaseNotes: releaseNotesText(info.releaseNotes) }),
  );
  updater.on('error', (error) => {
    opts.log(`update failed: ${error.message}`);
    // A ready update stays ready; a failed check or download is reported.
    if (status.state !== 'ready') set({ state: 'error', message: error.message.split('\n')[0].slice(0, 300) });
  });

  const check = async (): Promise<UpdateStatus> => {
    if (status.state === 'ready' || status.state === 'downloading') return status;
    try {
      await updater.checkForUpdates();
    } catch {
      // Reported through the 'error' event.
    }
    return status;
  };
  const first = timers.setTimeout(() => void check(), FIRST_CHECK_DELAY_MS);
  const every = timers.setInterval(() => void check(), CHECK_INTERVAL_MS);

  return {
    status: () => status,
    check,
    install() {
      const result = installDecision({ ready: status.state === 'ready', sendInFlight: opts.isSendInFlight() });
      if (result.started) {
        opts.log(`installing update ${(status as { version: string }).version}`);
        // Not silent: a per-machine install may ask for an administrator; Koe starts again after.
        updater.quitAndInstall(false, true);
      }
      return result;
    },
    stop() {
      timers.clearTimeout(first);
      timers.clearInterval(every);
    },
  };
}
