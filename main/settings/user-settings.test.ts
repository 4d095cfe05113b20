// The settings an administrator changes on the settings screen: checked against the setting's
// schema and the policy, saved in the encrypted store, audited, and applied at once.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingRow } from '../../shared/contract-admin.js';
import type { Envelope } from '../../shared/contract-kit.js';
import { KeyFileProvider } from '../keys/key-file.js';
import type { Policy } from '../policy/policy-definition.js';
import { openServices } from '../services.js';
import { startSimulator } from '../simulator/server.js';
import { listAudit } from '../store/audit.js';
import { kvSetJson } from '../store/statements.js';
import { tempDir, tempStore, type TempStore } from '../test-support/temp-store.js';
import { effectiveSettings, NO_POLICY, readUserSettings, setUserSetting, USER_SETTINGS_KEY } from './user-settings.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
function store(): TempStore {
  const t = tempStore();
  cleanups.push(() => t.cleanup());
  return t;
}
const lockedBy = (values: Policy['values'], invalid: Policy['invalid'] = []): Policy => ({ source: '/etc/koe/policy.json', values, invalid });

describe('setUserSetting', () => {
  it('saves a valid value, which then decides, and null goes back to the default', () => {
    const t = store();
    expect(setUserSetting(t.db, NO_POLICY, 'retentionDays', 90)).toEqual({ from: 365, to: 90 });
    expect(effectiveSettings(t.db, NO_POLICY).retentionDays).toEqual({ value: 90, locked: false, source: 'user' });
    expect(setUserSetting(t.db, NO_POLICY, 'syncIntervalMinutes', 15)).toEqual({ from: 5, to: 15 });
    expect(readUserSettings(t.db)).toEqual({ retentionDays: 90, syncIntervalMinutes: 15 });
    expect(setUserSetting(t.db, NO_POLICY, 'retentionDays', null)).toEqual({ from: 90, to: 365 });
    expect(readUserSettings(t.db)).toEqual({ syncIntervalMinutes: 15 });
  });

  it('refuses a value the setting does not allow, and keeps what was saved', () => {
    const t = store();
    setUserSetting(t.db, NO_POLICY, 'suppressionThreshold', 8);
    for (const bad of [0, 1.5, -3, 1001, '10', true]) {
      expect(() => setUserSetting(t.db, NO_POLICY, 'suppressionThreshold', bad)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    }
    expect(readUserSettings(t.db)).toEqual({ suppressionThreshold: 8 });
  });

  it('refuses a setting the policy decides, one this screen does not change, and one that does not exist', () => {
    const t = store();
    expect(() => setUserSetting(t.db, lockedBy({ retentionDays: 30 }), 'retentionDays', 90)).toThrow(
      expect.objectContaining({ code: 'forbidden', message: expect.stringContaining('/etc/koe/policy.json') }),
    );
    // A policy that named it with a bad value locks it to the default just the same.
    expect(() => setUserSetting(t.db, lockedBy({}, ['syncIntervalMinutes']), 'syncIntervalMinutes', 10)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => setUserSetting(t.db, NO_POLICY, 'officeApiUrl', 'https://elsewhere.example')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => setUserSetting(t.db, NO_POLICY, 'allowBasicTextKeystore', true)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => setUserSetting(t.db, NO_POLICY, '__proto__', 1)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(readUserSettings(t.db)).toEqual({});
  });

  it('a damaged saved value counts as nothing saved, and a change replaces it', () => {
    const t = store();
    kvSetJson(t.db, USER_SETTINGS_KEY, 'not an object');
    expect(effectiveSettings(t.db, NO_POLICY).retentionDays.source).toBe('default');
    setUserSetting(t.db, NO_POLICY, 'retentionDays', 200);
    expect(readUserSettings(t.db)).toEqual({ retentionDays: 200 });
  });
});

describe('admin:setSetting through the services', () => {
  async function workstation(username: string) {
    const sim = await startSimulator({ port: 0, count: 200, seed: 2 });
    cleanups.push(() => sim.close());
    const dir = tempDir('koe-settings-');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const services = await openServices({ dataDir: join(dir, 'data'), keyProvider: new KeyFileProvider(join(dir, 'key')), apiUrl: sim.url, demo: true, log: () => undefined });
    cleanups.push(() => services.close());
    expect((await services.dispatch('session:signIn', { username, password: 'koe-demo' })).ok).toBe(true);
    return services;
  }

  it('an administrator changes the sync interval: the schedule follows at once, the screen shows it, the audit log has it', async () => {
    const services = await workstation('ito');
    expect(services.runner.scheduleMs).toBe(5 * 60_000);
    const r = (await services.dispatch('admin:setSetting', { name: 'syncIntervalMinutes', value: 30 })) as Envelope<SettingRow[]>;
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.find((row) => row.name === 'syncIntervalMinutes')).toMatchObject({ value: 30, source: 'user', editable: true });
    expect(r.value.find((row) => row.name === 'officeApiUrl')).toMatchObject({ editable: false });
    expect(services.runner.scheduleMs).toBe(30 * 60_000);
    expect(listAudit(services.db, 5).find((a) => a.action === 'setting_changed')).toMatchObject({ actor: 'st-006' });
    expect(JSON.parse(listAudit(services.db, 5).find((a) => a.action === 'setting_changed')!.detail)).toEqual({ name: 'syncIntervalMinutes', from: 5, to: 30 });

    const bad = await services.dispatch('admin:setSetting', { name: 'syncIntervalMinutes', value: 0 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(services.runner.scheduleMs).toBe(30 * 60_000);
  });

  it('a shorter retention applies at the next sync: older opinions are deleted', async () => {
    const services = await workstation('ito');
    await services.runner.syncNow();
    const older = () => (services.db.prepare(`SELECT count(*) AS n FROM submissions WHERE received_at < ?`).get(new Date(Date.now() - 31 * 86_400_000).toISOString()) as { n: number }).n;
    expect(older()).toBeGreaterThan(0);
    expect((await services.dispatch('admin:setSetting', { name: 'retentionDays', value: 30 })).ok).toBe(true);
    await services.runner.syncNow();
    expect(older()).toBe(0);
    expect(listAudit(services.db, 10).some((a) => a.action === 'retention_purge' && JSON.parse(a.detail).retentionDays === 30)).toBe(true);
  });

  it('a staff member cannot change a setting, and the refusal is logged', async () => {
    const services = await workstation('sato');
    const r = await services.dispatch('admin:setSetting', { name: 'retentionDays', value: 3650 });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(readUserSettings(services.db)).toEqual({});
    expect(listAudit(services.db, 5).some((a) => a.action === 'role_refused' || a.detail.includes('admin:setSetting'))).toBe(true);
  });
});
