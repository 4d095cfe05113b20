// The safety calls through the dispatcher, with roles enforced in main: backups for any signed-in
// staff member, the audit log's check and export for supervisors, key rotation for admins.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/contract-kit.js';
import type { AuditExportOutcome, AuditVerifyResult, BackupInfo, SafetyStatus } from '../../shared/contract-safety.js';
import type { AuditEntry } from '../../shared/contract.js';
import { KeyFileProvider } from '../keys/key-file.js';
import { openDatabase } from '../store/db.js';
import { openServices, type Services } from '../services.js';
import { startSimulator } from '../simulator/server.js';
import { tempDir } from '../test-support/temp-store.js';
import type { SaveDialog } from './save-dialog.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function signedIn(username: string, saveDialog?: SaveDialog) {
  const sim = await startSimulator({ port: 0, count: 20, seed: 2 });
  cleanups.push(() => sim.close());
  const dir = tempDir('koe-safety-handlers-');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const keyFile = join(dir, 'db.key');
  const services = await openServices({ dataDir: join(dir, 'data'), keyProvider: new KeyFileProvider(keyFile), apiUrl: sim.url, demo: false, syncIntervalMs: 0, saveDialog, log: () => undefined });
  cleanups.push(() => services.close());
  expect((await services.dispatch('session:signIn', { username, password: 'koe-demo' })).ok).toBe(true);
  await services.runner.syncNow();
  return { services, dir, keyFile };
}
const value = async <T>(p: Promise<Envelope<unknown>>): Promise<T> => {
  const e = await p;
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
  return e.value as T;
};
/** The newest entry before this look (audit:list logs the look itself first). */
const lastAudit = async (services: Services) => (await value<AuditEntry[]>(services.dispatch('audit:list', { limit: 2 })))[1];

describe('safety calls', () => {
  it('a staff member can back up, but not export the audit log or rotate the key (refusals are logged)', async () => {
    const { services } = await signedIn('sato');
    const b = await value<BackupInfo>(services.dispatch('safety:backupNow', {}));
    expect(b.name).toMatch(/^koe-\d{8}T\d{9}Z\.kbak$/);
    expect(await value<SafetyStatus>(services.dispatch('safety:status', {}))).toMatchObject({ mode: 'ok', latestBackup: { name: b.name } });
    for (const call of ['audit:export', 'audit:verify', 'safety:rekey', 'safety:backups']) {
      expect(await services.dispatch(call, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const refusals = services.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'role_refused'").pluck().get();
    expect(refusals).toBe(4);
  });

  it('a supervisor verifies and exports the audit log; both are logged', async () => {
    const { services } = await signedIn('tanaka');
    await value(services.dispatch('safety:backupNow', {}));
    expect(await value<BackupInfo[]>(services.dispatch('safety:backups', {}))).toHaveLength(1);
    const v = await value<AuditVerifyResult>(services.dispatch('audit:verify', {}));
    expect(v).toMatchObject({ ok: true, problem: null });
    expect(await lastAudit(services)).toMatchObject({ action: 'audit_verified', actor: 'st-004' });
    // Through the harness the file comes back as a download.
    const out = await value<AuditExportOutcome>(services.dispatch('audit:export', {}));
    if (out.outcome !== 'download') throw new Error(`expected a download, got ${out.outcome}`);
    expect(out.fileName).toMatch(/^koe-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = Buffer.from(out.base64, 'base64').toString('utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(out.entries + 1);
    expect(csv).toContain('backup_created');
    expect((await lastAudit(services)).action).toBe('audit_exported');
    expect(await services.dispatch('safety:rekey', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('in the app, the audit log is saved where the supervisor chooses; cancelling writes no entry', async () => {
    let choice: string | null = null;
    const { services, dir } = await signedIn('tanaka', { choosePath: async () => choice });
    const count = () => services.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'audit_exported'").pluck().get();
    expect(await value(services.dispatch('audit:export', {}, 'ipc'))).toMatchObject({ outcome: 'cancelled' });
    expect(count()).toBe(0);
    choice = join(dir, 'audit.csv');
    const saved = await value<AuditExportOutcome>(services.dispatch('audit:export', {}, 'ipc'));
    expect(saved).toMatchObject({ outcome: 'saved' });
    expect(count()).toBe(1);
    const lines = readFileSync(choice, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(saved.entries + 1);
  });

  it('an admin rotates the key from the app; the workstation keeps working', async () => {
    const { services, dir, keyFile } = await signedIn('ito');
    const before = readFileSync(keyFile, 'utf8');
    // A count first: the count worker has its connection open, as in a workstation in use.
    const counted = await value<{ count: number }>(services.dispatch('inbox:count', { filter: {} }));
    const r = await value<{ ms: number; backupsRekeyed: number }>(services.dispatch('safety:rekey', {}));
    expect(r.ms).toBeGreaterThan(0);
    expect(readFileSync(keyFile, 'utf8')).not.toBe(before);
    expect((await lastAudit(services)).action).toBe('rekey');
    expect((await services.dispatch('inbox:list', { limit: 5 })).ok).toBe(true);
    // Counts go on, on a worker opened with the new key.
    expect(await value<{ count: number }>(services.dispatch('inbox:count', { filter: {} }))).toEqual(counted);
    await services.close();
    const oldKey = Buffer.from(before.trim(), 'hex');
    expect(() => openDatabase({ path: join(dir, 'data', 'koe.db'), key: oldKey, readonly: true })).toThrow(/wrong key/);
  });

  it('recovery calls say there is nothing to recover while the database works', async () => {
    const { services } = await signedIn('sato');
    expect(await value(services.dispatch('safety:recoveryPlan', {}))).toBeNull();
    expect(await services.dispatch('safety:recover', { choice: 'resync', confirmed: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
