// Kill -9 at any point of a delivery: nothing is lost, and a reply is never sent under two
// Message-IDs. A child process delivers the outbox to a real SMTP server and is SIGKILLed —
// once while the relay holds its message unanswered, then many times at random.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyFileProvider } from '../keys/key-file.js';
import type { Db } from '../store/db.js';
import { applySubmissionItems } from '../store/ingest-submissions.js';
import { openStore } from '../store/open-store.js';
import { readMessage } from '../simulator/mail-read.js';
import { startSmtpSink, type SmtpSink } from '../simulator/smtp-sink.js';
import { tempDir, wireSubmissionFixture } from '../test-support/temp-store.js';
import { saveDraft } from './drafts.js';
import { queueMessage, type OutboxRow } from './outbox.js';
import { MailSender } from './sender.js';
import { parseSmtpUrl } from './smtp.js';

const CHILD = fileURLToPath(new URL('../test-support/mail-crash-child.ts', import.meta.url));
const TSX = join(fileURLToPath(new URL('../../', import.meta.url)), 'node_modules', 'tsx', 'dist', 'loader.mjs');

let sink: SmtpSink | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await sink?.close();
  sink = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function store() {
  const dir = tempDir('koe-mail-crash-');
  dirs.push(dir);
  const dataDir = join(dir, 'data');
  const keyFile = join(dir, 'key');
  const open = () => openStore(dataDir, new KeyFileProvider(keyFile));
  return { dataDir, keyFile, open };
}

function queueReplies(db: Db, n: number): OutboxRow[] {
  const rows: OutboxRow[] = [];
  for (let i = 0; i < n; i++) {
    const s = wireSubmissionFixture({ email: `citizen${i}@example.jp` });
    applySubmissionItems(db, [s]);
    const draft = saveDraft(db, s.id, 'st-001', { subject: `ご意見への回答 ${i}`, body: `ご意見ありがとうございました。（${i}）` });
    rows.push(
      db.transaction(() =>
        queueMessage(db, {
          submissionId: s.id,
          draftId: draft.id,
          recipient: `citizen${i}@example.jp`,
          subject: draft.subject,
          body: draft.body,
          fromAddress: 'kouchou@office.example',
          fromName: '政府広聴室',
          replyTo: null,
          staffId: 'st-001',
          messageIdDomain: 'koe.office.example',
        }),
      )(),
    );
  }
  return rows;
}

/** Runs the delivering child until `kill` says when, then SIGKILLs it. */
function runChild(args: string[], kill: (child: ReturnType<typeof spawn>) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let readySeen = false;
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      if (!readySeen && d.toString().includes('ready')) {
        readySeen = true;
        void kill(child).then(() => child.kill('SIGKILL'));
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the child exited by itself (${code}): ${stderr.slice(-800)}`));
    });
  });
}

function drain(db: Db, smtpUrl: string) {
  const relay = parseSmtpUrl(smtpUrl)!;
  const sender = new MailSender(db, { relay: () => ({ relay }), canSend: () => true, staffId: () => 'st-001', backoff: { baseMs: 1, capMs: 1 } });
  return sender.deliverDue().finally(() => sender.close());
}

const messageIdsAtSink = () => sink!.messages.map((m) => readMessage(m.raw).header('message-id'));
const replySentEvents = (db: Db) =>
  (db.prepare(`SELECT payload FROM outbox WHERE type = 'reply_sent'`).all() as { payload: string }[]).map((r) => JSON.parse(r.payload).message_id as string);

describe('a delivery killed with SIGKILL', () => {
  it('mid-SMTP, with the relay holding the message: after the restart it goes again under the SAME Message-ID and Date, and is recorded once', async () => {
    sink = await startSmtpSink();
    const st = await store();
    let db = await st.open();
    const [row] = queueReplies(db, 1);
    db.close();

    sink.setFaults({ hold: true });
    await runChild([st.dataDir, st.keyFile, sink.url], () => sink!.waitForHeld());
    // The relay had the whole message when the workstation died; it now accepts it, unheard.
    sink.setFaults({ hold: false });
    expect(messageIdsAtSink()).toEqual([row.message_id]);

    db = await st.open();
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const left = db.prepare('SELECT state, attempts, message_id FROM mail_outbox').get() as { state: string; attempts: number; message_id: string };
      expect(left).toEqual({ state: 'sending', attempts: 1, message_id: row.message_id });

      expect(await drain(db, sink.url)).toEqual({ sent: 1, retrying: 0, failed: 0 });
      // One reply, seen twice by the relay under one Message-ID (which mail systems dedupe).
      expect(messageIdsAtSink()).toEqual([row.message_id, row.message_id]);
      const [a, b] = sink.messages.map((m) => readMessage(m.raw));
      expect(b.header('date')).toBe(a.header('date'));
      expect(b.text).toBe(a.text);
      expect(replySentEvents(db)).toEqual([row.message_id]);
      expect(db.prepare('SELECT state, attempts FROM mail_outbox').get()).toEqual({ state: 'sent', attempts: 2 });
    } finally {
      db.close();
    }
  });

  it('at random moments, many times: every reply reaches its citizen, none under two Message-IDs, each recorded once', async () => {
    sink = await startSmtpSink();
    sink.setFaults({ latencyMs: 40 });
    const st = await store();
    let db = await st.open();
    const rows = queueReplies(db, 24);
    db.close();

    const iterations = 10;
    let integrityFailures = 0;
    for (let i = 0; i < iterations; i++) {
      const delay = 60 + ((i * 7919) % 500);
      await runChild([st.dataDir, st.keyFile, sink.url], () => new Promise((r) => setTimeout(r, delay)));
      db = await st.open();
      if (db.pragma('integrity_check', { simple: true }) !== 'ok') integrityFailures++;
      db.close();
    }
    db = await st.open();
    try {
      await drain(db, sink.url);
      expect(integrityFailures).toBe(0);
      const states = db.prepare('SELECT state, count(*) AS n FROM mail_outbox GROUP BY state').all();
      expect(states).toEqual([{ state: 'sent', n: rows.length }]);

      const ids = new Set(rows.map((r) => r.message_id));
      const seen = messageIdsAtSink();
      // Nothing went out under a Message-ID the outbox did not make.
      expect(seen.filter((m) => !ids.has(m!))).toEqual([]);
      // Every reply arrived, to its own citizen only.
      for (const r of rows) {
        const copies = sink.messages.filter((m) => readMessage(m.raw).header('message-id') === r.message_id);
        expect(copies.length).toBeGreaterThanOrEqual(1);
        for (const c of copies) expect(c.rcptTo).toEqual([r.recipient]);
      }
      // Each recorded once at the office.
      expect(replySentEvents(db).sort()).toEqual([...ids].sort());
      const duplicates = seen.length - ids.size;
      process.stdout.write(`mail crash loop: ${iterations} kills, ${rows.length} replies, ${seen.length} deliveries (${duplicates} duplicate(s) under the same Message-ID)\n`);
    } finally {
      db.close();
    }
  });
});
