// Encrypted backups of the live database, on demand and on a schedule, with a retention count.
//
// `db.backup()` cannot write an encrypted copy with this cipher build (it refuses a target whose
// cipher differs from the source, and it cannot key the target), so a backup is `VACUUM INTO`
// on the keyed connection: SQLite3 Multiple Ciphers writes the copy with the same cipher and
// key, as one self-contained file (rollback journal, no -wal), from one consistent snapshot,
// while the app keeps working. The copy is written under a temporary name, flushed, then
// renamed, so a crash never leaves half a backup under a backup's name.
import { readdirSync, renameSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BackupInfo } from '../../shared/contract-safety.js';
import { keyPragmas, openDatabase, sqliteModulePath, StoreError, type Db } from '../store/db.js';
import { schemaVersion, SCHEMA_VERSION } from '../store/migrations/index.js';
import { fsyncDir, fsyncFile, stamp } from './files.js';
import { SafetyError } from './safety-error.js';

export const DEFAULT_BACKUP_RETENTION = 7;
export const DEFAULT_BACKUP_INTERVAL_MS = 24 * 60 * 60_000;
const BACKUP_NAME = /^koe-(\d{8})T(\d{6})(\d{3})Z\.kbak$/;

export const backupDir = (dataDir: string) => join(dataDir, 'backups');

export class BackupError extends SafetyError {
  constructor(
    readonly code: 'wrong_key' | 'damaged' | 'newer_schema' | 'not_koe' | 'missing',
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Writes an encrypted copy of `db` to `target` (which must not exist yet). */
export function writeBackup(db: Db, target: string): { bytes: number; ms: number } {
  const started = performance.now();
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const partial = join(dirname(target), `.${basename(target)}.partial`);
  // A partial copy from an interrupted backup holds nothing the database does not.
  rmSync(partial, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    fsyncFile(partial);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  fsyncDir(dirname(target));
  return { bytes: statSync(target).size, ms: performance.now() - started };
}

/**
 * The same copy made by a worker thread on a read-only connection of its own, so a large
 * database never holds up the app: WAL readers see one consistent snapshot while the app keeps
 * writing. Plain JavaScript run with `eval`, so it needs no build step in the app or the tests.
 */
const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const fs = require('node:fs');
try {
  const Database = require(w.sqlite);
  const db = new Database(w.path, { readonly: true, fileMustExist: true });
  try {
    for (const p of w.pragmas) db.pragma(p);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.prepare('VACUUM INTO ?').run(w.partial);
  } finally {
    db.close();
  }
  const fd = fs.openSync(w.partial, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  parentPort.postMessage({ ok: true });
} catch (e) {
  parentPort.postMessage({ ok: false, code: e && e.code, message: String(e && e.message) });
}
`;


/** Writes an encrypted copy of the database file at `source` to `target` without blocking this thread. */
export async function writeBackupInBackground(source: string, key: Buffer, target: string): Promise<{ bytes: number; ms: number }> {
  const started = performance.now();
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const partial = join(dirname(target), `.${basename(target)}.partial`);
  rmSync(partial, { force: true });
  try {
    const answer = await new Promise<{ ok: boolean; code?: string; message?: string }>((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sqlite: sqliteModulePath(), path: source, pragmas: keyPragmas(key), partial } });
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the backup worker stopped (${code})`)));
    });
    if (!answer.ok) throw Object.assign(new Error(answer.message ?? 'the backup failed'), { code: answer.code });
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  fsyncDir(dirname(target));
  return { bytes: statSync(target).size, ms: performance.now() - started };
}

/** createBackup without blocking: for the app's schedule and its "back up now". */
export async function createBackupInBackground(
  source: string,
  key: Buffer,
  dataDir: string,
  o: { retention?: number; now?: Date } = {},
): Promise<BackupInfo & { path: string; ms: number }> {
  const now = o.now ?? new Date();
  const name = `koe-${stamp(now)}.kbak`;
  const path = join(backupDir(dataDir), name);
  const { bytes, ms } = await writeBackupInBackground(source, key, path);
  pruneBackups(dataDir, o.retention ?? DEFAULT_BACKUP_RETENTION);
  return { name, createdAt: now.toISOString(), bytes, path, ms };
}

/** A backup in the data dir's backup folder, then the oldest beyond `retention` are removed. */
export function createBackup(db: Db, dataDir: string, o: { retention?: number; now?: Date } = {}): BackupInfo & { path: string; ms: number } {
  const dir = backupDir(dataDir);
  const now = o.now ?? new Date();
  const name = `koe-${stamp(now)}.kbak`;
  const path = join(dir, name);
  const { bytes, ms } = writeBackup(db, path);
  pruneBackups(dataDir, o.retention ?? DEFAULT_BACKUP_RETENTION);
  return { name, createdAt: now.toISOString(), bytes, path, ms };
}

/** Backups in the backup folder, newest first. */
export function listBackups(dataDir: string): (BackupInfo & { path: string })[] {
  const dir = backupDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: (BackupInfo & { path: string })[] = [];
  for (const name of names) {
    const m = BACKUP_NAME.exec(name);
    if (!m) continue;
    const [, d, t, ms] = m;
    const createdAt = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}.${ms}Z`;
    out.push({ name, createdAt, bytes: statSync(join(dir, name)).size, path: join(dir, name) });
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Keeps the newest `retention` backups; returns the names removed. */
export function pruneBackups(dataDir: string, retention: number): string[] {
  const keep = Math.max(1, retention);
  const removed: string[] = [];
  for (const b of listBackups(dataDir).slice(keep)) {
    rmSync(b.path, { force: true });
    removed.push(b.name);
  }
  if (removed.length) fsyncDir(backupDir(dataDir));
  return removed;
}

export interface BackupCheck {
  schema: number;
  submissions: number;
  pendingItems: number;
  auditEntries: number;
}

/**
 * Opens a backup with the key (read-only), runs integrity_check and reads the schema version.
 * Throws a BackupError that says what is wrong; never changes the file.
 */
export function verifyBackup(file: string, key: Buffer): BackupCheck {
  let db: Db;
  try {
    db = openDatabase({ path: file, key, readonly: true });
  } catch (err) {
    if (err instanceof StoreError && err.code === 'wrong_key') {
      throw new BackupError('wrong_key', `${basename(file)} does not open with this workstation's key (another key, or not a Koe backup)`);
    }
    if (err instanceof StoreError) throw new BackupError('damaged', `${basename(file)} is damaged: ${err.message}`);
    if ((err as { code?: string }).code === 'SQLITE_CANTOPEN') throw new BackupError('missing', `${file} cannot be opened`);
    throw err;
  }
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0].integrity_check !== 'ok') {
      throw new BackupError('damaged', `${basename(file)} is damaged: ${rows.slice(0, 3).map((r) => r.integrity_check).join('; ')}`);
    }
    const schema = schemaVersion(db);
    if (schema > SCHEMA_VERSION) {
      throw new BackupError('newer_schema', `${basename(file)} was made by a newer Koe (schema ${schema}; this Koe knows ${SCHEMA_VERSION})`);
    }
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (schema < 1 || !['submissions', 'outbox', 'audit_log', 'kv'].every((t) => tables.has(t))) {
      throw new BackupError('not_koe', `${basename(file)} is not a Koe database`);
    }
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { schema, submissions: count('submissions'), pendingItems: count('outbox'), auditEntries: count('audit_log') };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') throw new BackupError('damaged', `${basename(file)} is damaged: ${(err as Error).message}`);
    throw err;
  } finally {
    db.close();
  }
}

/**
 * Makes a backup every `intervalMs` (the first once the newest backup is older than that),
 * skipping silently while the database is closed. Returns a function that stops the schedule.
 */
export function scheduleBackups(o: {
  db: Db;
  dataDir: string;
  intervalMs?: number;
  retention?: number;
  /** Waits this long after start before the first check, so starting stays quick. */
  firstCheckMs?: number;
  run?: () => Promise<unknown> | unknown;
  log?: (message: string) => void;
}): () => void {
  const interval = o.intervalMs ?? DEFAULT_BACKUP_INTERVAL_MS;
  let timer: NodeJS.Timeout | null = null;
  const due = () => {
    const newest = listBackups(o.dataDir)[0];
    return !newest || Date.now() - Date.parse(newest.createdAt) >= interval;
  };
  let stopped = false;
  const tick = async () => {
    if (stopped || !o.db.open) return stop();
    try {
      if (due()) await (o.run ?? (() => createBackup(o.db, o.dataDir, { retention: o.retention })))();
    } catch (err) {
      o.log?.(`scheduled backup failed: ${(err as Error).message}`);
    }
    if (stopped) return;
    timer = setTimeout(() => void tick(), Math.min(interval, 60 * 60_000));
    timer.unref();
  };
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
  };
  timer = setTimeout(() => void tick(), o.firstCheckMs ?? 60_000);
  timer.unref();
  return stop;
}
