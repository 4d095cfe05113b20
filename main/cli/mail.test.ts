// `koe outbox --json` and the replies `koe sync --once` delivers, as IT and automation run them:
// a real child process, the real simulator and its SMTP sink, a real encrypted store.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyFileProvider } from '../keys/key-file.js';
import { saveDraft } from '../mail/drafts.js';
import { queueMessage } from '../mail/outbox.js';
import { openStore } from '../store/open-store.js';
import { readMessage } from '../simulator/mail-read.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { tempDir } from '../test-support/temp-store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

let sim: SimulatorHandle;
const dir = tempDir('koe-cli-mail-');
const dataDir = join(dir, 'data');
const keyFile = join(dir, 'db.key');

function koe(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, join(ROOT, 'main', 'cli.ts'), ...args, '--data-dir', dataDir],
      { env: { ...process.env, KOE_DB_KEY_FILE: keyFile, KOE_USERNAME: 'tanaka', KOE_PASSWORD: 'koe-demo', KOE_SMTP_URL: '', ...env } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const lines = (s: string) => s.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

/** Writes replies to the outbox exactly as Send does, for the CLI to deliver. */
async function queue(n: number): Promise<{ id: string; messageId: string; recipient: string }[]> {
  const db = await openStore(dataDir, new KeyFileProvider(keyFile));
  try {
    const subs = db.prepare(`SELECT id, email FROM submissions WHERE email LIKE '%@example.%' AND id NOT IN (SELECT submission_id FROM mail_outbox) ORDER BY k DESC LIMIT ?`).all(n) as { id: string; email: string }[];
    return subs.map((s) => {
      const d = saveDraft(db, s.id, 'st-004', { subject: '【政府広聴室】ご意見ありがとうございました', body: 'ご意見をお寄せいただき、ありがとうございました。' });
      const row = db.transaction(() =>
        queueMessage(db, { submissionId: s.id, draftId: d.id, recipient: s.email, subject: d.subject, body: d.body, fromAddress: 'kouchou@office.example', fromName: '政府広聴室', replyTo: null, staffId: 'st-004', messageIdDomain: 'koe.office.example' }),
      )();
      return { id: row.id, messageId: row.message_id, recipient: s.email };
    });
  } finally {
    db.close();
  }
}

async function makeDue(): Promise<void> {
  const db = await openStore(dataDir, new KeyFileProvider(keyFile));
  db.prepare(`UPDATE mail_outbox SET next_attempt_at = 0 WHERE state = 'queued'`).run();
  db.close();
}

beforeAll(async () => {
  sim = await startSimulator({ count: 80, seed: 9, smtpSink: true });
  const r = await koe(['sync', '--once', '--json', '--api', sim.url]);
  expect(r.code).toBe(0);
  expect(lines(r.stdout)[0]).toMatchObject({ replies_sent: 0, replies_retrying: 0, replies_failed: 0 });
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('koe and the mail outbox', () => {
  it('outbox --json lists pending replies; sync --once delivers them over KOE_SMTP_URL, retries a 4xx, and records reply_sent at the office', async () => {
    const queued = await queue(2);
    let out = lines((await koe(['outbox', '--json'])).stdout);
    expect(out).toEqual(queued.map((q) => ({ id: q.id, submission_id: expect.any(String), state: 'pending', attempts: 0, last_error: null, message_id: q.messageId, sent_at: null })));

    // Without a relay nothing goes and nothing is lost.
    let r = await koe(['sync', '--once', '--json']);
    expect(lines(r.stdout)[0]).toMatchObject({ replies_sent: 0 });
    expect(lines((await koe(['outbox', '--json'])).stdout).map((l) => l.state)).toEqual(['pending', 'pending']);

    sim.smtp!.setFaults({ refuseNext: 1, refuseCode: 451, refuseMessage: '4.3.2 Try again later' });
    r = await koe(['sync', '--once', '--json'], { KOE_SMTP_URL: `smtp://koe:relay-pass@127.0.0.1:${sim.smtp!.port}` });
    expect(r.code).toBe(0);
    expect(lines(r.stdout)[0]).toMatchObject({ replies_sent: 1, replies_retrying: 1, replies_failed: 0 });
    out = lines((await koe(['outbox', '--json'])).stdout);
    expect(out.map((l) => [l.state, l.attempts, l.last_error])).toEqual([
      ['pending', 1, '451 4.3.2 Try again later'],
      ['sent', 1, null],
    ]);

    await makeDue();
    r = await koe(['sync', '--once', '--json'], { KOE_SMTP_URL: sim.smtp!.url });
    expect(lines(r.stdout)[0]).toMatchObject({ replies_sent: 1, replies_retrying: 0 });
    expect(lines((await koe(['outbox', '--json'])).stdout).map((l) => l.state)).toEqual(['sent', 'sent']);

    const delivered = sim.smtp!.messages.map((m) => ({ id: readMessage(m.raw).header('message-id'), to: m.rcptTo }));
    expect(delivered.sort((a, b) => a.id!.localeCompare(b.id!))).toEqual(queued.map((q) => ({ id: q.messageId, to: [q.recipient] })).sort((a, b) => a.id.localeCompare(b.id)));
    // Each recorded at the office once, as the signed-in supervisor.
    const ids = new Set(queued.map((q) => q.messageId));
    const recorded = (sim.storedEvents() as { type: string; staff_id: string; payload: { message_id?: string } }[]).filter((e) => e.type === 'reply_sent' && ids.has(e.payload.message_id ?? ''));
    expect(recorded.map((e) => [e.payload.message_id, e.staff_id]).sort()).toEqual(queued.map((q) => [q.messageId, 'st-004']).sort());
  });

  it('a permanent refusal shows as failed with the relay’s reason', async () => {
    const [q] = await queue(1);
    sim.smtp!.setFaults({ refuseNext: 1, refuseCode: 550, refuseMessage: '5.1.1 No such user' });
    const r = await koe(['sync', '--once', '--json'], { KOE_SMTP_URL: sim.smtp!.url });
    expect(lines(r.stdout)[0]).toMatchObject({ replies_sent: 0, replies_failed: 1 });
    const line = lines((await koe(['outbox', '--json'])).stdout).find((l) => l.id === q.id);
    expect(line).toMatchObject({ state: 'failed', attempts: 1, last_error: '550 5.1.1 No such user' });
    expect((await koe(['outbox'])).code).toBe(2);
  });
});
