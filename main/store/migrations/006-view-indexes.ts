import type { Migration } from './index.js';

/**
 * Partial indexes for the built-in views that filter on derived state ("Needs transfer",
 * "Replied"): their counts and first pages read only the matching rows instead of scanning
 * every opinion. The WHERE clauses match inbox-queries.ts word for word, which is what lets
 * SQLite use them.
 */
export const m006ViewIndexes: Migration = {
  version: 6,
  name: 'view-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX submissions_marked ON submissions(k) WHERE marks <> '[]';
      CREATE INDEX submissions_replied ON submissions(k) WHERE replies_count > 0;
    `);
  },
};
