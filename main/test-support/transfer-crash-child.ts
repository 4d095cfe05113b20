// A workstation sending a transfer, to be killed (SIGKILL) at any moment: it queues everything
// marked for one ministry and not yet transferred (unless a batch is already queued), then
// pushes the transfers outbox. Prints "ready", "queued <transfer ids>", "sending", "sent <n>".
import { KeyFileProvider } from '../keys/key-file.js';
import { openStore } from '../store/open-store.js';
import { connect } from '../sync/connection.js';
import { listOutbox, queueBatch } from '../transfers/outbox.js';
import { pushTransferOutbox } from '../transfers/sender.js';
import { pendingIds } from '../transfers/tracking.js';

const [dataDir, keyFile, apiUrl, ministry] = process.argv.slice(2);
const db = await openStore(dataDir!, new KeyFileProvider(keyFile!));
const client = connect(db, { baseUrl: apiUrl!, credentials: () => ({ username: 'sato', password: 'koe-demo' }), timeoutMs: 10_000 });
process.stdout.write('ready\n');
const waiting = [...pendingIds(db, ministry!)];
if (waiting.length > 0 && !listOutbox(db).some((q) => q.ministry === ministry)) {
  const { drafts } = queueBatch(db, { ministry: ministry!, submissionIds: waiting, note: 'kill -9 test', includeContact: false }, 'st-001');
  process.stdout.write(`queued ${drafts.map((d) => d.id).join(' ')}\n`);
}
process.stdout.write('sending\n');
const r = await pushTransferOutbox(db, client);
process.stdout.write(`sent ${r.sent}\n`);
client.close();
db.close();
process.exit(0);
