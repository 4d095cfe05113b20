// A workstation delivering its mail outbox, to be killed at random (SIGKILL) by the mail crash
// test: it keeps delivering whatever is due until it is stopped.
import { KeyFileProvider } from '../keys/key-file.js';
import { MailSender } from '../mail/sender.js';
import { parseSmtpUrl } from '../mail/smtp.js';
import { openStore } from '../store/open-store.js';

const [dataDir, keyFile, smtpUrl] = process.argv.slice(2);
const db = await openStore(dataDir, new KeyFileProvider(keyFile));
const relay = parseSmtpUrl(smtpUrl)!;
const sender = new MailSender(db, {
  relay: () => ({ relay }),
  canSend: () => true,
  staffId: () => 'st-001',
  // Retry at once: the test is about crashes, not about waiting.
  backoff: { baseMs: 1, capMs: 1 },
});
process.stdout.write('ready\n');
for (;;) {
  const r = await sender.deliverDue();
  if (r.sent) process.stdout.write(`sent ${r.sent}\n`);
  await new Promise((resolve) => setTimeout(resolve, 10));
}
