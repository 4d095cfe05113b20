// Transfers to ministries. A transfer is stored as "submitted"; after the decision delay the
// ministry accepts it or sends it back (about one in four, decided by a hash of its id so a
// rerun gives the same answers), and it comes again in the feed with a higher seq.
import { newTransferBody } from '../../shared/office-api.js';
import type { Feed } from './feeds.js';
import { errorResponse, json, NO_BODY, type ApiResponse } from './http.js';
import { describeIssues, type Actor } from './events.js';
import { findMinistry } from './data/ministries.js';
import { hashString } from './data/random.js';
import { formatJst } from './time.js';

export interface Transfer {
  id: string;
  seq: number;
  ministry: string;
  submission_ids: string[];
  note: string;
  include_contact: boolean;
  status: 'submitted' | 'accepted' | 'returned';
  reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** What ministries write when they send a transfer back. */
export const RETURN_REASONS: readonly string[] = [
  '当省の所管外のため',
  '内容が特定できないため、貴室にて再度ご確認ください',
  '既に回答済みの案件のため',
  '所管は他の府省庁に当たるため、改めて回付をお願いします',
  '個人情報の取扱いについて確認が必要なため',
  '同一内容の回付を既に受領しているため',
];

export type TransferOutcome = 'accepted' | 'returned';

export function decisionFor(id: string, forced?: TransferOutcome): { status: TransferOutcome; reason: string | null } {
  const h = hashString(id);
  const status = forced ?? (h % 4 !== 0 ? 'accepted' : 'returned');
  return status === 'accepted' ? { status, reason: null } : { status, reason: RETURN_REASONS[(h >>> 8) % RETURN_REASONS.length]! };
}

export class TransferStore implements Feed {
  readonly name = 'transfers';
  /** Every version of every transfer, in seq order. */
  private readonly log: Transfer[] = [];
  private readonly current = new Map<string, Transfer>();
  private readonly pending: { id: string; dueMs: number }[] = [];
  /** Ministries whose answer a test or a demo has fixed (the reason still follows the id). */
  private readonly outcomes = new Map<string, TransferOutcome>();

  constructor(
    private readonly isLiveSubmission: (id: string) => boolean,
    private readonly decisionMs: () => number,
    /** Told when a decision becomes due, so the server can wake up for it. */
    private readonly onDecisionDue: (inMs: number) => void,
  ) {}

  length(): number {
    return this.log.length;
  }
  itemsAt(position: number): unknown[] {
    return [this.log[position]];
  }
  all(): Transfer[] {
    return [...this.current.values()].map((t) => structuredClone(t));
  }

  post(actor: Actor, body: unknown, idempotencyKey: string | null, nowMs: number): ApiResponse {
    this.settle(nowMs);
    if (body === NO_BODY) return errorResponse(400, 'bad_request', 'The request needs a JSON body.');
    if (!idempotencyKey) return errorResponse(400, 'bad_request', 'The Idempotency-Key header is required (the transfer id).');
    const parsed = newTransferBody.safeParse(body);
    if (!parsed.success) return errorResponse(422, 'invalid_transfer', describeIssues(parsed.error.issues));
    const t = parsed.data;
    if (idempotencyKey !== t.id) return errorResponse(400, 'bad_request', 'The Idempotency-Key header must equal the transfer id.');

    const existing = this.current.get(t.id);
    if (existing) return json(200, existing);

    const problems: string[] = [];
    const extra: Record<string, unknown> = {};
    const ministry = findMinistry(t.ministry);
    if (!ministry) {
      problems.push(`unknown ministry ${t.ministry}`);
      extra.ministry = t.ministry;
    } else if (!ministry.active) {
      problems.push(`ministry ${t.ministry} (${ministry.name_ja}) no longer accepts transfers`);
      extra.ministry = t.ministry;
    }
    const badIds = [...new Set(t.submission_ids.filter((id) => !this.isLiveSubmission(id)))];
    if (badIds.length) {
      problems.push(`unknown or deleted submissions: ${badIds.join(', ')}`);
      extra.submission_ids = badIds;
    }
    if (problems.length) return errorResponse(422, 'invalid_transfer', problems.join('; '), extra);

    const at = formatJst(nowMs, true);
    const transfer = this.append({
      id: t.id,
      ministry: t.ministry,
      submission_ids: t.submission_ids,
      note: t.note,
      include_contact: t.include_contact,
      status: 'submitted',
      reason: null,
      created_by: actor.staffId,
      created_at: at,
      updated_at: at,
    });
    const delay = Math.max(0, this.decisionMs());
    this.pending.push({ id: t.id, dueMs: nowMs + delay });
    this.onDecisionDue(delay);
    return json(201, transfer);
  }

  /** From now on this ministry accepts (or returns) every transfer it decides on; null: the id decides again. */
  setOutcome(ministry: string, outcome: TransferOutcome | null): void {
    if (outcome === null) this.outcomes.delete(ministry);
    else this.outcomes.set(ministry, outcome);
  }

  /** Applies every ministry decision that is due by now, in the order they fell due. */
  settle(nowMs: number): void {
    if (!this.pending.some((p) => p.dueMs <= nowMs)) return;
    const due = this.pending.filter((p) => p.dueMs <= nowMs).sort((a, b) => a.dueMs - b.dueMs);
    for (const p of due) {
      this.pending.splice(this.pending.indexOf(p), 1);
      const before = this.current.get(p.id)!;
      const decision = decisionFor(p.id, this.outcomes.get(before.ministry));
      const { seq: _old, ...rest } = before;
      this.append({ ...rest, status: decision.status, reason: decision.reason, updated_at: formatJst(p.dueMs, true) });
    }
  }

  private append(t: Omit<Transfer, 'seq'>): Transfer {
    const version: Transfer = { id: t.id, seq: this.log.length + 1, ...withoutId(t) };
    this.log.push(version);
    this.current.set(version.id, version);
    return version;
  }
}

function withoutId(t: Omit<Transfer, 'seq'>): Omit<Transfer, 'seq' | 'id'> {
  const { id: _id, ...rest } = t;
  return rest;
}
