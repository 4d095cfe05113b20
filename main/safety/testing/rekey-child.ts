// A workstation rotating its database key again and again, writing between rotations, until it
// is killed. Prints "ack <n>" after each committed write and "rotated <ms>" after each rekey.
import { KeyFileProvider } from '../../keys/key-file.js';
import { dbPath, openStore } from '../../store/open-store.js';
import { rekeyDatabase } from '../rekey.js';

const [dataDir, keyFile, start] = process.argv.slice(2);
const keys = new KeyFileProvider(keyFile);
const db = await openStore(dataDir, keys);
process.stdout.write('ready\n');
for (let n = Number(start); ; n++) {
  db.prepare('INSERT INTO kv(key, value) VALUES (?, ?)').run(`ack-${n}`, String(n));
  process.stdout.write(`ack ${n}\n`);
  const r = await rekeyDatabase(db, { dataDir, path: dbPath(dataDir), keys, actor: 'test' });
  process.stdout.write(`rotated ${r.ms}\n`);
}
