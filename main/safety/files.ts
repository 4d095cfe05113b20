// Small file-system steps the safety code repeats: flush a file or a folder to disk, move a
// database together with its -wal/-shm/-journal companions, and find the data dir's folders.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/** The files SQLite keeps next to a database; they belong to it and move with it. */
export const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable; Windows cannot open a folder for fsync, where it is skipped. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not possible on this platform.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Renames a database and its companion files, so the moved file still opens with its own WAL. */
export function moveDatabase(from: string, to: string): void {
  for (const suffix of COMPANIONS) if (existsSync(from + suffix)) renameSync(from + suffix, to + suffix);
  renameSync(from, to);
}

export function hasCompanions(path: string): boolean {
  return COMPANIONS.some((s) => existsSync(path + s));
}

/** A folder name from a time: sortable, no characters Windows refuses. */
export function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('.', '');
}

/** Where files Koe moved out of the way are kept (never deleted by Koe). */
export function setAsideDir(dataDir: string): string {
  return join(dataDir, 'set-aside');
}

/**
 * Moves the database (and companions) into set-aside/<stamp>-<reason>/ and returns that folder.
 * Used before a restore or a resync: the old file is kept until someone decides otherwise.
 */
export function setAside(dataDir: string, dbFile: string, reason: string, now = new Date()): string {
  const folder = join(setAsideDir(dataDir), `${stamp(now)}-${reason}`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  moveDatabase(join(dataDir, dbFile), join(folder, dbFile));
  fsyncDir(folder);
  fsyncDir(dataDir);
  return folder;
}
