import type { Migration } from './index.js';

/**
 * Replies by email: drafts saved as the user types, and the durable mail outbox.
 *
 * A message is written to `mail_outbox` before the first try, with its Message-ID and Date made
 * once, and moves queued → sending (committed before the SMTP transaction starts) → sent. A row
 * found in `sending` after a crash is sent again with the same Message-ID. `lease_owner` and
 * `lease_until` keep two processes on one data dir (the app and `koe sync --once`) from
 * sending the same row at the same time.
 *
 * Everything held for a submission goes when the submission does (tombstone, retention): the
 * triggers below, so no purge path needs to know about replies.
 */
export const m003Mail: Migration = {
  version: 3,
  name: 'mail',
  up(db) {
    db.exec(`
      CREATE TABLE reply_drafts (
        id TEXT PRIMARY KEY,
        submission_id TEXT NOT NULL,
        staff_id TEXT,
        template_id TEXT,
        language TEXT NOT NULL DEFAULT 'ja',
        subject TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        -- editing | proposed | queued | sent
        state TEXT NOT NULL DEFAULT 'editing',
        -- the relay's refusal or a supervisor's comment, shown when the draft is reopened
        notice TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX reply_drafts_by_submission ON reply_drafts(submission_id, updated_at);

      CREATE TABLE mail_outbox (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        submission_id TEXT NOT NULL,
        draft_id TEXT NOT NULL,
        message_id TEXT NOT NULL UNIQUE,
        date TEXT NOT NULL,
        from_address TEXT NOT NULL,
        from_name TEXT,
        reply_to TEXT,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        staff_id TEXT,
        -- queued | sending | sent | failed | cancelled
        state TEXT NOT NULL DEFAULT 'queued',
        -- for failed: rejected (the relay refused the message) | settings (the relay cannot be used)
        failure TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        relay_response TEXT,
        sent_at TEXT,
        -- the reply_sent event recorded when the relay accepted
        event_id TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at);
      CREATE INDEX mail_outbox_by_submission ON mail_outbox(submission_id, n);
      -- One message on its way per draft, ever: a second Send of the same draft cannot queue a twin.
      CREATE UNIQUE INDEX mail_outbox_one_live_per_draft ON mail_outbox(draft_id) WHERE state IN ('queued', 'sending');

      -- The supervisors' "To approve" queue starts from these.
      CREATE INDEX events_reply_proposed ON events(submission_id) WHERE type = 'reply_proposed';

      CREATE TRIGGER reply_drafts_purge AFTER DELETE ON submissions BEGIN
        DELETE FROM reply_drafts WHERE submission_id = old.id;
        DELETE FROM mail_outbox WHERE submission_id = old.id;
      END;
    `);
  },
};
