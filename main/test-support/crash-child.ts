// A workstation that is killed at random: it performs triage actions and syncs in a loop,
// printing "ack <event id> <tag>" only after each action has committed. Used by the crash loop.
import { KeyFileProvider } from '../keys/key-file.js';
import { openStore } from '../store/open-store.js';
import { connect } from '../sync/connection.js';
import { SyncEngine } from '../sync/engine.js';
import { applyAction } from '../triage/commands.js';

const [dataDir, keyFile, apiUrl, prefix] = process.argv.slice(2);
const db = await openStore(dataDir, new KeyFileProvider(keyFile));
const client = connect(db, { baseUrl: apiUrl, credentials: () => ({ username: 'sato', password: 'koe-demo' }), timeoutMs: 5000 });
const engine = new SyncEngine(db, client, { pageLimit: 50 });
process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  const ids = (db.prepare('SELECT id FROM submissions ORDER BY random() LIMIT 2').all() as { id: string }[]).map((r) => r.id);
  if (ids.length) {
    const tag = `${prefix}-${n}`;
    applyAction(db, ids.slice(0, 1), { type: 'tag_added', tag }, 'st-001');
    const row = db.prepare('SELECT id FROM outbox ORDER BY n DESC LIMIT 1').get() as { id: string } | undefined;
    process.stdout.write(`ack ${row?.id} ${tag}\n`);
  }
  if (n % 3 === 0) await engine.syncOnce().catch((e: Error) => process.stderr.write(`sync: ${e.message}\n`));
}
