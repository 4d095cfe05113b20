// Triage events: the server stores and orders everyone's actions on submissions. Posting is
// idempotent by the client's event id; the reply claim (one holder at a time, 15 minutes)
// is enforced here because only the server sees every client's claims.
import { eventPayloads, isKnownEventType, newEventBody, type Role } from '../../shared/office-api.js';
import type { Feed } from './feeds.js';
import { errorResponse, json, NO_BODY, type ApiResponse } from './http.js';
import type { SeededEvent } from './data/seeded-events.js';
import { formatJst, MINUTE_MS } from './time.js';

export interface StoredEvent {
  id: string;
  seq: number;
  submission_id: string;
  type: string;
  payload: Record<string, unknown>;
  staff_id: string | null;
  created_at: string;
}

export interface Actor {
  staffId: string;
  role: Role;
}

export const CLAIM_MS = 15 * MINUTE_MS;
const SUPERVISOR_ONLY = new Set(['reply_approved', 'reply_returned']);

interface Claim {
  holder: string;
  untilMs: number;
}

export class EventStore implements Feed {
  readonly name = 'events';
  private readonly events: StoredEvent[] = [];
  private readonly byId = new Map<string, StoredEvent>();
  private readonly claims = new Map<string, Claim>();

  constructor(
    private readonly isLiveSubmission: (id: string) => boolean,
    seeded: readonly SeededEvent[],
  ) {
    for (const e of seeded) {
      this.store({ id: e.id, submission_id: e.submission_id, type: e.type, payload: e.payload, staff_id: e.staff_id, created_at: e.created_at });
      this.trackClaim(e.submission_id, e.type, e.staff_id, e.atMs);
    }
  }

  length(): number {
    return this.events.length;
  }
  itemsAt(position: number): unknown[] {
    return [this.events[position]];
  }
  all(): StoredEvent[] {
    return this.events.map((e) => structuredClone(e));
  }

  /** POST /v1/events, for a signed-in staff member (or a test posting as one). */
  post(actor: Actor, body: unknown, idempotencyKey: string | null, nowMs: number): ApiResponse {
    if (body === NO_BODY) return errorResponse(400, 'bad_request', 'The request needs a JSON body.');
    if (!idempotencyKey) return errorResponse(400, 'bad_request', 'The Idempotency-Key header is required (the event id).');
    const parsed = newEventBody.safeParse(body);
    if (!parsed.success) return errorResponse(422, 'invalid_event', describeIssues(parsed.error.issues));
    const ev = parsed.data;
    if (idempotencyKey !== ev.id) return errorResponse(400, 'bad_request', 'The Idempotency-Key header must equal the event id.');

    const existing = this.byId.get(ev.id);
    if (existing) return json(200, existing);

    if (!isKnownEventType(ev.type)) return errorResponse(422, 'invalid_event', `Unknown event type: ${ev.type}`);
    const payload = eventPayloads[ev.type].safeParse(ev.payload);
    if (!payload.success) return errorResponse(422, 'invalid_event', `Payload does not fit ${ev.type}: ${describeIssues(payload.error.issues)}`);
    if (SUPERVISOR_ONLY.has(ev.type) && actor.role === 'staff') {
      return errorResponse(403, 'forbidden', 'Only supervisors and admins may approve or return a reply.');
    }
    if (!this.isLiveSubmission(ev.submission_id)) {
      return errorResponse(404, 'unknown_submission', `Submission ${ev.submission_id} does not exist or was deleted.`);
    }
    if (ev.type === 'reply_claimed') {
      const claim = this.claims.get(ev.submission_id);
      if (claim && claim.holder !== actor.staffId && claim.untilMs > nowMs) {
        const holder = claim.holder;
        const until = formatJst(claim.untilMs, true);
        return json(409, { error: { code: 'conflict', message: `The reply is claimed by ${holder} until ${until}.`, holder, until }, holder, until });
      }
    }
    const stored = this.store({
      id: ev.id,
      submission_id: ev.submission_id,
      type: ev.type,
      payload: ev.payload,
      staff_id: actor.staffId,
      created_at: formatJst(nowMs, true),
    });
    this.trackClaim(ev.submission_id, ev.type, actor.staffId, nowMs);
    return json(201, stored);
  }

  private store(e: Omit<StoredEvent, 'seq'>): StoredEvent {
    const stored: StoredEvent = { id: e.id, seq: this.events.length + 1, submission_id: e.submission_id, type: e.type, payload: e.payload, staff_id: e.staff_id, created_at: e.created_at };
    this.events.push(stored);
    this.byId.set(stored.id, stored);
    return stored;
  }

  private trackClaim(submissionId: string, type: string, staffId: string, atMs: number): void {
    if (type === 'reply_claimed') {
      this.claims.set(submissionId, { holder: staffId, untilMs: atMs + CLAIM_MS });
    } else if (type === 'reply_released' || type === 'reply_sent') {
      // Only the holder's own release or send ends the claim; anyone else's leaves it.
      if (this.claims.get(submissionId)?.holder === staffId) this.claims.delete(submissionId);
    }
  }
}

export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
