// The background grouper: takes queued rows newest first (what staff look at first is grouped
// first), fingerprints each body, finds candidates through the LSH buckets, verifies them by
// estimated Jaccard, and merges groups union-find style. Everything it decides from is stored,
// so a batch interrupted by a crash is simply redone (the transaction rolls back).
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';
import { bandIndex, discardBandIndex, sketchOf, type BandIndex } from './band-index.js';
import { findCandidates } from './candidates.js';
import { fingerprint } from './fingerprint.js';
import { groupSize, leaveGroup, newGroupId } from './group-id.js';
import { bandKeys } from './minhash.js';
import { DEFAULT_PARAMS, type SimilarParams } from './params.js';
import { dropFingerprint, fingerprintByNumber, fingerprintOfRow, sameFingerprint, storeFingerprint } from './store-ops.js';
import { isSameText } from './verify.js';

interface QueuedRow {
  k: number;
  id: string | null;
  body: string | null;
  group_id: string | null;
}

interface Member {
  k: number;
  id: string;
}

/** Groups up to `batch` queued rows, newest first; returns how many were taken off the queue. */
export function groupBatch(db: Db, batch = 1000): number {
  return groupBatchWith(db, batch, DEFAULT_PARAMS);
}

export function groupBatchWith(db: Db, batch: number, p: SimilarParams): number {
  // Nothing queued: do not build the buckets (a process that only reads never pays for them).
  if (!stmt(db, 'SELECT 1 FROM similar_pending LIMIT 1').get()) return 0;
  try {
    // Built (or caught up) before the write lock is taken: the first build reads every stored
    // signature, and staff actions must not wait for that.
    const index = bandIndex(db, p);
    return db.transaction(() => {
      const rows = stmt<[number], QueuedRow>(
        db,
        `SELECT q.k, s.id, s.body, s.group_id FROM similar_pending q LEFT JOIN submissions s ON s.k = q.k
         ORDER BY q.k DESC LIMIT ?`,
      ).all(batch);
      if (rows.length === 0) return 0;
      // Whatever another connection stored between the catch-up above and the lock.
      index.catchUp(db);
      for (const row of rows) groupRow(db, index, row, p);
      stmt(db, 'DELETE FROM similar_pending WHERE k BETWEEN ? AND ?').run(rows[rows.length - 1].k, rows[0].k);
      return rows.length;
    }).immediate();
  } catch (err) {
    discardBandIndex(db);
    throw err;
  }
}

function groupRow(db: Db, index: BandIndex, row: QueuedRow, p: SimilarParams): void {
  const old = fingerprintOfRow(db, row.k);
  if (row.id === null || row.body === null) {
    // Purged before it was grouped: nothing of it may stay behind.
    if (old) dropFingerprint(db, row.k);
    return;
  }
  const fp = fingerprint(row.body, p);
  // Re-queued with the same text: already grouped, and regrouping must change nothing.
  if (old && fp && sameFingerprint(old, fp)) return;
  if (old) dropFingerprint(db, row.k);
  // New text: whatever group the old text was in says nothing about this row any more.
  if (row.group_id !== null) leaveGroup(db, row.k, row.group_id);
  if (!fp) return;

  const keys = bandKeys(fp.sig, p.bands, p.rows);
  const candidates = findCandidates(index, keys, p.bucketLimit);
  index.addOwn(keys, storeFingerprint(db, row.k, fp), fp.sig);
  const sketch = sketchOf(fp.sig);

  const groups = new Set<string>();
  const singles: Member[] = [];
  let verified = 0;
  for (const n of candidates) {
    // Most candidates share only boilerplate (a greeting, a closing formula). The likeliest
    // come first; a row that matched none of the first few will not match the rest.
    if (verified === p.maxVerify) break;
    // Most false candidates are turned away from memory, without a read.
    if (index.agreement(n, sketch) < p.sketchMin) continue;
    const c = fingerprintByNumber(db, n);
    if (!c) {
      index.kill(n);
      continue;
    }
    verified++;
    if (!isSameText(fp, c, p)) continue;
    const m = stmt<[number], { id: string; group_id: string | null }>(db, 'SELECT id, group_id FROM submissions WHERE k = ?').get(c.k);
    if (!m) {
      // A leftover of a row that is gone (its purge did not reach here): clean it up now.
      dropFingerprint(db, c.k);
      index.kill(n);
      continue;
    }
    if (m.group_id !== null) groups.add(m.group_id);
    else singles.push({ k: c.k, id: m.id });
  }
  if (groups.size === 0 && singles.length === 0) return;
  join(db, { k: row.k, id: row.id }, [...groups], singles);
}

/**
 * Puts a row, the lone rows it matched and the groups it matched into one group. Joining one
 * group keeps that group's id; when groups merge, the biggest keeps its id (fewest rows are
 * relabelled, and what most staff were looking at keeps its name); a new group is named after
 * its oldest member.
 */
function join(db: Db, row: Member, groups: string[], singles: Member[]): void {
  let target: string;
  if (groups.length === 0) {
    const founder = [row, ...singles].reduce((a, b) => (b.k < a.k ? b : a));
    target = newGroupId(db, founder.id);
  } else if (groups.length === 1) {
    target = groups[0];
  } else {
    const sized = groups.map((g) => ({ g, n: groupSize(db, g) })).sort((a, b) => b.n - a.n || (a.g < b.g ? -1 : 1));
    target = sized[0].g;
    const relabel = stmt(db, 'UPDATE submissions SET group_id = ? WHERE group_id = ?');
    for (const { g } of sized.slice(1)) relabel.run(target, g);
  }
  const set = stmt(db, 'UPDATE submissions SET group_id = ? WHERE k = ?');
  set.run(target, row.k);
  for (const s of singles) set.run(target, s.k);
}
