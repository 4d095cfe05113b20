// Candidate lookup: the signatures that share at least one LSH bucket with a new one. A
// campaign's bucket can hold thousands of rows, nearly all in the same group already, so each
// bucket gives at most `bucketLimit`: enough to find the group, and the cost stays flat
// however big the campaign grows.
import type { BandIndex } from './band-index.js';

/** Candidate signature numbers, those sharing the most buckets first (the likeliest matches). */
export function findCandidates(index: BandIndex, keys: readonly number[], bucketLimit: number): number[] {
  const found: number[] = [];
  for (const key of keys) index.lookup(key, bucketLimit, found);
  if (found.length === 0) return found;
  const shared = new Map<number, number>();
  for (const n of found) shared.set(n, (shared.get(n) ?? 0) + 1);
  return [...shared.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]).map(([n]) => n);
}
