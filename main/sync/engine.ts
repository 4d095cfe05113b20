// The sync engine: pushes this workstation's pending events, then pulls reference data and the
// three feeds. Each page and its cursor commit in one transaction, so a crash at any moment
// resumes from the last committed page and re-applies nothing twice.
import { wireEvent, wirePage, wireReference, type WirePage, wireStaffList, wireTemplateList } from '../../shared/office-api.js';
import type { SyncPhase } from '../../shared/domain.js';
import type { ChangeTopic } from '../../shared/contract.js';
import type { Db } from '../store/db.js';
import { applyEventItems, storeConfirmedEvent } from '../store/ingest-events.js';
import { applySubmissionItems, emptyCounts } from '../store/ingest-submissions.js';
import { applyTransferItems } from '../store/ingest-transfers.js';
import { indexBatch, indexPendingCount } from '../store/search-index.js';
import { getCursor, kvGet, kvSet, kvSetJson, setCursor, stmt } from '../store/statements.js';
import { recomputeTriage } from '../store/triage-state.js';
import { appendAudit } from '../store/audit.js';
import { purgeExpired } from '../store/retention.js';
import { ApiError, type OfficeClient } from './client.js';

export interface SyncSummary {
  fetched: number;
  updated: number;
  deleted: number;
  quarantined: number;
  eventsPulled: number;
  eventsPushed: number;
  eventsDropped: number;
  transfers: number;
  purgedByRetention: number;
  warnings: string[];
}

export interface SyncProgress {
  phase: SyncPhase;
  itemsDone: number;
  itemsExpected: number | null;
}

export interface EngineOptions {
  pageLimit?: number;
  /** Days opinions are kept; read at each sync, so a changed setting applies to the next one. */
  retentionDays?: number | (() => number);
  onProgress?: (p: SyncProgress) => void;
  onChange?: (topics: ChangeTopic[]) => void;
  /**
   * While a feed is read, its change is announced at its first page, then at most this often, and
   * at its end: each announcement makes the screen read its lists and counts again, and a first
   * sync of a million opinions has a thousand pages. Default 1000 ms; 0 announces every page.
   */
  changeEveryMs?: number;
  /** How many times one sync may start a feed again after invalid_cursor. */
  maxRestarts?: number;
  /** Other durable outboxes (transfers…), pushed after the events with the same guarantees. */
  pushers?: ((client: OfficeClient) => Promise<unknown>)[];
}

type Feed = 'submissions' | 'events' | 'transfers';

export class SyncEngine {
  constructor(
    private readonly db: Db,
    private readonly client: OfficeClient,
    private readonly opts: EngineOptions = {},
  ) {}

  private progress(phase: SyncPhase, itemsDone = 0, itemsExpected: number | null = null) {
    this.opts.onProgress?.({ phase, itemsDone, itemsExpected });
  }

  /** One full sync. With `waitForIndex`, returns only when the search index has caught up. */
  async syncOnce(o: { waitForIndex?: boolean } = {}): Promise<SyncSummary> {
    const summary: SyncSummary = {
      fetched: 0, updated: 0, deleted: 0, quarantined: 0, eventsPulled: 0, eventsPushed: 0, eventsDropped: 0, transfers: 0, purgedByRetention: 0, warnings: [],
    };
    this.progress('pushing', 0, this.pendingCount());
    await this.pushOutbox(summary);
    this.progress('reference');
    await this.pullReference(summary);
    await this.pullFeed('submissions', '/v1/submissions', (items) => {
      const c = applySubmissionItems(this.db, items, emptyCounts());
      summary.fetched += c.fetched;
      summary.updated += c.updated;
      summary.deleted += c.deleted;
      summary.quarantined += c.quarantined;
      return c.fetched;
    }, ['submissions', 'triage']);
    await this.pullFeed('events', '/v1/events', (items) => {
      const { counts } = applyEventItems(this.db, items);
      summary.eventsPulled += counts.pulled;
      summary.quarantined += counts.quarantined;
      return items.length;
    }, ['triage', 'outbox']);
    await this.pullTransfers(summary);
    const retentionDays = typeof this.opts.retentionDays === 'function' ? this.opts.retentionDays() : this.opts.retentionDays;
    if (retentionDays) {
      summary.purgedByRetention = purgeExpired(this.db, retentionDays);
      if (summary.purgedByRetention > 0) {
        appendAudit(this.db, { actor: null, action: 'retention_purge', detail: { count: summary.purgedByRetention, retentionDays } });
        this.opts.onChange?.(['submissions', 'audit']);
      }
    }
    if (o.waitForIndex) await this.catchUpIndex();
    kvSet(this.db, 'last_sync_at', new Date().toISOString());
    this.progress('done', summary.fetched);
    return summary;
  }

  /** The transfers feed alone: what ministries decided, and what colleagues sent, since it was last read. */
  async pullTransfers(summary?: Pick<SyncSummary, 'transfers' | 'quarantined'>): Promise<void> {
    await this.pullFeed('transfers', '/v1/transfers', (items) => {
      const r = applyTransferItems(this.db, items);
      if (summary) {
        summary.transfers += r.applied;
        summary.quarantined += r.quarantined;
      }
      return items.length;
    }, ['submissions', 'transfers']);
  }

  pendingCount(): number {
    return (stmt<[], { n: number }>(this.db, 'SELECT count(*) AS n FROM outbox').get()!).n;
  }

  /** Builds the search index for rows still waiting, in small batches that yield between them. */
  async catchUpIndex(batch = 1000): Promise<void> {
    const total = indexPendingCount(this.db);
    let done = 0;
    while (indexBatch(this.db, batch) > 0) {
      done += batch;
      this.progress('indexing', Math.min(done, total), total);
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Pushes pending events oldest first; stops at the first one the server could not be reached for. */
  async pushOutbox(summary?: SyncSummary): Promise<void> {
    const rows = stmt<[], { id: string; submission_id: string; type: string; payload: string; client_time: string }>(
      this.db,
      'SELECT id, submission_id, type, payload, client_time FROM outbox ORDER BY n',
    ).all();
    let done = 0;
    for (const row of rows) {
      const body = { id: row.id, submission_id: row.submission_id, type: row.type, payload: JSON.parse(row.payload), client_time: row.client_time };
      stmt(this.db, 'UPDATE outbox SET attempts = attempts + 1 WHERE id = ?').run(row.id);
      try {
        const res = await this.client.request('POST', '/v1/events', { body, idempotencyKey: row.id, schema: wireEvent });
        this.db.transaction(() => {
          storeConfirmedEvent(this.db, res.data);
          recomputeTriage(this.db, row.submission_id);
        })();
        if (summary) summary.eventsPushed++;
      } catch (err) {
        if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 401) {
          this.dropPending(row.id, row.submission_id, row.type, err);
          if (summary) summary.eventsDropped++;
        } else {
          stmt(this.db, 'UPDATE outbox SET last_error = ? WHERE id = ?').run((err as Error).message, row.id);
          this.opts.onChange?.(['outbox']);
          throw err;
        }
      }
      this.progress('pushing', ++done, rows.length);
      this.opts.onChange?.(['triage', 'outbox']);
    }
    for (const push of this.opts.pushers ?? []) await push(this.client);
  }

  /** The server refused an event for good: drop it, refold, and tell the user why. */
  private dropPending(id: string, submissionId: string, type: string, err: ApiError): void {
    const body = err.body as { holder?: string; until?: string; error?: { holder?: string; until?: string } } | null;
    const holder = body?.error?.holder ?? body?.holder;
    const until = body?.error?.until ?? body?.until;
    const message =
      err.code === 'unknown_submission'
        ? `${submissionId} was deleted on the server; your ${type} action was dropped`
        : err.status === 409
          ? `${submissionId}: held by ${holder ?? 'another staff member'}${until ? ` until ${until}` : ''}`
          : `${submissionId}: the server refused ${type} (${err.code}): ${err.message}`;
    this.db.transaction(() => {
      stmt(this.db, 'DELETE FROM outbox WHERE id = ?').run(id);
      recomputeTriage(this.db, submissionId);
      stmt(this.db, 'INSERT INTO notices(at, kind, submission_id, message) VALUES (?, ?, ?, ?)').run(Date.now(), err.code, submissionId, message);
    })();
  }

  private async pullReference(summary: SyncSummary): Promise<void> {
    try {
      const etag = kvGet(this.db, 'reference_etag') ?? undefined;
      const res = await this.client.request('GET', '/v1/reference', { ifNoneMatch: etag, schema: wireReference });
      if (res.status === 200) {
        kvSetJson(this.db, 'reference', res.data);
        if (res.headers.etag) kvSet(this.db, 'reference_etag', res.headers.etag);
        this.opts.onChange?.(['reference']);
      }
      const staff = await this.client.request('GET', '/v1/staff', { schema: wireStaffList });
      kvSetJson(this.db, 'staff', staff.data.items);
      const templates = await this.client.request('GET', '/v1/templates', { schema: wireTemplateList });
      kvSetJson(this.db, 'templates', templates.data.items);
    } catch (err) {
      // What was stored before stays; the feeds still sync.
      if (err instanceof ApiError && err.code === 'bad_response') summary.warnings.push(err.message);
      else throw err;
    }
  }

  private async pullFeed(feed: Feed, path: string, apply: (items: unknown[]) => number, topics: ChangeTopic[]): Promise<void> {
    const limit = this.opts.pageLimit ?? 1000;
    const maxRestarts = this.opts.maxRestarts ?? 2;
    let restarts = 0;
    let cursor = getCursor(this.db, feed);
    let done = 0;
    this.progress(feed, 0);
    const pageAt = (c: string | null) => this.fetchPage(`${path}?limit=${limit}${c ? `&cursor=${encodeURIComponent(c)}` : ''}`);
    // The next page is asked for before this one is written: the server prepares it and its bytes
    // arrive while the page transaction runs. One request is in flight at a time, and cursors are
    // still saved in order, each with the page it follows.
    let ahead: Promise<WirePage> | null = null;
    let unannounced = false;
    // The first page is announced at once: the screen has something to show as soon as it can.
    let announcedAt = Number.NEGATIVE_INFINITY;
    for (;;) {
      let page: WirePage;
      try {
        page = await (ahead ?? pageAt(cursor));
      } catch (err) {
        ahead = null;
        if (err instanceof ApiError && err.code === 'invalid_cursor' && restarts < maxRestarts) {
          // The cursor expired: read the feed again from the beginning. Applying is idempotent
          // and the outbox is untouched, so unsent local work is kept.
          restarts++;
          setCursor(this.db, feed, null);
          cursor = null;
          continue;
        }
        throw err;
      }
      const { items, next_cursor, has_more } = page;
      ahead = has_more ? pageAt(next_cursor) : null;
      if (ahead) {
        // If this page cannot be written, the page ahead is dropped unread (its failure is not news).
        ahead.catch(() => undefined);
        // Node writes the request on a later tick: let it go out before the synchronous write.
        await new Promise((r) => setImmediate(r));
      }
      this.db.transaction(() => {
        done += apply(items);
        setCursor(this.db, feed, next_cursor);
      }).immediate();
      cursor = next_cursor;
      if (items.length) unannounced = true;
      if (unannounced && (!has_more || performance.now() - announcedAt >= (this.opts.changeEveryMs ?? 1000))) {
        this.opts.onChange?.(topics);
        unannounced = false;
        announcedAt = performance.now();
      }
      this.progress(feed, done);
      if (!has_more) return;
    }
  }

  /** A page that does not fit (no next_cursor, say) is a server error: retried like a 5xx. */
  private async fetchPage(pathAndQuery: string): Promise<WirePage> {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.client.request('GET', pathAndQuery, { schema: wirePage })).data;
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'bad_response') || attempt >= 4) throw err;
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }
}
