import { afterEach, describe, expect, it } from 'vitest';
import { type openDatabase } from '../db.js';
import { databaseAtSchema, tempStore, type TempStore } from '../../test-support/temp-store.js';
import { MIGRATIONS, runMigrations } from './index.js';

let t: TempStore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

const insertTransfer = (db: ReturnType<typeof openDatabase>, id: string, ministry: string, ids: string[], status: string, seq: number, reason: string | null = null) =>
  db
    .prepare(`INSERT INTO transfers(id, seq, ministry, submission_ids, note, include_contact, status, reason, created_by, created_at, updated_at)
              VALUES (?, ?, ?, ?, '', 0, ?, ?, 'st-001', '2026-11-28T09:00:00+09:00', '2026-11-28T10:00:00+09:00')
              ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, status = excluded.status, reason = excluded.reason`)
    .run(id, seq, ministry, JSON.stringify(ids), status, reason);
const items = (db: ReturnType<typeof openDatabase>) =>
  db.prepare('SELECT transfer_id, submission_id, ministry, status FROM transfer_items ORDER BY transfer_id, submission_id').all();

describe('migration 2 (transfers)', () => {
  it('fills transfer_items from transfers already held, then keeps it equal on insert, update and delete', () => {
    t = tempStore();
    const db = databaseAtSchema(t, 1);
    insertTransfer(db, 'T1', 'mhlw', ['S-1', 'S-2'], 'accepted', 1);
    runMigrations(db, MIGRATIONS.slice(0, 2));
    expect(items(db)).toEqual([
      { transfer_id: 'T1', submission_id: 'S-1', ministry: 'mhlw', status: 'accepted' },
      { transfer_id: 'T1', submission_id: 'S-2', ministry: 'mhlw', status: 'accepted' },
    ]);
    insertTransfer(db, 'T2', 'cfa', ['S-3'], 'submitted', 2);
    insertTransfer(db, 'T2', 'cfa', ['S-3'], 'returned', 3, '所管外');
    expect(items(db)).toHaveLength(3);
    expect(db.prepare("SELECT status FROM transfer_items WHERE transfer_id = 'T2'").get()).toEqual({ status: 'returned' });
    db.prepare("DELETE FROM transfers WHERE id = 'T1'").run();
    expect(items(db)).toEqual([{ transfer_id: 'T2', submission_id: 'S-3', ministry: 'cfa', status: 'returned' }]);
    db.close();
  });

  it('flags an item returned only while it is still marked for that ministry and not transferred to it again', () => {
    t = tempStore();
    const db = t.db;
    const returned = () => db.prepare('SELECT submission_id, ministry, transfer_id, reason FROM transfer_returned ORDER BY submission_id').all();
    insertTransfer(db, 'T1', 'cfa', ['S-1', 'S-2'], 'returned', 1, '所管外');
    expect(returned()).toEqual([]);
    db.prepare("INSERT INTO submission_marks(submission_id, ministry, note) VALUES ('S-1', 'cfa', NULL), ('S-2', 'mhlw', NULL)").run();
    expect(returned()).toEqual([{ submission_id: 'S-1', ministry: 'cfa', transfer_id: 'T1', reason: '所管外' }]);
    // Returned twice: only the latest return shows.
    insertTransfer(db, 'T2', 'cfa', ['S-1'], 'returned', 2, '重複');
    expect(returned()).toEqual([{ submission_id: 'S-1', ministry: 'cfa', transfer_id: 'T2', reason: '重複' }]);
    // Sent again and not (yet) returned: transferred.
    insertTransfer(db, 'T3', 'cfa', ['S-1'], 'submitted', 3);
    expect(returned()).toEqual([]);
  });

  it('seeds the theme suggestions and answers the hot lookups from indexes', () => {
    t = tempStore();
    const map = Object.fromEntries((t.db.prepare('SELECT theme, ministry FROM transfer_theme_map').all() as { theme: string; ministry: string }[]).map((r) => [r.theme, r.ministry]));
    expect(map).toMatchObject({ childcare: 'cfa', pension: 'mhlw', health: 'mhlw', labour: 'mhlw', education: 'mext', environment: 'env', transport: 'mlit', agriculture: 'maff', defense: 'mod', foreign: 'mofa', tax: 'mof', digital: 'digital', disaster: 'cao' });
    const plan = (sql: string) => (t!.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan("SELECT 1 FROM transfer_items x WHERE x.submission_id = 'S-1' AND x.ministry = 'cfa' AND x.status <> 'returned'")).toMatch(/SEARCH x USING PRIMARY KEY \(submission_id=\?\)/);
    expect(plan("SELECT transfer_id FROM transfer_items WHERE transfer_id = 'T1'")).toMatch(/USING (COVERING )?INDEX transfer_items_by_transfer/);
  });
});
