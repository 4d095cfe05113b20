// The submissions feed: every change to submissions, in server order. The seeded part is
// virtual (item i is generated when asked for); what happens while the simulator runs
// (arrivals, corrections, deletions) is appended to a small tail.
import type { Feed } from './feeds.js';
import type { FaultState } from './faults.js';
import {
  generateSubmission,
  parseSubmissionId,
  seededReceivedAtMs,
  submissionIdFor,
  type SeedParams,
  type SubmissionFields,
} from './data/seed.js';
import { applySeededCorrection, planSeededChanges, type SeededChange } from './data/seeded-changes.js';
import { jstYear } from './time.js';

export type SubmissionPatch = Partial<{ body: string; category: string; theme: string | null; email: string | null }>;

type TailEntry =
  | { kind: 'new'; index: number }
  | { kind: 'correction'; fields: SubmissionFields }
  | { kind: 'tombstone'; id: string; reason: string };

export class SubmissionLog implements Feed {
  readonly name = 'submissions';
  private readonly changes: SeededChange[];
  /** Feed position of each seeded change (strictly increasing). */
  private readonly changePositions: number[];
  private readonly seededLength: number;
  private readonly tail: TailEntry[] = [];
  private readonly arrivalTimes: number[] = [];
  private readonly deleted = new Map<number, string>();
  /** The latest version of every submission that has been corrected. */
  private readonly corrected = new Map<number, SubmissionFields>();

  constructor(private readonly params: SeedParams) {
    this.changes = planSeededChanges(params);
    this.changePositions = this.changes.map((c, m) => c.afterIndex + 1 + m);
    this.seededLength = params.count + this.changes.length;
    for (const c of this.changes) {
      if (c.kind === 'tombstone') this.deleted.set(c.index, c.reason);
      else this.corrected.set(c.index, applySeededCorrection(this.generate(c.index), c));
    }
  }

  /** Submissions ever known (seeded and arrived), deleted ones included. */
  get total(): number {
    return this.params.count + this.arrivalTimes.length;
  }

  length(): number {
    return this.seededLength + this.tail.length;
  }

  receivedAtMs(index: number): number {
    return index < this.params.count ? seededReceivedAtMs(this.params, index) : this.arrivalTimes[index - this.params.count]!;
  }

  private generate(index: number): SubmissionFields {
    return generateSubmission(this.params, index, this.receivedAtMs(index)).fields;
  }

  /** Whether submission `index` belongs to one of the seeded campaigns. */
  campaignOf(index: number): string | null {
    return generateSubmission(this.params, index, this.receivedAtMs(index)).campaign;
  }

  itemAt(position: number): Record<string, unknown> {
    const seq = position + 1;
    if (position >= this.seededLength) {
      const entry = this.tail[position - this.seededLength]!;
      if (entry.kind === 'tombstone') return { id: entry.id, seq, deleted: true, reason: entry.reason };
      return withSeq(entry.kind === 'new' ? this.generate(entry.index) : entry.fields, seq);
    }
    // Binary search: how many seeded changes come before this position?
    let lo = 0;
    let hi = this.changePositions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.changePositions[mid]! < position) lo = mid + 1;
      else hi = mid;
    }
    if (this.changePositions[lo] === position) {
      const change = this.changes[lo]!;
      if (change.kind === 'tombstone') {
        return { id: submissionIdFor(change.index, this.receivedAtMs(change.index)), seq, deleted: true, reason: change.reason };
      }
      return withSeq(applySeededCorrection(this.generate(change.index), change), seq);
    }
    return withSeq(this.generate(position - lo), seq);
  }

  itemsAt(position: number, faults: FaultState): unknown[] {
    const item = this.itemAt(position);
    const every = Math.floor(faults.faults.invalidItemsEvery);
    if (every > 0 && (position + 1) % every === 0) return [item, invalidCompanion(item, position, every)];
    return [item];
  }

  /** The index an id names, if such a submission was ever issued (deleted or not). */
  indexOf(id: string): number | null {
    const parsed = parseSubmissionId(id);
    if (!parsed || parsed.index >= this.total) return null;
    return jstYear(this.receivedAtMs(parsed.index)) === parsed.year ? parsed.index : null;
  }

  isLive(id: string): boolean {
    const index = this.indexOf(id);
    return index !== null && !this.deleted.has(index);
  }

  isDeletedIndex(index: number): boolean {
    return this.deleted.has(index);
  }

  /** New submissions arrive now; returns their ids. */
  add(n: number, nowMs: number): string[] {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error('addSubmissions needs a whole number ≥ 0');
    const ids: string[] = [];
    for (let k = 0; k < n; k++) {
      const index = this.total;
      this.arrivalTimes.push(nowMs);
      this.tail.push({ kind: 'new', index });
      ids.push(submissionIdFor(index, nowMs));
    }
    return ids;
  }

  /** The office corrected a submission: the same id comes again with a higher seq. */
  correct(id: string, patch: SubmissionPatch): void {
    const index = this.liveIndex(id);
    const allowed = new Set(['body', 'category', 'theme', 'email']);
    for (const [key, value] of Object.entries(patch)) {
      if (!allowed.has(key)) throw new Error(`cannot correct ${key}`);
      if ((key === 'body' || key === 'category') && (typeof value !== 'string' || value.length === 0)) throw new Error(`${key} must be a non-empty string`);
      if ((key === 'theme' || key === 'email') && value !== null && typeof value !== 'string') throw new Error(`${key} must be a string or null`);
    }
    const fields = { ...(this.corrected.get(index) ?? this.generate(index)), ...patch };
    this.corrected.set(index, fields);
    this.tail.push({ kind: 'correction', fields });
  }

  /** A tombstone: clients remove everything they hold for the id. Deleting twice is a no-op. */
  delete(id: string, reason = 'withdrawn'): void {
    const index = this.indexOf(id);
    if (index === null) throw new Error(`unknown submission ${id}`);
    if (this.deleted.has(index)) return;
    this.deleted.set(index, reason);
    this.tail.push({ kind: 'tombstone', id, reason });
  }

  liveIds(): string[] {
    const ids: string[] = [];
    for (let i = 0; i < this.total; i++) if (!this.deleted.has(i)) ids.push(submissionIdFor(i, this.receivedAtMs(i)));
    return ids;
  }

  private liveIndex(id: string): number {
    const index = this.indexOf(id);
    if (index === null) throw new Error(`unknown submission ${id}`);
    if (this.deleted.has(index)) throw new Error(`submission ${id} was deleted`);
    return index;
  }
}

function withSeq(fields: SubmissionFields, seq: number): Record<string, unknown> {
  const { id, ...rest } = fields;
  return { id, seq, ...rest };
}

const INVALID_KINDS = ['bad_seq', 'bad_time', 'missing_id', 'empty_body', 'fax', 'fractional_seq', 'bad_id', 'body_not_text'] as const;

/** A deterministic item that breaks the contract, for the "keep it aside and go on" rule.
 * Its id (when it has one) is its own, so it never competes with a real submission. */
function invalidCompanion(valid: Record<string, unknown>, position: number, every: number): Record<string, unknown> {
  const kind = INVALID_KINDS[Math.floor((position + 1) / every) % INVALID_KINDS.length]!;
  const base: Record<string, unknown> = { ...valid, id: `S-INVALID-${position + 1}`, deleted: undefined };
  delete base.deleted;
  switch (kind) {
    case 'bad_seq':
      return { ...base, seq: `seq-${position + 1}` };
    case 'bad_time':
      return { ...base, received_at: '2026/11/28 09:15' };
    case 'missing_id': {
      const { id: _omitted, ...rest } = base;
      return { ...rest, body: `ID のない投稿 ${position + 1}` };
    }
    case 'empty_body':
      return { ...base, body: '' };
    case 'fax':
      return { ...base, channel: 'fax', body: 'FAX で届いた意見の転記です。' };
    case 'fractional_seq':
      return { ...base, seq: position + 1.5 };
    case 'bad_id':
      return { ...base, id: `S 2026/${position + 1}` };
    case 'body_not_text':
      return { ...base, body: position + 1 };
  }
}
