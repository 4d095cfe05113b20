// Delivers the mail outbox: takes each message that is due (see outbox.ts for the states),
// hands it to the relay, and records the outcome. Temporary failures come back later with
// exponential backoff and jitter; a refusal for good or unusable settings stop the message and
// say why. One delivery at a time per process; a lease keeps other processes off the same row.
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';
import { markFailed, markRetryLater, markSent, newOwner, nextDueAt, retireOwner, takeNextDue, toOutgoing, type OutboxRow } from './outbox.js';
import { classifySmtpError, deliver, type Delivery, type OutgoingMessage, type RelayConfig } from './smtp.js';

export interface SenderOptions {
  /** The relay as configured now, or why replies cannot go out. */
  relay(): { relay: RelayConfig } | { problem: string };
  /** False while nobody is signed in: a reply_sent must be recorded by the one who sends. */
  canSend(): boolean;
  /** Who the reply_sent event is recorded for (the signed-in staff member). */
  staffId(): string | null;
  /** After a message was accepted (push the reply_sent event) or changed state. */
  onSent?(row: OutboxRow, eventId: string): void;
  onChange?(): void;
  log?(line: string): void;
  now?(): number;
  random?(): number;
  backoff?: { baseMs: number; capMs: number };
  /** Replaceable in tests; nodemailer over the network otherwise. */
  deliver?(relay: RelayConfig, message: OutgoingMessage): Promise<Delivery>;
}

export interface DeliverySummary {
  sent: number;
  retrying: number;
  failed: number;
}

export const DEFAULT_BACKOFF = { baseMs: 30_000, capMs: 15 * 60_000 };

/** Wait before try n+1 after n failed tries: doubling from base, capped, between half and all of it. */
export function backoffMs(failedTries: number, random: () => number, b = DEFAULT_BACKOFF): number {
  const full = Math.min(b.capMs, b.baseMs * 2 ** Math.max(0, failedTries - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

export class MailSender {
  readonly owner = newOwner();
  private running: Promise<DeliverySummary> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly opts: SenderOptions,
  ) {}

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** Delivers now (and again if more work arrives meanwhile); timers take care of later tries. */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.deliverDue()
      .catch((err: unknown) => this.opts.log?.(`mail sender: ${(err as Error).message}`))
      .finally(() => {
        if (this.again && !this.closed) {
          this.again = false;
          this.kick();
        } else this.armTimer();
      });
  }

  /** Sends every message due now, one after another. */
  deliverDue(): Promise<DeliverySummary> {
    if (this.running) return this.running;
    const run = this.run().finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private async run(): Promise<DeliverySummary> {
    const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0 };
    if (!this.opts.canSend()) return summary;
    for (;;) {
      if (this.closed) break;
      const config = this.opts.relay();
      if (!('relay' in config)) {
        // Nothing can go out; what is queued waits, and says why.
        if (this.hasDue()) stmt(this.db, `UPDATE mail_outbox SET last_error = ? WHERE state = 'queued' AND next_attempt_at <= ?`).run(config.problem, this.now());
        break;
      }
      const row = takeNextDue(this.db, this.owner, this.now());
      if (!row) break;
      this.opts.onChange?.();
      await this.deliverOne(row, config.relay, summary);
      this.opts.onChange?.();
    }
    return summary;
  }

  private hasDue(): boolean {
    const t = nextDueAt(this.db);
    return t !== null && t <= this.now();
  }

  private async deliverOne(row: OutboxRow, relay: RelayConfig, summary: DeliverySummary): Promise<void> {
    // Only ever to the address the citizen gave with this submission, as the office holds it now.
    const current = stmt<[string], { email: string | null }>(this.db, 'SELECT email FROM submissions WHERE id = ?').get(row.submission_id);
    if (!current) return; // deleted meanwhile: the row went with it
    if (current.email !== row.recipient) {
      markFailed(this.db, row, this.owner, 'rejected', "the office has changed the citizen's address since this reply was written; check it and send again");
      summary.failed++;
      return;
    }
    try {
      const send = this.opts.deliver ?? ((r: RelayConfig, m: OutgoingMessage) => deliver(r, m));
      const delivery = await send(relay, toOutgoing(row));
      const eventId = markSent(this.db, row, this.owner, delivery.response, this.opts.staffId());
      summary.sent++;
      if (eventId) this.opts.onSent?.(row, eventId);
    } catch (err) {
      const f = classifySmtpError(err);
      if (f.kind === 'temporary') {
        const wait = backoffMs(row.attempts, this.opts.random ?? Math.random, this.opts.backoff);
        markRetryLater(this.db, row, this.owner, f.message, this.now() + wait);
        summary.retrying++;
      } else {
        markFailed(this.db, row, this.owner, f.kind, f.message);
        summary.failed++;
      }
      this.opts.log?.(`reply ${row.message_id} to the relay: ${f.kind}: ${f.message}`);
    }
  }

  private armTimer(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const due = nextDueAt(this.db);
    if (due === null) return;
    // Nobody signed in, or no relay: look again in a minute (signing in and saving the settings
    // also kick the sender). Capped so a clock change cannot leave a message waiting for hours.
    const blocked = !this.opts.canSend() || !('relay' in this.opts.relay());
    const wait = Math.min(Math.max(blocked ? 60_000 : 0, due - this.now()), 10 * 60_000);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, wait);
    this.timer.unref?.();
  }

  start(): void {
    this.kick();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    retireOwner(this.owner);
  }
}
