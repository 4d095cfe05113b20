// Restore and resync: the backup is checked first, the current database is kept aside (never
// deleted), the unsent work and the audit entries made since the backup are carried over, and
// the change is in the audit log. A bad backup or a database in use changes nothing.
import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../store/audit.js';
import { openDatabase } from '../store/db.js';
import { openStore } from '../store/open-store.js';
import { createBackup } from './backup.js';
import { restoreFromBackup, resyncFromServer } from './restore.js';
import { act, audit, flipBytes, hashTree, outboxIds, seededStore, tagsOf, type SeededStore } from './testing/seeded-store.js';

let s: SeededStore;
afterEach(() => {
  if (s?.db.open) s.db.close();
  if (s) rmSync(s.dir, { recursive: true, force: true });
});

describe('restore', () => {
  it('round-trips: the backup comes back, later unsent work and audit entries are carried over', async () => {
    s = await seededStore();
    const before = act(s.db, s.ids[1], 'before-backup');
    audit(s.db, 'email_revealed', { submission_id: s.ids[1] });
    const backup = createBackup(s.db, s.dataDir);
    // After the backup: a new submission (comes back at the next sync), unsent work, an audit entry.
    s.db.prepare("UPDATE submissions SET subject = 'changed after the backup' WHERE id = ?").run(s.ids[2]);
    const after = act(s.db, s.ids[3], 'after-backup');
    audit(s.db, 'email_revealed', { submission_id: s.ids[3] });
    s.db.close();

    const r = await restoreFromBackup(backup.path, { dataDir: s.dataDir, keys: s.keys, actor: 'st-005' });
    expect(r.carriedOver).toBe(1);
    expect(r.lost).toEqual([]);
    expect(r.keptAs).toMatch(/^set-aside\/.+-before-restore$/);
    expect(r.backup).toMatchObject({ submissions: 30, pendingItems: 1 });

    const db = await s.reopen();
    expect(db.prepare('SELECT subject FROM submissions WHERE id = ?').pluck().get(s.ids[2])).toBeNull();
    expect(outboxIds(db)).toEqual([before, after]);
    expect(tagsOf(db, s.ids[3])).toContain('after-backup');
    const actions = listAudit(db, 10).map((e) => e.action);
    expect(actions[0]).toBe('database_restored');
    expect(actions.filter((a) => a === 'email_revealed')).toHaveLength(2);
    expect(verifyAudit(db)).toMatchObject({ ok: true });
    // The previous database is kept whole and still opens.
    const kept = join(s.dataDir, r.keptAs, 'koe.db');
    const old = openDatabase({ path: kept, key: (await s.keys.getKey())!, readonly: true });
    expect(old.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(old.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(2);
    expect(old.prepare('SELECT subject FROM submissions WHERE id = ?').pluck().get(s.ids[2])).toBe('changed after the backup');
    old.close();
  });

  it('refuses a damaged backup and changes nothing', async () => {
    s = await seededStore({ submissions: 300 });
    const backup = createBackup(s.db, s.dataDir);
    s.db.close();
    const bad = join(s.dir, 'bad.kbak');
    copyFileSync(backup.path, bad);
    flipBytes(bad, Math.floor(readFileSync(bad).length / 2), 64);
    const before = hashTree(s.dataDir);
    await expect(restoreFromBackup(bad, { dataDir: s.dataDir, keys: s.keys, actor: null })).rejects.toThrow(/damaged/);
    expect(hashTree(s.dataDir)).toEqual(before);
  });

  it('refuses while Koe has the database open, changing nothing', async () => {
    s = await seededStore();
    const backup = createBackup(s.db, s.dataDir);
    s.db.prepare('SELECT count(*) FROM submissions').get();
    await expect(restoreFromBackup(backup.path, { dataDir: s.dataDir, keys: s.keys, actor: null })).rejects.toThrow(/close it first/);
    expect(readdirSync(s.dataDir)).not.toContain('set-aside');
    expect(s.db.prepare('SELECT count(*) FROM submissions').pluck().get()).toBe(30);
  });
});

describe('resync', () => {
  it('starts an empty database, keeps the old one aside and carries the unsent work over', async () => {
    s = await seededStore();
    const pending = [act(s.db, s.ids[0], 'keep-me'), act(s.db, s.ids[4], 'me-too')];
    audit(s.db, 'audit_exported', { entries: 1 });
    s.db.close();
    const r = await resyncFromServer({ dataDir: s.dataDir, keys: s.keys, actor: 'st-005' });
    expect(r).toMatchObject({ choice: 'resync', carriedOver: 2, lost: [] });
    const db = await openStore(s.dataDir, s.keys);
    s.db = db;
    expect(db.prepare('SELECT count(*) FROM submissions').pluck().get()).toBe(0);
    expect(outboxIds(db)).toEqual(pending);
    expect(listAudit(db, 5).map((e) => e.action)).toEqual(['database_resynced', 'audit_exported']);
    expect(verifyAudit(db).ok).toBe(true);
    expect(readdirSync(join(s.dataDir, 'set-aside'))).toHaveLength(1);
  });
});
