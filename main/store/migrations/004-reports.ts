import type { Migration } from './index.js';

// Kept literal here (the trigger SQL is fixed at migration time); main/reports/calendar.ts
// holds the same arithmetic for the code that reads these tables.
const DAY_OF = (k: string) => `((${k}) / 1024 + 32400000) / 86400000`;

/**
 * Reports: rollups the report screen and the exports read instead of scanning submissions.
 *
 * Every figure is kept per Tokyo calendar day (day 0 = 1970-01-01 in Tokyo) and per
 * (category, theme, age band, channel, status) — '' standing for a field the citizen left
 * out — and again per month, so a year's report reads twelve monthly slices plus the ragged
 * days at either end.
 *
 * Triggers on `submissions` only mark the days a write touched (`report_dirty`); the rollups of
 * those days are rebuilt from the submissions themselves before the next report is read, and in
 * the background after a sync (main/reports/rollup.ts). Ingest stays as fast as it was (one
 * tiny insert per row), every path that writes submissions — the feed, triage, tombstones,
 * retention, grouping — keeps the rollups right without knowing about them, and a rollup can
 * never drift from the data, because it is always recomputed rather than incremented.
 */
export const m004Reports: Migration = {
  version: 4,
  name: 'reports',
  up(db) {
    const dims = `category TEXT NOT NULL, theme TEXT NOT NULL, age_band TEXT NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL`;
    const dimKey = `category, theme, age_band, channel, status`;
    db.exec(`
      CREATE TABLE report_dirty (day INTEGER PRIMARY KEY);

      CREATE TABLE report_days (
        day INTEGER NOT NULL, ${dims},
        n INTEGER NOT NULL, replied INTEGER NOT NULL, replies INTEGER NOT NULL,
        PRIMARY KEY (day, ${dimKey})
      ) WITHOUT ROWID;
      -- The backlog: open opinions only, which are few next to a year of closed ones.
      CREATE INDEX report_days_open ON report_days(day, ${dimKey}, n) WHERE status NOT IN ('done', 'spam');

      CREATE TABLE report_months (
        month INTEGER NOT NULL, ${dims},
        n INTEGER NOT NULL, replied INTEGER NOT NULL, replies INTEGER NOT NULL,
        PRIMARY KEY (month, ${dimKey})
      ) WITHOUT ROWID;

      -- Each dimension on its own per day: the volume series with no filter or a filter on one
      -- dimension reads a few rows a day here instead of every combination.
      CREATE TABLE report_marginals (
        dim TEXT NOT NULL, value TEXT NOT NULL, day INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (dim, value, day)
      ) WITHOUT ROWID;
      CREATE INDEX report_marginals_by_day ON report_marginals(day);

      -- Minutes from arrival to the first reply, for the median and the 90th percentile.
      CREATE TABLE report_first_reply (
        day INTEGER NOT NULL, ${dims}, minutes INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (day, ${dimKey}, minutes)
      ) WITHOUT ROWID;

      CREATE TABLE report_tag_days (
        day INTEGER NOT NULL, tag TEXT NOT NULL, ${dims}, n INTEGER NOT NULL,
        PRIMARY KEY (day, tag, ${dimKey})
      ) WITHOUT ROWID;
      CREATE TABLE report_tag_months (
        month INTEGER NOT NULL, tag TEXT NOT NULL, ${dims}, n INTEGER NOT NULL,
        PRIMARY KEY (month, tag, ${dimKey})
      ) WITHOUT ROWID;

      CREATE TABLE report_group_days (
        day INTEGER NOT NULL, group_id TEXT NOT NULL, ${dims}, n INTEGER NOT NULL,
        PRIMARY KEY (day, group_id, ${dimKey})
      ) WITHOUT ROWID;

      CREATE TRIGGER report_submissions_insert AFTER INSERT ON submissions BEGIN
        INSERT OR IGNORE INTO report_dirty(day) VALUES (${DAY_OF('NEW.k')});
      END;
      CREATE TRIGGER report_submissions_delete AFTER DELETE ON submissions BEGIN
        INSERT OR IGNORE INTO report_dirty(day) VALUES (${DAY_OF('OLD.k')});
      END;
      -- Triage rewrites these columns on every action; only a change that a report shows counts.
      CREATE TRIGGER report_submissions_update
        AFTER UPDATE OF k, channel, category, theme, age_band, status, replies_count, tags, group_id, triage ON submissions
        WHEN OLD.k IS NOT NEW.k OR OLD.channel IS NOT NEW.channel OR OLD.category IS NOT NEW.category
          OR OLD.theme IS NOT NEW.theme OR OLD.age_band IS NOT NEW.age_band OR OLD.status IS NOT NEW.status
          OR OLD.replies_count IS NOT NEW.replies_count OR OLD.tags IS NOT NEW.tags OR OLD.group_id IS NOT NEW.group_id
          OR (NEW.replies_count > 0 AND json_extract(OLD.triage, '$.replies[0].sentAt') IS NOT json_extract(NEW.triage, '$.replies[0].sentAt'))
      BEGIN
        INSERT OR IGNORE INTO report_dirty(day) VALUES (${DAY_OF('OLD.k')});
        INSERT OR IGNORE INTO report_dirty(day) VALUES (${DAY_OF('NEW.k')});
      END;

      -- What is already held is rolled up on first use.
      INSERT OR IGNORE INTO report_dirty(day) SELECT DISTINCT ${DAY_OF('k')} FROM submissions;
    `);
  },
};
