// What the services hold for replies: the effective relay settings and the outbox sender, made
// for one data dir and started and stopped with the rest.
import type { Db } from '../store/db.js';
import { MailSender, type SenderOptions } from './sender.js';
import { effectiveSettings, loadStoredSettings, type EffectiveMailSettings, type MailEnvironment, type StoredMailSettings } from './settings.js';
import type { Delivery, OutgoingMessage, RelayConfig } from './smtp.js';

export interface MailService {
  readonly env: MailEnvironment;
  readonly sender: MailSender;
  stored(): StoredMailSettings;
  effective(): EffectiveMailSettings;
  start(): void;
  close(): Promise<void>;
}

export interface MailServiceDeps {
  db: Db;
  env: MailEnvironment;
  staffId(): string | null;
  /** A reply_sent event was queued: push it soon. */
  onSent(): void;
  onChange(): void;
  log(line: string): void;
  /** Tests only: a different delivery (e.g. with short timeouts). */
  deliver?: (relay: RelayConfig, message: OutgoingMessage) => Promise<Delivery>;
  backoff?: SenderOptions['backoff'];
}

export function createMailService(d: MailServiceDeps): MailService {
  const stored = () => loadStoredSettings(d.db);
  const effective = () => effectiveSettings(stored(), d.env);
  const sender = new MailSender(d.db, {
    relay: () => {
      const e = effective();
      // Queued messages carry their own From: only the relay itself is needed to send them.
      return e.relay ? { relay: e.relay } : { problem: e.problem ?? 'The mail relay is not set up.' };
    },
    canSend: () => d.staffId() !== null,
    staffId: d.staffId,
    onSent: () => d.onSent(),
    onChange: () => d.onChange(),
    log: d.log,
    deliver: d.deliver,
    backoff: d.backoff,
  });
  return {
    env: d.env,
    sender,
    stored,
    effective,
    start: () => sender.start(),
    close: () => sender.close(),
  };
}
