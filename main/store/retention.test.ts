import { afterEach, describe, expect, it } from 'vitest';
import { applySubmissionItems } from './ingest-submissions.js';
import { indexBatch } from './search-index.js';
import { purgeExpired } from './retention.js';
import { getSubmission } from './submission-queries.js';
import { tempStore, wireSubmissionFixture, type TempStore } from '../test-support/temp-store.js';
import { appendAudit, verifyAudit } from './audit.js';

let t: TempStore;
afterEach(() => t?.cleanup());
const NOW = Date.parse('2026-11-28T00:00:00Z');

describe('local retention', () => {
  it('purges submissions older than the period, leaves no trace in search, and keeps them out on resync', () => {
    t = tempStore();
    const old = wireSubmissionFixture({ received_at: '2025-11-01T09:00:00+09:00', body: '古い意見：道路の舗装について' });
    const recent = wireSubmissionFixture({ received_at: '2026-11-01T09:00:00+09:00', body: '新しい意見：道路の舗装について' });
    applySubmissionItems(t.db, [old, recent]);
    indexBatch(t.db);
    expect(purgeExpired(t.db, 365, NOW)).toBe(1);
    expect(getSubmission(t.db, old.id)).toBeNull();
    expect(getSubmission(t.db, recent.id)).not.toBeNull();
    const hits = t.db.prepare(`SELECT rowid FROM submissions_fts WHERE submissions_fts MATCH '"道路の舗装"'`).all();
    expect(hits).toHaveLength(1);
    applySubmissionItems(t.db, [old]);
    expect(getSubmission(t.db, old.id)).toBeNull();
    expect(purgeExpired(t.db, 365, NOW)).toBe(0);
  });
});

describe('audit log', () => {
  it('detects an edited, a deleted and a reordered entry', () => {
    t = tempStore();
    for (let i = 0; i < 5; i++) appendAudit(t.db, { actor: 'st-001', action: 'email_revealed', detail: { submission_id: `S-${i}` } });
    expect(verifyAudit(t.db)).toEqual({ ok: true, entries: 5 });
    // Tampering means going around the append-only triggers, as someone editing the file would.
    t.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    const snapshot = t.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
    const restore = () => {
      t.db.exec('DELETE FROM audit_log');
      const ins = t.db.prepare('INSERT INTO audit_log(seq, at, actor, action, detail, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @detail, @prev_hash, @hash)');
      for (const r of snapshot) ins.run(r);
    };
    t.db.prepare(`UPDATE audit_log SET detail = '{"submission_id":"S-X"}' WHERE seq = 3`).run();
    expect(verifyAudit(t.db)).toMatchObject({ ok: false, problem: expect.stringMatching(/entry 3 was edited/) });
    restore();
    t.db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(verifyAudit(t.db)).toMatchObject({ ok: false, problem: expect.stringMatching(/entry 2 is missing/) });
    restore();
    t.db.exec('UPDATE audit_log SET seq = seq + 100 WHERE seq IN (2, 3); UPDATE audit_log SET seq = 3 WHERE seq = 102; UPDATE audit_log SET seq = 2 WHERE seq = 103;');
    expect(verifyAudit(t.db).ok).toBe(false);
    restore();
    expect(verifyAudit(t.db).ok).toBe(true);
  });
});
