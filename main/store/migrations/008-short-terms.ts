// Search for one- and two-character terms through the trigram index. Japanese words are very
// often two characters (年金, 介護, 税制), which a trigram index cannot match on its own: a
// LIKE scan over every opinion took seconds at 1,000,000. Each indexed column now ends in two
// end marks (see search-index.ts), so every occurrence of a shorter term begins some trigram,
// and a vocabulary table lists the trigrams that begin with it.
import type { Migration } from './index.js';

export const m008ShortTerms: Migration = {
  version: 8,
  name: 'short-terms',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE submissions_fts_terms USING fts5vocab(submissions_fts, 'row');

      -- Merge segments 16 at a time instead of 4: building the index in the background after a
      -- large first sync (or this migration) runs 1.8x as fast, and searches measured the same.
      INSERT INTO submissions_fts(submissions_fts, rank) VALUES ('automerge', 16);
      INSERT INTO submissions_fts(submissions_fts, rank) VALUES ('crisismerge', 64);

      -- The index was built without the end marks: empty it and index every opinion again in
      -- the background, newest first (the inbox shows "indexing" until it has caught up).
      INSERT INTO submissions_fts(submissions_fts) VALUES ('delete-all');
      INSERT OR IGNORE INTO fts_pending(k) SELECT k FROM submissions;
    `);
  },
};
