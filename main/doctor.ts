// `koe doctor`: checks the store without changing it and names each problem.
import { existsSync, readdirSync } from 'node:fs';
import type { KeyProvider } from './keys/key-provider.js';
import { dbPath } from './store/open-store.js';
import { listBackups } from './safety/backup.js';
import { integrityProblems, reclassifyOpenError } from './safety/corruption.js';
import { setAsideDir } from './safety/files.js';
import { openWithKeySlots } from './safety/key-slots.js';
import { schemaVersion, SCHEMA_VERSION } from './store/migrations/index.js';
import { kvGet, stmt } from './store/statements.js';
import { quarantineCount } from './store/quarantine.js';
import { indexPendingCount } from './store/search-index.js';
import { verifyAudit } from './store/audit.js';

export async function runDoctor(dataDir: string, keys: KeyProvider, out: (line: string) => void): Promise<number> {
  const path = dbPath(dataDir);
  const problems: string[] = [];
  out(`data dir: ${dataDir}`);
  if (!existsSync(path)) {
    out('database: none yet (run a sync first)');
    return 1;
  }
  const key = await keys.getKey();
  if (!key) {
    out(`key: missing (${keys.kind})`);
    return 1;
  }
  const backups = listBackups(dataDir);
  out(`backups: ${backups.length}${backups.length ? ` (newest ${backups[0].createdAt})` : ''}`);
  const aside = existsSync(setAsideDir(dataDir)) ? readdirSync(setAsideDir(dataDir)) : [];
  if (aside.length) out(`set aside (kept, never deleted by Koe): ${aside.join(', ')}`);
  let db;
  try {
    // Read-only: tries the pending key of an interrupted rekey too, and changes nothing.
    db = await openWithKeySlots(dataDir, path, keys, { readonly: true });
  } catch (err) {
    // A damaged first page reads like a wrong key; the backups tell which it is.
    const cause = (await reclassifyOpenError(err, dataDir, keys)) as Error;
    out(`${(cause as { code?: string }).code === 'corrupt' ? 'database' : 'key'}: ${cause.message}`);
    process.stderr.write(`koe: ${cause.message}\n`);
    return 1;
  }
  try {
    out(`key: ok (${keys.kind})`);
    // A badly damaged page can make the check itself fail: that is a finding too.
    const findings = integrityProblems(db, 5).map((f) => f.replace(/\s+/g, ' ').trim());
    out(`integrity: ${findings.length === 0 ? 'ok' : `damaged: ${findings.join('; ')}`}`);
    if (findings.length) problems.push('integrity check failed: the database file is damaged (restore the latest backup or resync; see docs/IT.md)');
    const version = schemaVersion(db);
    out(`schema: ${version} (this Koe: ${SCHEMA_VERSION})`);
    if (version !== SCHEMA_VERSION) problems.push(`schema ${version} differs from ${SCHEMA_VERSION}`);
    const count = (sql: string) => (stmt<[], { n: number }>(db!, sql).get()!).n;
    out(`submissions: ${count('SELECT count(*) AS n FROM submissions')}`);
    out(`pending outbox: ${count('SELECT count(*) AS n FROM outbox')}`);
    out(`search index pending: ${indexPendingCount(db)}`);
    out(`quarantined: ${quarantineCount(db)}`);
    out(`last sync: ${kvGet(db, 'last_sync_at') ?? 'never'}`);
    const audit = verifyAudit(db);
    out(`audit log: ${audit.ok ? `intact (${audit.entries} entries)` : audit.problem}`);
    if (!audit.ok) problems.push('audit log chain broken');
  } catch (err) {
    problems.push((err as Error).message);
    out(`error: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  if (problems.length) {
    process.stderr.write(`koe: ${problems.join('; ')}\n`);
    return 1;
  }
  return 0;
}
