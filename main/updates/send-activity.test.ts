import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../store/db.js';
import { tempStore, type TempStore } from '../test-support/temp-store.js';
import { anySendInFlight, storeSendActivity } from './send-activity.js';

let t: TempStore;
afterEach(() => t?.cleanup());

/** Inserts a row, filling every required column the test does not name with a plain value. */
function insert(db: Db, table: string, values: Record<string, unknown>): void {
  const columns = db.prepare('SELECT name, type, "notnull" AS required, dflt_value AS dflt, pk FROM pragma_table_info(?)').all(table) as {
    name: string;
    type: string;
    required: number;
    dflt: string | null;
    pk: number;
  }[];
  const row: Record<string, unknown> = {};
  for (const c of columns) {
    if (c.name in values) row[c.name] = values[c.name];
    else if (c.required && c.dflt === null && !(c.pk && /INT/i.test(c.type))) row[c.name] = /INT/i.test(c.type) ? 1 : `${c.name}-${Math.random()}`;
  }
  const names = Object.keys(row);
  db.prepare(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...Object.values(row));
}

const tables = (db: Db) => (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);

describe('storeSendActivity', () => {
  it('sees nothing in flight in an empty store', () => {
    t = tempStore();
    expect(storeSendActivity(t.db).isSendInFlight()).toBe(false);
  });

  it('counts an unsent staff action in the event outbox', () => {
    t = tempStore();
    insert(t.db, 'outbox', { id: 'ob-1' });
    expect(storeSendActivity(t.db).isSendInFlight()).toBe(true);
    t.db.prepare('DELETE FROM outbox').run();
    expect(storeSendActivity(t.db).isSendInFlight()).toBe(false);
  });

  it('counts a transfer waiting to be sent, not one the server refused', () => {
    t = tempStore();
    expect(tables(t.db)).toContain('transfer_outbox');
    insert(t.db, 'transfer_outbox', { id: 'tr-1', refused: 'unknown ministry' });
    expect(storeSendActivity(t.db).isSendInFlight()).toBe(false);
    insert(t.db, 'transfer_outbox', { id: 'tr-2', refused: null });
    expect(storeSendActivity(t.db).isSendInFlight()).toBe(true);
  });

  it('counts a reply being handed to the relay, not one queued for later', () => {
    t = tempStore();
    expect(tables(t.db)).toContain('mail_outbox');
    insert(t.db, 'mail_outbox', { id: 'm-1', state: 'queued' });
    insert(t.db, 'mail_outbox', { id: 'm-2', state: 'sent' });
    expect(storeSendActivity(t.db).isSendInFlight()).toBe(false);
    t.db.prepare(`UPDATE mail_outbox SET state = 'sending' WHERE id = 'm-1'`).run();
    expect(storeSendActivity(t.db).isSendInFlight()).toBe(true);
  });

  it('covers an outbox added by a later migration', () => {
    t = tempStore();
    t.db.exec(`CREATE TABLE fax_outbox (n INTEGER PRIMARY KEY, state TEXT NOT NULL)`);
    t.db.prepare(`INSERT INTO fax_outbox (state) VALUES ('queued')`).run();
    expect(storeSendActivity(t.db).isSendInFlight()).toBe(false);
    t.db.prepare(`UPDATE fax_outbox SET state = 'sending'`).run();
    expect(storeSendActivity(t.db).isSendInFlight()).toBe(true);
  });
});

describe('anySendInFlight', () => {
  it('is true when any source says so', () => {
    const no = { isSendInFlight: () => false };
    const yes = { isSendInFlight: () => true };
    expect(anySendInFlight([no, no])).toBe(false);
    expect(anySendInFlight([no, yes])).toBe(true);
    expect(anySendInFlight([])).toBe(false);
  });
});
