// Group ids. A group keeps the id it was founded with while it has two members (unless it
// merges into a bigger group), so a filter or a selection made on a group stays valid while
// more copies arrive. The id is derived from the founding member's id (hashed: a purged
// founder's id must not live on in others' rows), with a counter in the rare case that id is
// already taken by a live group.
import { createHash } from 'node:crypto';
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';

export function groupIdFor(founderId: string, attempt = 0): string {
  const input = attempt === 0 ? founderId : `${founderId}#${attempt}`;
  return `g-${createHash('sha256').update(input).digest('hex').slice(0, 16)}`;
}

export function groupExists(db: Db, groupId: string): boolean {
  return stmt(db, 'SELECT 1 FROM submissions WHERE group_id = ? LIMIT 1').get(groupId) !== undefined;
}

/** A fresh id for a group founded by `founderId`. */
export function newGroupId(db: Db, founderId: string): string {
  for (let attempt = 0; ; attempt++) {
    const id = groupIdFor(founderId, attempt);
    if (!groupExists(db, id)) return id;
  }
}

export function groupSize(db: Db, groupId: string): number {
  return (stmt<[string], { n: number }>(db, 'SELECT count(*) AS n FROM submissions WHERE group_id = ?').get(groupId)!).n;
}

/** Takes a row out of its group; a group left with one member is no group, so it is cleared. */
export function leaveGroup(db: Db, k: number, groupId: string): void {
  stmt(db, 'UPDATE submissions SET group_id = NULL WHERE k = ?').run(k);
  const rest = stmt<[string], { k: number }>(db, 'SELECT k FROM submissions WHERE group_id = ? LIMIT 2').all(groupId);
  if (rest.length === 1) stmt(db, 'UPDATE submissions SET group_id = NULL WHERE k = ?').run(rest[0].k);
}
