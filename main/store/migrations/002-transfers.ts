import type { Migration } from './index.js';

/**
 * Transfers to ministries: the durable outbox of transfers being sent, one row per transfer
 * item (so "not yet transferred" and "returned" are index lookups, not JSON scans), and the
 * theme → ministry suggestions an admin can edit.
 *
 * `transfer_items` is kept equal to `transfers` by triggers, so every path that writes a
 * transfer (the POST answer, the feed, a full resync) keeps it right without knowing about it.
 */
export const m002Transfers: Migration = {
  version: 2,
  name: 'transfers',
  up(db) {
    db.exec(`
      -- Transfers queued on this workstation, written before the first try. The id is made once
      -- and is the Idempotency-Key of every try, across restarts. A row leaves when the office
      -- has stored the transfer; a refused one stays (refused = the office's error, JSON) until
      -- the user resends the rest or discards it.
      CREATE TABLE transfer_outbox (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        batch_id TEXT NOT NULL,
        part INTEGER NOT NULL,
        parts INTEGER NOT NULL,
        ministry TEXT NOT NULL,
        submission_ids TEXT NOT NULL,
        note TEXT NOT NULL,
        include_contact INTEGER NOT NULL,
        staff_id TEXT,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        refused TEXT
      );

      CREATE TABLE transfer_items (
        submission_id TEXT NOT NULL,
        transfer_id TEXT NOT NULL,
        ministry TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        seq INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (submission_id, transfer_id)
      ) WITHOUT ROWID;
      CREATE INDEX transfer_items_by_transfer ON transfer_items(transfer_id);
      CREATE INDEX transfer_items_returned ON transfer_items(status, submission_id) WHERE status = 'returned';

      CREATE TRIGGER transfers_items_insert AFTER INSERT ON transfers BEGIN
        INSERT OR REPLACE INTO transfer_items(submission_id, transfer_id, ministry, status, reason, seq, updated_at)
          SELECT j.value, NEW.id, NEW.ministry, NEW.status, NEW.reason, NEW.seq, NEW.updated_at FROM json_each(NEW.submission_ids) j;
      END;
      CREATE TRIGGER transfers_items_update AFTER UPDATE ON transfers BEGIN
        DELETE FROM transfer_items WHERE transfer_id = OLD.id;
        INSERT OR REPLACE INTO transfer_items(submission_id, transfer_id, ministry, status, reason, seq, updated_at)
          SELECT j.value, NEW.id, NEW.ministry, NEW.status, NEW.reason, NEW.seq, NEW.updated_at FROM json_each(NEW.submission_ids) j;
      END;
      CREATE TRIGGER transfers_items_delete AFTER DELETE ON transfers BEGIN
        DELETE FROM transfer_items WHERE transfer_id = OLD.id;
      END;
      INSERT OR REPLACE INTO transfer_items(submission_id, transfer_id, ministry, status, reason, seq, updated_at)
        SELECT j.value, t.id, t.ministry, t.status, t.reason, t.seq, t.updated_at FROM transfers t, json_each(t.submission_ids) j;

      -- Opinions a ministry sent back that are still marked for it and were not transferred to it
      -- again: they come back to the inbox flagged for re-routing. Only the latest return counts.
      -- Any status other than 'returned' (an unknown one included) counts as transferred.
      CREATE VIEW transfer_returned AS
        SELECT r.submission_id, r.ministry, r.transfer_id, r.reason, r.updated_at
        FROM transfer_items r
        JOIN submission_marks m ON m.submission_id = r.submission_id AND m.ministry = r.ministry
        WHERE r.status = 'returned'
          AND NOT EXISTS (SELECT 1 FROM transfer_items x WHERE x.submission_id = r.submission_id AND x.ministry = r.ministry
                          AND (x.status <> 'returned' OR x.seq > r.seq));

      -- Which ministry a theme suggests. Seeded with defaults; an admin edits it.
      CREATE TABLE transfer_theme_map (
        theme TEXT PRIMARY KEY,
        ministry TEXT NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO transfer_theme_map(theme, ministry) VALUES
        ('childcare', 'cfa'), ('pension', 'mhlw'), ('health', 'mhlw'), ('labour', 'mhlw'),
        ('education', 'mext'), ('environment', 'env'), ('transport', 'mlit'), ('housing', 'mlit'),
        ('agriculture', 'maff'), ('defense', 'mod'), ('foreign', 'mofa'), ('tax', 'mof'),
        ('digital', 'digital'), ('disaster', 'cao'), ('economy', 'meti');
    `);
  },
};
