// Which errors mean "the database cannot be written or trusted right now", and how to say so to
// a staff member. A full disk, a read-only folder, an I/O error and a damaged file each get one
// plain sentence: what happened and that nothing already saved was lost.
import type { StoreProblemKind } from '../../shared/contract-safety.js';

const SQLITE_KIND: [prefix: string, kind: StoreProblemKind][] = [
  ['SQLITE_FULL', 'disk_full'],
  ['SQLITE_READONLY', 'read_only'],
  ['SQLITE_CANTOPEN', 'read_only'],
  ['SQLITE_IOERR', 'io_error'],
  ['SQLITE_CORRUPT', 'corrupt'],
  ['SQLITE_NOTADB', 'corrupt'],
];

const ERRNO_KIND: Record<string, StoreProblemKind> = {
  ENOSPC: 'disk_full',
  EDQUOT: 'disk_full',
  EROFS: 'read_only',
  EACCES: 'read_only',
  EPERM: 'read_only',
  EIO: 'io_error',
};

/** The kind of storage failure an error is, or null when it is something else. */
export function storeFailureKind(error: unknown): StoreProblemKind | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  for (const [prefix, kind] of SQLITE_KIND) if (code === prefix || code.startsWith(`${prefix}_`)) return kind;
  return ERRNO_KIND[code] ?? null;
}

export const STORE_PROBLEM_MESSAGES: Record<StoreProblemKind, string> = {
  disk_full:
    'The disk is full, so Koe has stopped saving changes. Everything saved before is safe. Free some disk space (or ask IT); Koe carries on by itself once there is room.',
  read_only:
    "Koe's data folder cannot be written to (it is read-only or Koe lacks permission), so Koe has stopped saving changes. Everything saved before is safe. Ask IT to make the folder writable again.",
  io_error:
    'The disk reported an error while Koe was saving, so Koe has stopped saving changes. Everything saved before is safe. Try again in a moment; if it keeps happening, contact IT.',
  corrupt:
    "Koe's database file is damaged. Koe has stopped using it and kept the file as it is. Restore the latest backup or download everything again from the office server.",
};
