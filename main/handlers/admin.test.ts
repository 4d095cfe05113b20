import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BuildFacts, UpdateStatus } from '../../shared/contract-admin.js';
import type { SyncStatus } from '../../shared/domain.js';
import type { AppFacts } from '../about/app-facts.js';
import { diagnosticsText, redactHome } from '../about/diagnostics.js';
import { parsePolicy } from '../policy/parse-policy.js';
import { EMPTY_POLICY, SETTING_NAMES, type Policy } from '../policy/policy-definition.js';
import { appendAudit } from '../store/audit.js';
import { applyEventItems } from '../store/ingest-events.js';
import { applySubmissionItems } from '../store/ingest-submissions.js';
import { kvSet, kvSetJson } from '../store/statements.js';
import { tempStore, wireSubmissionFixture, type TempStore } from '../test-support/temp-store.js';
import { applyAction } from '../triage/commands.js';
import { adminHandlers, diagnosticsFor, settingRows } from './admin.js';
import { USER_SETTINGS_KEY } from '../settings/user-settings.js';
import type { ServiceState } from './context.js';

let t: TempStore;
afterEach(() => t?.cleanup());

const build: BuildFacts = {
  appVersion: '0.3.1',
  signing: 'unsigned',
  fuses: 'release',
  builtAt: '2026-12-01T00:00:00.000Z',
  commit: '0123456789abcdef0123456789abcdef01234567',
  platform: 'linux',
  arch: 'x64',
  electron: '45.5.0',
  chrome: '142.0.0.0',
  node: '22.20.0',
};

function facts(policy: Policy, updates: UpdateStatus = { state: 'off', reason: 'unsigned' }): AppFacts {
  return {
    build: () => build,
    policy: async () => policy,
    updates: () => updates,
    checkForUpdates: async () => updates,
    installUpdate: vi.fn(() => ({ started: false as const, reason: 'send-in-flight' as const })),
  };
}

const syncStatus = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  phase: 'done',
  running: false,
  itemsDone: 0,
  itemsExpected: null,
  lastSyncAt: '2026-11-28T01:02:03.000Z',
  lastError: null,
  lastErrorCode: null,
  offline: false,
  pendingOutbox: 0,
  pendingTransfers: 0,
  pendingReplies: 0,
  quarantined: 0,
  indexPending: 0,
  ...over,
});

function state(db: TempStore['db'], status = syncStatus()): ServiceState {
  return { db, runner: { getStatus: () => status, sessionExpired: false }, version: '0.3.1' } as unknown as ServiceState;
}

const quiet = { warn: () => undefined };

describe('admin:settings', () => {
  it('shows every setting with its value, where it comes from and who locks it', async () => {
    t = tempStore();
    kvSetJson(t.db, USER_SETTINGS_KEY, { syncIntervalMinutes: 15, retentionDays: 90, allowBasicTextKeystore: true });
    const policy = parsePolicy({ retentionDays: 730, replyApproval: 'yes' }, '/etc/koe/policy.json', quiet);
    const rows = await adminHandlers(state(t.db), facts(policy))['admin:settings']({}, { door: 'ipc' });
    expect(rows.map((r) => r.name)).toEqual(SETTING_NAMES);
    const row = (name: string) => rows.find((r) => r.name === name)!;
    expect(row('retentionDays')).toMatchObject({ value: 730, source: 'policy', locked: true, lockedBy: '/etc/koe/policy.json', invalidInPolicy: false });
    expect(row('syncIntervalMinutes')).toMatchObject({ value: 15, source: 'user', locked: false, lockedBy: null });
    // An invalid policy value: the safe default, still locked by the policy.
    expect(row('replyApproval')).toMatchObject({ value: false, source: 'default', locked: true, lockedBy: '/etc/koe/policy.json', invalidInPolicy: true });
    // A setting only IT may set ignores the user's value.
    expect(row('allowBasicTextKeystore')).toMatchObject({ value: false, source: 'default', userSettable: false });
    expect(row('updateUrl').title).toEqual({ ja: '更新の配布元URL', en: 'Update feed URL' });
  });

  it('works without a policy and without user settings', () => {
    const rows = settingRows(EMPTY_POLICY, {});
    expect(rows.every((r) => r.source === 'default' && !r.locked && r.lockedBy === null)).toBe(true);
  });
});

describe('admin:about', () => {
  it('reports the build, the policy in force, the data dir and the last sync', async () => {
    t = tempStore();
    const policy = parsePolicy({ updateUrl: 'https://updates.example.go.jp/koe/', syncIntervalMinutes: 'x' }, 'HKLM\\Software\\Policies\\Koe', quiet);
    const about = await adminHandlers(state(t.db), facts(policy))['admin:about']({}, { door: 'ipc' });
    expect(about).toEqual({
      build,
      policy: { source: 'HKLM\\Software\\Policies\\Koe', settings: ['updateUrl'], invalid: ['syncIntervalMinutes'] },
      dataDir: t.dir,
      lastSyncAt: '2026-11-28T01:02:03.000Z',
      updates: { state: 'off', reason: 'unsigned' },
    });
  });

  it('hands the install request to the updater, which refuses during a send', async () => {
    t = tempStore();
    const f = facts(EMPTY_POLICY);
    expect(await adminHandlers(state(t.db), f)['admin:installUpdate']({}, { door: 'ipc' })).toEqual({ started: false, reason: 'send-in-flight' });
    expect(f.installUpdate).toHaveBeenCalled();
  });
});

describe('admin:diagnostics', () => {
  const CANARIES = {
    body: 'カナリア本文ZQ81',
    subject: 'カナリア件名ZQ82',
    email: 'canary.zq83@example.jp',
    note: 'canary-note-zq84',
    tag: 'canary-tag-zq85',
    staffName: 'Canary Staffname ZQ86',
    staffId: 'st-zq87',
    password: 'canary-password-zq88',
    wrappedKey: 'Q0FOQVJZLVdSQVBQRUQtS0VZLVpRODk=',
    serverError: 'S-CANARY-ZQ90 could not be saved',
    auditDetail: 'canary-audit-zq91',
  };

  function storeWithPersonalData(): TempStore {
    const store = tempStore();
    const s = wireSubmissionFixture({ body: CANARIES.body, subject: CANARIES.subject, email: CANARIES.email });
    applySubmissionItems(store.db, [s, wireSubmissionFixture()]);
    applyEventItems(store.db, [
      { id: 'ev-1', seq: 1, submission_id: s.id, type: 'note_added', payload: { text: CANARIES.note }, staff_id: CANARIES.staffId, created_at: '2026-11-28T10:00:00+09:00' },
    ]);
    applyAction(store.db, [s.id], { type: 'tag_added', tag: CANARIES.tag }, CANARIES.staffId);
    kvSetJson(store.db, 'session', { token: 'tok', staff: { id: CANARIES.staffId, name: CANARIES.staffName, role: 'staff' } });
    kvSetJson(store.db, 'credentials', { username: CANARIES.staffId, password: CANARIES.password });
    kvSet(store.db, 'last_sync_at', '2026-11-28T01:02:03.000Z');
    appendAudit(store.db, { actor: CANARIES.staffId, action: 'email_revealed', detail: { email: CANARIES.email, note: CANARIES.auditDetail } });
    fs.writeFileSync(path.join(store.dir, 'key.json'), JSON.stringify({ format: 'koe-wrapped-key', version: 1, backend: 'gnome-libsecret', wrapped: CANARIES.wrappedKey }));
    return store;
  }

  it('contains no personal data, only facts about the installation', async () => {
    t = storeWithPersonalData();
    const policy = parsePolicy({ officeApiUrl: 'https://opinions.example.go.jp/api', retentionDays: 730, replyApproval: 'maybe' }, '/etc/koe/policy.json', quiet);
    const home = path.dirname(t.dir);
    const text = await diagnosticsFor(state(t.db, syncStatus({ lastError: CANARIES.serverError, phase: 'failed' })), facts(policy, { state: 'ready', version: '0.4.0', releaseDate: null, releaseNotes: 'notes' }), {
      now: new Date('2026-12-02T03:04:05Z'),
      home,
      os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
    });

    for (const [what, canary] of Object.entries(CANARIES)) expect(text, `${what} leaked`).not.toContain(canary);
    expect(text).not.toContain(home);
    expect(text).not.toMatch(/citizen\d+@example\.jp/);

    expect(text).toContain('version: 0.3.1');
    expect(text).toContain('signature: UNSIGNED');
    expect(text).toContain(`data dir: ~${path.sep}${path.basename(t.dir)}`);
    expect(text).toContain('key store: gnome-libsecret');
    expect(text).toContain('opinions: 2');
    expect(text).toContain('last sync: 2026-11-28T01:02:03.000Z');
    expect(text).toContain('last sync failed');
    expect(text).toContain('updates: ready to install: 0.4.0');
    expect(text).toContain('source: /etc/koe/policy.json');
    expect(text).toContain('invalid (defaults apply): replyApproval');
    expect(text).toContain('retentionDays = 730 (policy, locked)');
    expect(text).toContain('officeApiUrl = https://opinions.example.go.jp/api (policy, locked)');
  });

  it('is the same text through the call', async () => {
    t = storeWithPersonalData();
    const { text } = await adminHandlers(state(t.db), facts(EMPTY_POLICY))['admin:diagnostics']({}, { door: 'ipc' });
    for (const canary of Object.values(CANARIES)) expect(text).not.toContain(canary);
    expect(text).toContain('Koe diagnostics');
  });
});

describe('redactHome', () => {
  it('replaces the home folder in either slash style', () => {
    expect(redactHome('C:\\Users\\sato\\AppData\\Local\\Koe and C:/Users/sato/x', 'C:\\Users\\sato')).toBe('~\\AppData\\Local\\Koe and ~/x');
    expect(redactHome('/home/sato/.local/share/koe', '/home/sato')).toBe('~/.local/share/koe');
    expect(redactHome('/home/sato', null)).toBe('/home/sato');
  });

  it('applies to the whole text', () => {
    const text = diagnosticsText({
      generatedAt: 'now',
      build: { ...build, signing: 'signed' },
      os: { platform: 'win32', release: '10.0.26100', arch: 'x64' },
      dataDir: 'C:\\Users\\sato\\AppData\\Local\\Koe',
      home: 'C:\\Users\\sato',
      keyStore: 'dpapi',
      policy: { source: null, settings: [], invalid: [] },
      settings: settingRows(parsePolicy({ dataDirectory: 'C:\\Users\\sato\\KoeData' }, 'test', quiet), {}),
      store: null,
      sync: { lastSyncAt: null, phase: 'idle', running: false, offline: true, failing: false, sessionExpired: true },
      updates: { state: 'up-to-date' },
    });
    expect(text).not.toContain('sato');
    expect(text).toContain('signature: signed');
    expect(text).toContain('dataDirectory = ~\\KoeData (policy, locked)');
    expect(text).toContain('state: idle, offline, session expired');
  });
});
