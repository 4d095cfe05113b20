// Gives the admin calls (About, settings, diagnostics, updates) the packaged app's facts: its
// build info, the policy in force and the updater. Electron-facing and thin: the decisions are
// in ../about and ../updates, tested under Node.
import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import { configureAppFacts } from '../about/app-facts.js';
import { buildFacts, readBuildInfo } from '../about/build-info.js';
import { readUserSettings } from '../settings/user-settings.js';
import type { Policy } from '../policy/policy-definition.js';
import { resolveSettings } from '../policy/resolve-settings.js';
import type { Db } from '../store/db.js';
import type { SyncRunner } from '../sync/runner.js';
import { decideUpdates, detectInstallKind, publisherNamesFromUpdateConfig } from '../updates/policy.js';
import { anySendInFlight, storeSendActivity, type SendActivity } from '../updates/send-activity.js';
import { startUpdates, type AutoUpdaterLike } from './updates.js';

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * `services` is read at each use: on the recovery screen the database is not open (its getters
 * throw), and after a recovery it is a new one.
 */
export async function startAbout(opts: { policy: Policy; services: { readonly db: Db; readonly runner: SyncRunner }; log(message: string): void }): Promise<{ stop(): void }> {
  const build = buildFacts(readBuildInfo(app.getAppPath()), { packaged: app.isPackaged, appVersion: app.getVersion() });
  let stored: Record<string, unknown> = {};
  try {
    stored = readUserSettings(opts.services.db);
  } catch {
    // The database is not open (recovery screen): the policy and the defaults decide.
  }
  const settings = resolveSettings(opts.policy, stored, { warn: opts.log });
  const resources = process.resourcesPath ?? '';
  const decision = decideUpdates({
    packaged: app.isPackaged,
    platform: process.platform,
    signing: build.signing,
    installKind: detectInstallKind({
      platform: process.platform,
      exeDir: path.dirname(app.getPath('exe')),
      productName: app.getName(),
      env: process.env,
      exists: (file) => fs.existsSync(file),
      readText,
      resourcesPath: resources,
    }),
    updatesEnabled: settings.updatesEnabled,
    updateUrl: settings.updateUrl.value,
    publisherNames: publisherNamesFromUpdateConfig(readText(path.join(resources, 'app-update.yml'))),
  });

  // What answers "is something being sent?": every outbox in the store, and the sync runner
  // while it pushes. The mail and transfer senders may add their own answers here. With the
  // database closed (recovery screen) nothing can be sending.
  const whileOpen = (ask: () => boolean) => () => {
    try {
      return ask();
    } catch {
      return false;
    }
  };
  const sends: SendActivity[] = [
    { isSendInFlight: whileOpen(() => storeSendActivity(opts.services.db).isSendInFlight()) },
    { isSendInFlight: whileOpen(() => ((s) => s.running && s.phase === 'pushing')(opts.services.runner.getStatus())) },
  ];
  const updater = decision.enabled ? ((await import('electron-updater')).default.autoUpdater as unknown as AutoUpdaterLike) : null;
  const updates = startUpdates({
    decision,
    updater: () => updater!,
    isSendInFlight: () => anySendInFlight(sends),
    log: opts.log,
  });

  configureAppFacts({
    build: () => build,
    policy: async () => opts.policy,
    updates: () => updates.status(),
    checkForUpdates: () => updates.check(),
    installUpdate: () => updates.install(),
  });
  return { stop: () => updates.stop() };
}
