// A data dir with a real encrypted database for the safety tests: submissions, pending staff
// actions, audit entries, opened through the key-file provider like the CLI does.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { KeyFileProvider } from '../../keys/key-file.js';
import { appendAudit } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import { applySubmissionItems } from '../../store/ingest-submissions.js';
import { dbPath, openStore } from '../../store/open-store.js';
import { applyAction } from '../../triage/commands.js';
import { tempDir, wireSubmissionFixture } from '../../test-support/temp-store.js';

export const CANARY_BODY = 'カナリア本文-9d2e41：この文章は平文でファイルに現れてはならない';
export const CANARY_EMAIL = 'canary.9d2e41@example.jp';

export interface SeededStore {
  dir: string;
  dataDir: string;
  path: string;
  keys: KeyFileProvider;
  db: Db;
  ids: string[];
  reopen(): Promise<Db>;
}

export async function seededStore(o: { submissions?: number; prefix?: string } = {}): Promise<SeededStore> {
  const dir = tempDir(o.prefix ?? 'koe-safety-');
  const dataDir = join(dir, 'data');
  const keys = new KeyFileProvider(join(dir, 'db.key'));
  const db = await openStore(dataDir, keys);
  const n = o.submissions ?? 30;
  const items = Array.from({ length: n }, (_, i) => wireSubmissionFixture(i === 0 ? { body: CANARY_BODY, email: CANARY_EMAIL } : {}));
  db.transaction(() => applySubmissionItems(db, items))();
  const s: SeededStore = {
    dir,
    dataDir,
    path: dbPath(dataDir),
    keys,
    db,
    ids: items.map((x) => x.id),
    async reopen() {
      if (s.db.open) s.db.close();
      s.db = await openStore(dataDir, keys);
      return s.db;
    },
  };
  return s;
}

/** A pending staff action (one outbox row); returns its event id. */
export function act(db: Db, submissionId: string, tag: string, staffId = 'st-001'): string {
  applyAction(db, [submissionId], { type: 'tag_added', tag }, staffId);
  return (db.prepare('SELECT id FROM outbox ORDER BY n DESC LIMIT 1').pluck().get() as string);
}

export function audit(db: Db, action: string, detail: Record<string, unknown> = {}): void {
  appendAudit(db, { actor: 'st-004', action, detail });
}

export const outboxIds = (db: Db) => db.prepare('SELECT id FROM outbox ORDER BY n').pluck().all() as string[];
export const tagsOf = (db: Db, id: string) => JSON.parse(db.prepare('SELECT tags FROM submissions WHERE id = ?').pluck().get(id) as string) as string[];

/** Every file under `dir` with its SHA-256, to prove nothing changed. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** All bytes of every file under `dir`, for the plaintext scan. */
export function allBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else parts.push(readFileSync(p));
    }
  };
  walk(dir);
  return Buffer.concat(parts);
}

/** Flips `length` bytes at `offset` in a file (a damaged disk sector). */
export function flipBytes(path: string, offset: number, length = 16): void {
  const b = readFileSync(path);
  for (let i = offset; i < Math.min(b.length, offset + length); i++) b[i] ^= 0xa5;
  writeFileSync(path, b);
}
