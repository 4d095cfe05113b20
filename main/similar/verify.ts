// The verification a candidate must pass to join a row's group.
import { estimatedShared, type Fingerprint } from './fingerprint.js';
import { estimatedJaccard } from './minhash.js';
import type { SimilarParams } from './params.js';

/** Enough of the text in common, both as a share (Jaccard) and as an amount (trigrams). */
export function isSameText(a: Fingerprint, b: Fingerprint, p: SimilarParams): boolean {
  const j = estimatedJaccard(a.sig, b.sig);
  return j >= p.threshold && estimatedShared(j, a.trigrams, b.trigrams) >= p.minShared;
}
