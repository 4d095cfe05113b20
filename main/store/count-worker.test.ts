// The count worker answers what the main thread would, sees what the main connection has
// committed, and when it cannot read (a wrong or stale key) it says so and is replaced.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboxFilter } from '../../shared/domain.js';
import { SubmissionLog } from '../simulator/submission-log.js';
import { tempStore, type TempStore } from '../test-support/temp-store.js';
import { CountWorker } from './count-worker.js';
import { countInbox, countStatement } from './inbox-queries.js';
import { applySubmissionItems } from './ingest-submissions.js';
import { indexBatch } from './search-index.js';

let t: TempStore | null = null;
let worker: CountWorker | null = null;
afterEach(async () => {
  await worker?.close();
  worker = null;
  t?.cleanup();
  t = null;
});
const ctx = { meId: 'st-001', seenAt: 0 };

function filled(n = 600): TempStore {
  const store = tempStore();
  const log = new SubmissionLog({ seed: 9, count: n, nowMs: Date.UTC(2026, 10, 28) });
  const items = Array.from({ length: log.length() }, (_, i) => log.itemAt(i));
  store.db.transaction(() => applySubmissionItems(store.db, items))();
  while (indexBatch(store.db) > 0);
  return store;
}

describe('CountWorker', () => {
  it('counts what the main thread counts, for every kind of filter, and sees what was just committed', async () => {
    t = filled();
    const store = t;
    worker = new CountWorker(async () => ({ path: store.path, key: store.key }));
    const filters: InboxFilter[] = [{}, { status: ['new'] }, { search: 'ください' }, { search: 'ください', channel: ['email'] }, { search: '年金' }, { search: '年金 保育', status: ['new'] }, { theme: ['pension'] }];
    for (const f of filters) {
      const { sql, params } = countStatement(store.db, f, ctx);
      expect(await worker.count(sql, params), JSON.stringify(f)).toBe(countInbox(store.db, f, ctx));
    }
    const all = countStatement(store.db, {}, ctx);
    const before = await worker.count(all.sql, all.params);
    store.db.prepare('DELETE FROM submissions WHERE k = (SELECT max(k) FROM submissions)').run();
    expect(await worker.count(all.sql, all.params)).toBe(before - 1);
  });

  it('a worker that cannot read says so, and the next count starts a new one', async () => {
    t = filled(50);
    const store = t;
    let key: Buffer = randomBytes(32);
    worker = new CountWorker(async () => ({ path: store.path, key }));
    const all = countStatement(store.db, {}, ctx);
    await expect(worker.count(all.sql, all.params)).rejects.toThrow(/not a database|file is encrypted/i);
    key = store.key;
    expect(await worker.count(all.sql, all.params)).toBe(countInbox(store.db, {}, ctx));
  });

  it('after close, a count is refused', async () => {
    t = filled(20);
    const store = t;
    worker = new CountWorker(async () => ({ path: store.path, key: store.key }));
    const all = countStatement(store.db, {}, ctx);
    expect(await worker.count(all.sql, all.params)).toBeGreaterThan(0);
    await worker.close();
    await expect(worker.count(all.sql, all.params)).rejects.toThrow(/closed/);
  });

  it('withoutWorker refuses counts while it runs (the caller counts on the main thread), and counts resume afterwards', async () => {
    t = filled(20);
    const store = t;
    worker = new CountWorker(async () => ({ path: store.path, key: store.key }));
    const all = countStatement(store.db, {}, ctx);
    const n = await worker.count(all.sql, all.params);
    await worker.withoutWorker(async () => {
      await expect(worker!.count(all.sql, all.params)).rejects.toThrow(/paused/);
    });
    expect(await worker.count(all.sql, all.params)).toBe(n);
  });
});
