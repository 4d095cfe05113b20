import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, runMigrations } from './index.js';
import { databaseAtSchema, tempStore, type TempStore } from '../../test-support/temp-store.js';
import { groupBatch } from '../../similar/grouping.js';

let t: TempStore | null = null;
afterEach(() => t?.cleanup());

describe('migration 7 (similar)', () => {
  it('queues the opinions already held, so an upgraded store groups its campaigns in the background', () => {
    t = tempStore();
    const db = databaseAtSchema(t, 6);
    const campaign = '私たちは地域の公共交通の維持を強く求めます。バス路線の廃止は高齢者の通院や買い物を困難にします。国の支援を拡充してください。';
    const insert = db.prepare(`INSERT INTO submissions(k, id, seq, received_at, channel, category, body, changed_at) VALUES (?, ?, ?, '2026-11-01T00:00:00Z', 'form', 'opinion', ?, 0)`);
    insert.run(1, 'S-A', 1, campaign);
    insert.run(2, 'S-B', 2, `${campaign}よろしくお願いします。`);
    insert.run(3, 'S-C', 3, '年金の受給開始年齢の引き上げには反対です。生活設計が成り立たなくなります。慎重な議論をお願いします。');
    runMigrations(db, MIGRATIONS.slice(0, 7));
    expect(db.prepare('SELECT count(*) AS n FROM similar_pending').get()).toEqual({ n: 3 });
    while (groupBatch(db) > 0);
    const groups = db.prepare('SELECT id, group_id FROM submissions ORDER BY id').all() as { id: string; group_id: string | null }[];
    expect(groups[0].group_id).not.toBeNull();
    expect(groups[1].group_id).toBe(groups[0].group_id);
    expect(groups[2].group_id).toBeNull();
    db.close();
  });
});
