// The reply claim: one staff member at a time writes the reply to a submission. Claiming is
// posted to the office API directly, not through the queued outbox, so a conflict is known
// while the composer opens ("held by 鈴木 until 10:45"). Releasing goes through the outbox: it
// must reach the office even if the network is down when the composer closes.
import { randomUUID } from 'node:crypto';
import { KoeError } from '../../shared/contract-kit.js';
import type { ClaimView } from '../../shared/contract-mail.js';
import type { TriageState } from '../../shared/domain.js';
import { wireEvent } from '../../shared/office-api.js';
import type { Db } from '../store/db.js';
import { storeConfirmedEvent } from '../store/ingest-events.js';
import { stmt } from '../store/statements.js';
import { recomputeTriage } from '../store/triage-state.js';
import { ApiError, UnreachableError, type OfficeClient } from '../sync/client.js';
import { activeClaim, CLAIM_LAPSE_MS } from '../triage/fold.js';
import { currentTriage, enqueueEvent } from '../triage/commands.js';

/** A person is waiting: one retry, then say the office cannot be reached. */
const CLAIM_TRIES = 2;

export function claimView(claim: TriageState['claim'], meId: string, nameOf: (id: string) => string | null): ClaimView | null {
  if (!claim) return null;
  return { holder: claim.holder, holderName: claim.holder ? nameOf(claim.holder) : null, until: claim.until, mine: claim.holder === meId };
}

/** Hours and minutes in Japan's time zone, as the office reads a claim's end. */
export function clockTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false }).format(Date.parse(iso));
}

/**
 * Posts reply_claimed now and stores the office's answer. The claim lasts 15 minutes from the
 * office's time; claiming again while holding it renews it.
 */
export async function claimReply(db: Db, client: OfficeClient, submissionId: string, me: { id: string }, nameOf: (id: string) => string | null): Promise<ClaimView> {
  // A release of an earlier claim still waiting in the outbox would arrive after this claim and
  // end it: claiming again makes it moot, so it is dropped.
  db.transaction(() => {
    stmt(db, `DELETE FROM outbox WHERE submission_id = ? AND type = 'reply_released' AND staff_id = ?`).run(submissionId, me.id);
    recomputeTriage(db, submissionId);
  })();
  const id = randomUUID();
  const body = { id, submission_id: submissionId, type: 'reply_claimed', payload: {}, client_time: new Date().toISOString() };
  try {
    const res = await client.request('POST', '/v1/events', { body, idempotencyKey: id, schema: wireEvent, maxTries: CLAIM_TRIES });
    db.transaction(() => {
      storeConfirmedEvent(db, res.data);
      recomputeTriage(db, submissionId);
    })();
    const holder = res.data.staff_id;
    return { holder, holderName: holder ? nameOf(holder) : null, until: new Date(Date.parse(res.data.created_at) + CLAIM_LAPSE_MS).toISOString(), mine: true };
  } catch (err) {
    throw claimError(err, submissionId, nameOf);
  }
}

/** The office's answer to a claim, as the composer shows it. */
export function claimError(err: unknown, submissionId: string, nameOf: (id: string) => string | null): Error {
  if (err instanceof ApiError && err.status === 409) {
    const body = err.body as { holder?: unknown; until?: unknown; error?: { holder?: unknown; until?: unknown } } | null;
    const holder = typeof body?.error?.holder === 'string' ? body.error.holder : typeof body?.holder === 'string' ? body.holder : null;
    const untilRaw = typeof body?.error?.until === 'string' ? body.error.until : typeof body?.until === 'string' ? body.until : null;
    const until = untilRaw && !Number.isNaN(Date.parse(untilRaw)) ? new Date(Date.parse(untilRaw)).toISOString() : null;
    const who = holder ? (nameOf(holder) ?? holder) : 'another staff member';
    return new KoeError('conflict', `This reply is held by ${who}${until ? ` until ${clockTime(until)}` : ''}.`, {
      reason: 'claimed_by_other',
      holder,
      holderName: holder ? nameOf(holder) : null,
      until,
    });
  }
  if (err instanceof UnreachableError) {
    return new KoeError('offline', 'The office server cannot be reached, so the reply cannot be claimed now. Your draft is kept; try again when the connection is back.', { reason: 'offline' });
  }
  if (err instanceof ApiError && err.status === 401) return new KoeError('unauthenticated', 'Your session has ended: sign in again to reply.');
  if (err instanceof ApiError && err.status === 403) return new KoeError('forbidden', `The office refused the claim: ${err.message}`);
  if (err instanceof ApiError && err.status === 404) return new KoeError('not_found', `${submissionId} was deleted on the office server.`);
  return err instanceof Error ? err : new Error(String(err));
}

/** Queues reply_released when this staff member holds the claim; false when there was nothing to release. */
export function releaseReply(db: Db, submissionId: string, staffId: string, now = new Date()): boolean {
  return db.transaction(() => {
    const state = currentTriage(db, submissionId);
    const claim = state ? activeClaim(state, now) : null;
    if (!claim || claim.holder !== staffId) return false;
    enqueueEvent(db, submissionId, 'reply_released', {}, staffId, now);
    return true;
  }).immediate();
}
