import { afterEach, describe, expect, it } from 'vitest';
import { type openDatabase } from '../db.js';
import { databaseAtSchema, tempStore, wireSubmissionFixture, type TempStore } from '../../test-support/temp-store.js';
import { MIGRATIONS, runMigrations } from './index.js';

let t: TempStore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

const plan = (db: ReturnType<typeof openDatabase>, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 3 (mail)', () => {
  it('adds drafts and the mail outbox to a database at schema 2 and keeps what was there', () => {
    t = tempStore();
    const db = databaseAtSchema(t, 2);
    const s = wireSubmissionFixture();
    // Written with schema 2's columns: today's ingest code expects today's schema.
    db.prepare(`INSERT INTO submissions(k, id, seq, received_at, channel, category, body, changed_at) VALUES (1, ?, ?, ?, 'form', 'opinion', ?, 0)`).run(
      s.id, s.seq, s.received_at, s.body,
    );
    runMigrations(db, MIGRATIONS.slice(0, 3));
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT id FROM submissions').all()).toEqual([{ id: s.id }]);
    expect(db.prepare('SELECT count(*) AS n FROM mail_outbox').get()).toEqual({ n: 0 });
    db.close();
  });

  it('hot queries use their indexes: what is due, a submission’s messages, the approval queue', () => {
    t = tempStore();
    expect(plan(t.db, `SELECT min(next_attempt_at) FROM mail_outbox WHERE state = 'queued'`)).toMatch(/USING (COVERING )?INDEX mail_outbox_due/);
    expect(plan(t.db, `SELECT * FROM mail_outbox WHERE submission_id = 'S-1' AND state IN ('queued', 'sending', 'failed') ORDER BY n DESC LIMIT 1`)).toMatch(/INDEX mail_outbox_by_submission/);
    expect(plan(t.db, `SELECT submission_id FROM events WHERE type = 'reply_proposed'`)).toMatch(/INDEX events_reply_proposed/);
    expect(plan(t.db, `SELECT * FROM reply_drafts WHERE submission_id = 'S-1' AND staff_id = 'st-001' AND state != 'sent' ORDER BY updated_at DESC LIMIT 1`)).toMatch(/INDEX reply_drafts_by_submission/);
  });

  it('a second live message for one draft is refused by the database itself', () => {
    t = tempStore();
    const row = (id: string, state: string) =>
      t!.db
        .prepare(`INSERT INTO mail_outbox(id, submission_id, draft_id, message_id, date, from_address, recipient, subject, body, state, next_attempt_at, created_at)
                  VALUES (?, 'S-1', 'D-1', ?, '2026-11-28T00:00:00Z', 'a@office.example', 'c@example.jp', 's', 'b', ?, 0, 0)`)
        .run(id, `<${id}@koe.office.example>`, state);
    row('m1', 'failed');
    row('m2', 'queued');
    expect(() => row('m3', 'sending')).toThrow(/UNIQUE/);
    row('m4', 'cancelled');
  });
});
