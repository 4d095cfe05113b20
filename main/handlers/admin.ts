// The About box, the settings screen, diagnostics and updates. Facts about the build, the policy
// and the updater come from ../about/app-facts.ts; everything else from the store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AboutInfo, PolicyFacts, SettingRow, SettingValue } from '../../shared/contract-admin.js';
import type { SyncStatus } from '../../shared/domain.js';
import { appFacts, type AppFacts } from '../about/app-facts.js';
import { diagnosticsText, type StoreCounts } from '../about/diagnostics.js';
import { SETTING_NAMES, SETTINGS, type Policy } from '../policy/policy-definition.js';
import { resolveSettings } from '../policy/resolve-settings.js';
import type { Db } from '../store/db.js';
import { schemaVersion } from '../store/migrations/index.js';
import { quarantineCount } from '../store/quarantine.js';
import { indexPendingCount } from '../store/search-index.js';
import { isEditable, readUserSettings, setUserSetting } from '../settings/user-settings.js';
import { appendAudit } from '../store/audit.js';
import type { HandlerGroup, ServiceState } from './context.js';

export function dataDirOf(db: Db): string {
  return path.dirname(db.name);
}

export function policyFacts(policy: Policy): PolicyFacts {
  return { source: policy.source, settings: Object.keys(policy.values), invalid: [...policy.invalid] };
}

export function settingRows(policy: Policy, userSettings: Record<string, unknown>): SettingRow[] {
  const resolved = resolveSettings(policy, userSettings);
  return SETTING_NAMES.map((name) => {
    const r = resolved[name];
    return {
      name,
      title: SETTINGS[name].title,
      description: SETTINGS[name].description,
      value: r.value as SettingValue,
      source: r.source,
      locked: r.locked,
      lockedBy: r.locked ? policy.source : null,
      invalidInPolicy: policy.invalid.includes(name),
      userSettable: SETTINGS[name].userSettable,
      kind: SETTINGS[name].kind,
      editable: isEditable(name, policy),
    };
  });
}

/** Counts only: how much there is, never what. */
export function storeCounts(db: Db): StoreCounts {
  const count = (table: string, where = '') => (db.prepare(`SELECT count(*) AS n FROM "${table}" ${where}`).get() as { n: number }).n;
  const outboxes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_outbox' ESCAPE '\\' ORDER BY name`).all() as { name: string }[])
    .map((t) => t.name)
    .filter((name) => /^[a-z_]+$/.test(name));
  let databaseBytes: number | null = null;
  try {
    databaseBytes = fs.statSync(db.name).size;
  } catch {
    // A memory database in tests, or a file being replaced: the size is not essential.
  }
  return {
    schemaVersion: schemaVersion(db),
    submissions: count('submissions'),
    pendingEvents: count('outbox'),
    otherOutboxes: Object.fromEntries(outboxes.map((name) => [name, count(name)])),
    quarantined: quarantineCount(db),
    indexPending: indexPendingCount(db),
    databaseBytes,
  };
}

/** The name of the OS store that wraps the database key, from the key file (never the key). */
export function keyStoreName(dataDir: string): string | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, 'key.json'), 'utf8')) as { backend?: unknown };
    return typeof parsed.backend === 'string' && /^[\w-]{1,64}$/.test(parsed.backend) ? parsed.backend : null;
  } catch {
    return null;
  }
}

export async function diagnosticsFor(
  s: Pick<ServiceState, 'db'> & { runner: { getStatus(): SyncStatus; sessionExpired: boolean } },
  facts: AppFacts,
  opts: { now?: Date; home?: string | null; os?: { platform: string; release: string; arch: string } } = {},
): Promise<string> {
  const policy = await facts.policy();
  const dataDir = dataDirOf(s.db);
  const status = s.runner.getStatus();
  return diagnosticsText({
    generatedAt: (opts.now ?? new Date()).toISOString(),
    build: facts.build(),
    os: opts.os ?? { platform: process.platform, release: os.release(), arch: process.arch },
    dataDir,
    home: opts.home === undefined ? os.homedir() : opts.home,
    keyStore: keyStoreName(dataDir),
    policy: policyFacts(policy),
    settings: settingRows(policy, readUserSettings(s.db)),
    store: storeCounts(s.db),
    sync: {
      lastSyncAt: status.lastSyncAt,
      phase: status.phase,
      running: status.running,
      offline: status.offline,
      failing: status.lastError !== null,
      sessionExpired: s.runner.sessionExpired,
    },
    updates: facts.updates(),
  });
}

export function adminHandlers(
  s: ServiceState,
  /** Fixed facts for tests; otherwise whatever the app configured when the call is made. */
  fixed?: AppFacts,
): HandlerGroup<'admin:about' | 'admin:settings' | 'admin:setSetting' | 'admin:diagnostics' | 'admin:checkForUpdates' | 'admin:installUpdate'> {
  const facts = () => fixed ?? appFacts(() => s.version);
  return {
    'admin:about': async (): Promise<AboutInfo> => ({
      build: facts().build(),
      policy: policyFacts(await facts().policy()),
      dataDir: dataDirOf(s.db),
      lastSyncAt: s.runner.getStatus().lastSyncAt,
      updates: facts().updates(),
    }),
    'admin:settings': async () => settingRows(await facts().policy(), readUserSettings(s.db)),
    'admin:setSetting': async ({ name, value }) => {
      const policy = await facts().policy();
      const change = setUserSetting(s.db, policy, name, value);
      appendAudit(s.db, { actor: s.staff()?.id ?? null, action: 'setting_changed', detail: { name, ...change } });
      s.settingsChanged?.();
      s.emit(['settings', 'audit']);
      return settingRows(policy, readUserSettings(s.db));
    },
    'admin:diagnostics': async () => ({ text: await diagnosticsFor(s, facts()) }),
    'admin:checkForUpdates': () => facts().checkForUpdates(),
    'admin:installUpdate': () => facts().installUpdate(),
  };
}
