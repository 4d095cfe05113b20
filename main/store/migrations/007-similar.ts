// The migration for near-duplicate grouping (main/similar/). The result itself lives in submissions.group_id
// (created by migration 1); these tables are how it is computed.
import type { Migration } from './index.js';

export const m007Similar: Migration = {
  version: 7,
  name: 'similar',
  up(db) {
    db.exec(`
      -- Rows whose body is new or changed and not grouped yet (grouping runs in the background).
      CREATE TABLE similar_pending (k INTEGER PRIMARY KEY);

      -- Each grouped row's MinHash signature (64 little-endian uint16s) and its number of
      -- distinct trigrams. n only grows (AUTOINCREMENT: never reused), so each connection's
      -- in-memory LSH buckets catch up by reading n above the last one they saw; appending in
      -- n order also keeps the writes sequential. The LSH buckets are not stored: see
      -- main/similar/band-index.ts for the measurements behind that.
      CREATE TABLE similar_sigs (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        k INTEGER NOT NULL UNIQUE,
        sig BLOB NOT NULL,
        trigrams INTEGER NOT NULL
      );

      -- Opinions already held when this version arrives are grouped in the background too.
      INSERT INTO similar_pending(k) SELECT k FROM submissions;
    `);
  },
};
