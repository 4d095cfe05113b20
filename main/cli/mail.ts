// The mail commands: `koe outbox --json` lists the mail outbox, and `sync --once` also delivers
// the replies waiting in it (then pushes their reply_sent events), as the app's sender would.
// The relay: the managed policy's smtpUrl, else KOE_SMTP_URL, else the settings an admin saved.
import { readFileSync } from 'node:fs';
import type { Db } from '../store/db.js';
import { readManagedPolicy } from '../policy/read-policy.js';
import { SyncEngine } from '../sync/engine.js';
import type { OfficeClient } from '../sync/client.js';
import { listOutbox, type OutboxRow } from '../mail/outbox.js';
import { MailSender } from '../mail/sender.js';
import { effectiveSettings, loadStoredSettings, type MailEnvironment } from '../mail/settings.js';
import { addAfterSync } from './core.js';
import { UsageError, type Command } from './command.js';

const warn = (line: string) => process.stderr.write(`koe: ${line}\n`);

async function cliMailEnvironment(): Promise<MailEnvironment> {
  const policy = await readManagedPolicy({ platform: process.platform, log: { warn } });
  let caBundle: string | undefined;
  if (policy.values.caBundlePath) {
    try {
      caBundle = readFileSync(policy.values.caBundlePath, 'utf8');
    } catch (err) {
      warn(`the office CA certificates (${policy.values.caBundlePath}) cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  return {
    policySmtpUrl: policy.values.smtpUrl ?? null,
    policyReplyApproval: policy.values.replyApproval ?? null,
    smtpUrl: process.env.KOE_SMTP_URL || null,
    caBundle,
  };
}

/** Delivers what is due in the mail outbox; the reply_sent events go to the office at once. */
export async function deliverReplies(db: Db, client: OfficeClient): Promise<Record<string, number>> {
  const staffId = client.currentSession?.staff.id ?? null;
  const env = await cliMailEnvironment();
  const sender = new MailSender(db, {
    relay: () => {
      const e = effectiveSettings(loadStoredSettings(db), env);
      return e.relay ? { relay: e.relay } : { problem: e.problem ?? 'The mail relay is not set up.' };
    },
    canSend: () => staffId !== null,
    staffId: () => staffId,
    log: warn,
  });
  try {
    const r = await sender.deliverDue();
    if (r.sent > 0) {
      try {
        await new SyncEngine(db, client).pushOutbox();
      } catch (err) {
        warn(`replies were sent; recording them at the office waits for the next sync (${(err as Error).message})`);
      }
    }
    return { replies_sent: r.sent, replies_retrying: r.retrying, replies_failed: r.failed };
  } finally {
    await sender.close();
  }
}

addAfterSync((db, _summary, client) => deliverReplies(db, client));

/** `pending` covers queued and sending: on its way, not yet accepted by the relay. */
function cliState(state: OutboxRow['state']): 'pending' | 'failed' | 'sent' | 'cancelled' {
  return state === 'queued' || state === 'sending' ? 'pending' : state;
}

export const mailCommands: Command[] = [
  {
    name: 'outbox',
    usage: ['outbox --json [--all]                 replies on their way, failed and sent (--all: cancelled too)'],
    options: { json: { type: 'boolean' }, all: { type: 'boolean' } },
    run: (ctx) => {
      if (!ctx.values.json) throw new UsageError('outbox prints JSON lines: pass --json');
      return ctx.withStore((db) => {
        for (const r of listOutbox(db, undefined, 100_000).reverse()) {
          if (r.state === 'cancelled' && !ctx.values.all) continue;
          ctx.out(
            JSON.stringify({
              id: r.id,
              submission_id: r.submission_id,
              state: cliState(r.state),
              attempts: r.attempts,
              last_error: r.last_error,
              message_id: r.message_id,
              sent_at: r.sent_at,
            }),
          );
        }
        return 0;
      });
    },
  },
];
