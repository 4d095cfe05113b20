// The inbox's hot queries must use an index, not scan or sort every opinion.
import { afterEach, describe, expect, it } from 'vitest';
import { buildFilter } from './inbox-queries.js';
import type { InboxFilter } from '../../shared/domain.js';
import { tempStore, type TempStore } from '../test-support/temp-store.js';

let t: TempStore;
afterEach(() => t?.cleanup());
const ctx = { meId: 'st-001', seenAt: 0 };

function plan(filter: InboxFilter, what: 'page' | 'count'): string {
  const b = buildFilter(t.db, filter, ctx);
  const where = b.where.length ? `WHERE ${b.where.join(' AND ')}` : '';
  const sql = what === 'page' ? `SELECT s.id FROM ${b.from} ${where} ORDER BY ${b.key} DESC LIMIT 100` : `SELECT count(*) FROM ${b.from} ${where}`;
  return (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...b.params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('inbox query plans', () => {
  it('the first page is a rowid-order walk, never a sort', () => {
    t = tempStore();
    expect(plan({}, 'page')).not.toMatch(/TEMP B-TREE/);
    expect(plan({ status: ['new'] }, 'page')).toMatch(/USING (COVERING )?INDEX submissions_by_status/);
    expect(plan({ status: ['new'] }, 'page')).not.toMatch(/TEMP B-TREE/);
  });

  it('a search is driven by the FTS index in rowid order', () => {
    t = tempStore();
    const p = plan({ search: '子育て支援' }, 'page');
    expect(p).toMatch(/VIRTUAL TABLE INDEX/);
    expect(p).not.toMatch(/TEMP B-TREE/);
  });

  it('the derived views read their partial indexes', () => {
    t = tempStore();
    expect(plan({ ministry: ['any'] }, 'count')).toMatch(/INDEX submissions_marked/);
    expect(plan({ hasReply: true }, 'count')).toMatch(/INDEX submissions_replied/);
    expect(plan({ ministry: ['any'] }, 'page')).toMatch(/INDEX submissions_marked/);
    expect(plan({ status: ['spam'] }, 'count')).toMatch(/INDEX submissions_by_status/);
  });
});
