// Applies a page of the submissions feed. Idempotent: an item whose seq is not above the seq
// already applied for that id (a submission or a tombstone) changes nothing, so pages that
// overlap, repeat or are re-read after a crash leave the same state.
import { fastWireSubmission, SUBMISSION_FIELDS, wireSubmission, wireTombstone, type WireSubmission, type WireTombstone } from '../../shared/office-api.js';
import type { Db } from './db.js';
import { purgeSubmission, recordTombstone, tombstoneSeq } from './purge.js';
import { describeIssues, quarantineItem } from './quarantine.js';
import { markForIndexing, unindexRow } from './search-index.js';
// Near-duplicate grouping is a derived index over the body, kept in step like the search index.
import { forgetSimilar, queueForGrouping } from '../similar/queue.js';
import { stmt } from './statements.js';
import { hasEvents, recomputeTriage } from './triage-state.js';

export interface IngestCounts {
  fetched: number;
  updated: number;
  deleted: number;
  quarantined: number;
  unchanged: number;
}
export const emptyCounts = (): IngestCounts => ({ fetched: 0, updated: 0, deleted: 0, quarantined: 0, unchanged: 0 });

/** FNV-1a over the id's UTF-16 code units: a spread-out tie-breaker, far cheaper than a digest. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Sort key: received time in ms × 1024 plus a tie-breaker from the id, probed until free. */
export function sortKeyFor(db: Db, id: string, receivedAt: string): number {
  const ms = Date.parse(receivedAt);
  const base = ms * 1024;
  const slot = fnv1a(id) % 1024;
  for (let i = 0; i < 1024; i++) {
    const k = base + ((slot + i) % 1024);
    const holder = stmt<[number], { id: string }>(db, 'SELECT id FROM submissions WHERE k = ?').get(k);
    if (!holder || holder.id === id) return k;
  }
  throw new Error(`more than 1024 submissions received in the same millisecond as ${id}`);
}

/**
 * What one page shares: the time, whether any events are held at all (none in a first sync, so
 * no row can have events that came before it), and the new rows' keys, queued for the search
 * index and for grouping in one statement per page instead of two per row.
 */
interface PageWork {
  now: number;
  noEventsYet: boolean;
  queued: number[];
}

/** Writes the queued keys. Must run before anything that takes a row out of the queues. */
function flushQueued(db: Db, page: PageWork): void {
  if (page.queued.length === 0) return;
  const keys = JSON.stringify(page.queued);
  stmt(db, 'INSERT OR IGNORE INTO fts_pending(k) SELECT value FROM json_each(?)').run(keys);
  stmt(db, 'INSERT OR IGNORE INTO similar_pending(k) SELECT value FROM json_each(?)').run(keys);
  page.queued = [];
}

export function applySubmissionItems(db: Db, items: readonly unknown[], counts: IngestCounts = emptyCounts()): IngestCounts {
  const page: PageWork = {
    now: Date.now(),
    noEventsYet: stmt<[], { held: number }>(db, 'SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM outbox) AS held').get()!.held === 0,
    queued: [],
  };
  for (const raw of items) {
    counts.fetched++;
    const isTombstone = raw !== null && typeof raw === 'object' && (raw as { deleted?: unknown }).deleted === true;
    if (isTombstone) {
      const parsed = wireTombstone.safeParse(raw);
      if (!parsed.success) {
        quarantineItem(db, 'submissions', raw, `invalid tombstone: ${describeIssues(parsed.error.issues)}`);
        counts.quarantined++;
        continue;
      }
      flushQueued(db, page);
      if (applyTombstone(db, parsed.data)) counts.deleted++;
      else counts.unchanged++;
      continue;
    }
    let item = fastWireSubmission(raw);
    if (!item) {
      const parsed = wireSubmission.safeParse(raw);
      if (!parsed.success) {
        quarantineItem(db, 'submissions', raw, `invalid submission: ${describeIssues(parsed.error.issues)}`);
        counts.quarantined++;
        continue;
      }
      item = parsed.data;
    }
    if (applySubmission(db, item, page)) counts.updated++;
    else counts.unchanged++;
  }
  flushQueued(db, page);
  return counts;
}

function applyTombstone(db: Db, t: WireTombstone): boolean {
  const current = stmt<[string], { seq: number }>(db, 'SELECT seq FROM submissions WHERE id = ?').get(t.id);
  const tomb = tombstoneSeq(db, t.id);
  if ((current && t.seq <= current.seq) || (tomb !== null && t.seq <= tomb)) return false;
  purgeSubmission(db, t.id);
  recordTombstone(db, t.id, t.seq, t.reason);
  return true;
}

interface ExistingRow {
  k: number;
  seq: number;
  received_at: string;
  subject: string | null;
  body: string;
}

function applySubmission(db: Db, s: WireSubmission, page: PageWork): boolean {
  const existing = stmt<[string], ExistingRow>(db, 'SELECT k, seq, received_at, subject, body FROM submissions WHERE id = ?').get(s.id);
  if (existing && s.seq <= existing.seq) return false;
  const tomb = tombstoneSeq(db, s.id);
  if (tomb !== null) {
    if (s.seq <= tomb) return false;
    // The office restored it with a later change: the later one wins.
    stmt(db, 'DELETE FROM tombstones WHERE id = ?').run(s.id);
  }
  const extra = extraFields(s);
  const values = [s.seq, s.received_at, s.channel, s.category, s.theme, s.subject, s.body, s.age_band, s.email, s.language, extra, page.now] as const;
  if (!existing) {
    const k = sortKeyFor(db, s.id, s.received_at);
    stmt(db, `INSERT INTO submissions(k, id, seq, received_at, channel, category, theme, subject, body, age_band, email, language, extra, changed_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(k, s.id, ...values);
    page.queued.push(k);
    // Events may have arrived before the submission (the feeds are separate).
    if (!page.noEventsYet && hasEvents(db, s.id)) recomputeTriage(db, s.id);
    return true;
  }
  flushQueued(db, page);
  const moved = Date.parse(existing.received_at) !== Date.parse(s.received_at);
  const textChanged = existing.subject !== s.subject || existing.body !== s.body;
  if (moved || textChanged) {
    unindexRow(db, existing.k, existing.subject, existing.body);
    forgetSimilar(db, existing.k);
  }
  const k = moved ? sortKeyFor(db, s.id, s.received_at) : existing.k;
  stmt(db, `UPDATE submissions SET k = ?, seq = ?, received_at = ?, channel = ?, category = ?, theme = ?, subject = ?, body = ?,
            age_band = ?, email = ?, language = ?, extra = ?, changed_at = ? WHERE id = ?`).run(k, ...values, s.id);
  if (moved || textChanged) {
    markForIndexing(db, k);
    queueForGrouping(db, k);
  }
  return true;
}

/** Fields this version does not know, kept raw so nothing the office sent is lost. */
function extraFields(s: WireSubmission): string | null {
  let extra: Record<string, unknown> | null = null;
  for (const key in s) {
    if (!SUBMISSION_FIELDS.has(key)) (extra ??= {})[key] = (s as Record<string, unknown>)[key];
  }
  return extra ? JSON.stringify(extra) : null;
}
