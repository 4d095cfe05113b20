// Shared bench plumbing: temporary data dirs (all removed at the end, even after a failure or
// Ctrl-C, because the 1M stores are gigabytes), fresh encrypted stores, progress on stderr.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../main/store/db.js';

/** The simulator's data is a pure function of (seed, count, now): fixed, so runs compare. */
export const SIM_SEED = 1;
export const SIM_NOW = new Date('2026-11-28T12:00:00+09:00');
export const DEMO_CREDENTIALS = { username: 'sato', password: 'koe-demo' };

const dirs = new Set<string>();

export function benchDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `koe-bench-${label}-`));
  dirs.add(dir);
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

export function removeAllDirs(): void {
  for (const dir of [...dirs]) removeDir(dir);
}

export interface StoreFiles {
  dir: string;
  path: string;
  key: Buffer;
}

/** A new encrypted store with Koe's schema, as a first launch creates it. */
export function freshStore(label: string): StoreFiles & { db: Db } {
  const dir = benchDir(label);
  const path = join(dir, 'koe.db');
  const key = randomBytes(32);
  return { dir, path, key, db: openDatabase({ path, key }) };
}

/** Folds the WAL into the main file first, so the size is what stays on disk. */
export function databaseSizeMb(db: Db, path: string): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  let bytes = statSync(path).size;
  if (existsSync(`${path}-wal`)) bytes += statSync(`${path}-wal`).size;
  return bytes / 1e6;
}

export function label(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);
}

const started = performance.now();
/** Progress for the person waiting: stderr, so stdout stays the table. */
export function progress(message: string): void {
  const s = ((performance.now() - started) / 1000).toFixed(0).padStart(5);
  process.stderr.write(`[${s}s load ${loadavg()[0].toFixed(1)}] ${message}\n`);
}

/** Progress at most every `everyMs`, for loops that report per page. */
export function throttled(everyMs: number): (message: () => string) => void {
  let last = 0;
  return (message) => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    progress(message());
  };
}
