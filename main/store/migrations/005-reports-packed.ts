import type { Migration } from './index.js';

const DAY_OF_K = (k: string) => `((${k}) / 1024 + 32400000) / 86400000`;
const DAY_OF_TIME = (t: string) => `(unixepoch(${t}) + 32400) / 86400`;
/** The days of the transfers an opinion is part of (a change to it changes their breakdowns). */
const TRANSFER_DAYS_OF = (id: string) =>
  `SELECT ${DAY_OF_TIME('t.created_at')} AS d FROM transfer_items ti JOIN transfers t ON t.id = ti.transfer_id WHERE ti.submission_id = ${id}`;

/**
 * Marks the days a query yields. Written so it never meets a conflict: a trigger's own
 * "OR IGNORE" does not hold when the statement that fired it is an upsert (its conflict
 * handling wins), and the store's writers upsert.
 */
const MARK = (daysQuery: string, when = '1') =>
  `INSERT INTO report_dirty(day) SELECT DISTINCT x.d FROM (${daysQuery}) AS x
     WHERE x.d IS NOT NULL AND (${when}) AND NOT EXISTS (SELECT 1 FROM report_dirty r WHERE r.day = x.d);`;

/**
 * Reports, second step: each Tokyo day's figures packed into one row, read into memory.
 *
 * Migration 4's SQL rollups answered a year without filters quickly, but a GROUP BY over every
 * combination of five dimensions — what any filter needs — still read hundreds of thousands of
 * rollup rows for a year at a million opinions. Now each marked day is rebuilt into
 * `report_days` (kept: the rollup by day × category × theme × age band × channel × status, for
 * anyone reading the store with SQL) and into `report_packed`: the same counts plus replies,
 * tags, campaign groups and transfers of that day, packed in one blob. The report code keeps the
 * decoded days in memory and scans them — a year in a few milliseconds with any filters — and
 * reloads only days whose version moved (another process, e.g. the CLI, may have rebuilt them).
 *
 * Transfers now mark days too: the day a transfer was made, when it is written, and when an
 * opinion in it changes.
 */
export const m005ReportsPacked: Migration = {
  version: 5,
  name: 'reports-packed',
  up(db) {
    db.exec(`
      DROP INDEX report_days_open;
      DROP TABLE report_months;
      DROP TABLE report_marginals;
      DROP TABLE report_first_reply;
      DROP TABLE report_tag_days;
      DROP TABLE report_tag_months;
      DROP TABLE report_group_days;

      CREATE TABLE report_packed (
        day INTEGER PRIMARY KEY,
        -- Bumped on every rebuild: a reader holding an older version reloads the day.
        v INTEGER NOT NULL,
        data BLOB NOT NULL
      );
      CREATE INDEX report_packed_by_v ON report_packed(v);

      CREATE INDEX report_transfers_by_day ON transfers(${DAY_OF_TIME('created_at')});

      DROP TRIGGER report_submissions_insert;
      CREATE TRIGGER report_submissions_insert AFTER INSERT ON submissions BEGIN
        ${MARK(`SELECT ${DAY_OF_K('NEW.k')} AS d`)}
      END;
      DROP TRIGGER report_submissions_delete;
      CREATE TRIGGER report_submissions_delete AFTER DELETE ON submissions BEGIN
        ${MARK(`SELECT ${DAY_OF_K('OLD.k')} AS d UNION ALL ${TRANSFER_DAYS_OF('OLD.id')}`)}
      END;
      DROP TRIGGER report_submissions_update;
      CREATE TRIGGER report_submissions_update
        AFTER UPDATE OF k, channel, category, theme, age_band, status, replies_count, tags, group_id, triage ON submissions
        WHEN OLD.k IS NOT NEW.k OR OLD.channel IS NOT NEW.channel OR OLD.category IS NOT NEW.category
          OR OLD.theme IS NOT NEW.theme OR OLD.age_band IS NOT NEW.age_band OR OLD.status IS NOT NEW.status
          OR OLD.replies_count IS NOT NEW.replies_count OR OLD.tags IS NOT NEW.tags OR OLD.group_id IS NOT NEW.group_id
          OR (NEW.replies_count > 0 AND json_extract(OLD.triage, '$.replies[0].sentAt') IS NOT json_extract(NEW.triage, '$.replies[0].sentAt'))
      BEGIN
        ${MARK(`SELECT ${DAY_OF_K('OLD.k')} AS d UNION ALL SELECT ${DAY_OF_K('NEW.k')}`)}
        ${MARK(
          TRANSFER_DAYS_OF('NEW.id'),
          `OLD.channel IS NOT NEW.channel OR OLD.category IS NOT NEW.category OR OLD.theme IS NOT NEW.theme OR OLD.age_band IS NOT NEW.age_band OR OLD.status IS NOT NEW.status`,
        )}
      END;

      CREATE TRIGGER report_transfers_insert AFTER INSERT ON transfers BEGIN
        ${MARK(`SELECT ${DAY_OF_TIME('NEW.created_at')} AS d`)}
      END;
      CREATE TRIGGER report_transfers_update AFTER UPDATE ON transfers BEGIN
        ${MARK(`SELECT ${DAY_OF_TIME('OLD.created_at')} AS d UNION ALL SELECT ${DAY_OF_TIME('NEW.created_at')}`)}
      END;
      CREATE TRIGGER report_transfers_delete AFTER DELETE ON transfers BEGIN
        ${MARK(`SELECT ${DAY_OF_TIME('OLD.created_at')} AS d`)}
      END;

      -- Everything held is packed on first use.
      INSERT OR IGNORE INTO report_dirty(day) SELECT DISTINCT ${DAY_OF_K('k')} FROM submissions;
      INSERT OR IGNORE INTO report_dirty(day) SELECT DISTINCT ${DAY_OF_TIME('created_at')} FROM transfers WHERE unixepoch(created_at) IS NOT NULL;
    `);
  },
};
