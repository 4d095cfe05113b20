import type { Migration } from './index.js';

/**
 * The first schema.
 *
 * `submissions.k` is the row's sort key and rowid: received time in ms × 1024 plus a small
 * tie-breaker. Newest-first lists and newest-first search are then plain rowid-order scans
 * (the FTS index shares the rowid), which is what keeps a top-100 search fast at a million rows.
 */
export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE submissions (
        k INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        seq INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        channel TEXT NOT NULL,
        category TEXT NOT NULL,
        theme TEXT,
        subject TEXT,
        body TEXT NOT NULL,
        age_band TEXT,
        email TEXT,
        language TEXT,
        extra TEXT,
        changed_at INTEGER NOT NULL,
        -- triage state: the fold of confirmed events with pending ones on top
        status TEXT NOT NULL DEFAULT 'new',
        assignee TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        marks TEXT NOT NULL DEFAULT '[]',
        notes_count INTEGER NOT NULL DEFAULT 0,
        replies_count INTEGER NOT NULL DEFAULT 0,
        triage TEXT,
        pending INTEGER NOT NULL DEFAULT 0,
        -- near-duplicate (campaign) group
        group_id TEXT
      );
      CREATE INDEX submissions_by_status ON submissions(status, k);
      CREATE INDEX submissions_by_assignee ON submissions(assignee, k) WHERE assignee IS NOT NULL;
      CREATE INDEX submissions_by_group ON submissions(group_id, k) WHERE group_id IS NOT NULL;

      CREATE TABLE submission_tags (
        submission_id TEXT NOT NULL,
        tag TEXT NOT NULL,
        PRIMARY KEY (tag, submission_id)
      ) WITHOUT ROWID;
      CREATE INDEX submission_tags_by_submission ON submission_tags(submission_id);

      CREATE TABLE submission_marks (
        submission_id TEXT NOT NULL,
        ministry TEXT NOT NULL,
        note TEXT,
        PRIMARY KEY (ministry, submission_id)
      ) WITHOUT ROWID;
      CREATE INDEX submission_marks_by_submission ON submission_marks(submission_id);

      -- The search index: trigram, so Japanese works without a word splitter. Rows are indexed
      -- in the background (fts_pending lists the ones not indexed yet).
      CREATE VIRTUAL TABLE submissions_fts USING fts5(
        subject, body, content='submissions', content_rowid='k', tokenize='trigram'
      );
      CREATE TABLE fts_pending (k INTEGER PRIMARY KEY);

      CREATE TABLE tombstones (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        reason TEXT NOT NULL,
        deleted_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- Confirmed events, everyone's, in server order.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        submission_id TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        staff_id TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX events_by_submission ON events(submission_id, seq);

      -- Local actions not yet confirmed by the server. The id is the Idempotency-Key.
      CREATE TABLE outbox (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        submission_id TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        client_time TEXT NOT NULL,
        staff_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX outbox_by_submission ON outbox(submission_id, n);

      -- Things the user should be told about (a dropped event, a conflict).
      CREATE TABLE notices (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        submission_id TEXT,
        message TEXT NOT NULL,
        seen INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE transfers (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        ministry TEXT NOT NULL,
        submission_ids TEXT NOT NULL,
        note TEXT NOT NULL,
        include_contact INTEGER NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        created_by TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;

      -- Items from the server that did not fit the contract: kept aside with the reason.
      CREATE TABLE quarantine (
        key TEXT PRIMARY KEY,
        feed TEXT NOT NULL,
        item_id TEXT,
        reason TEXT NOT NULL,
        raw TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        times_seen INTEGER NOT NULL DEFAULT 1
      ) WITHOUT ROWID;

      CREATE TABLE feed_cursors (
        feed TEXT PRIMARY KEY,
        cursor TEXT,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE kv (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE saved_views (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        filter TEXT NOT NULL,
        sort TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- Append-only and hash-chained: each entry's hash covers the previous one's.
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT,
        action TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
