// MinHash signatures over character trigrams, and the LSH band keys used to find candidates.
// Character trigrams need no Japanese word splitter and survive the edits campaigns make
// (a greeting swapped, a name added, a sentence dropped): each edit only touches the trigrams
// around it. The hash seeds are fixed forever: stored signatures must stay comparable.
import { codePoints, normalizeForSimilarity } from './normalize.js';
import { DEFAULT_PARAMS } from './params.js';

/** Murmur3's finaliser: a cheap, well-mixing 32-bit permutation. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const MAX_HASHES = 256;
/** One seed per hash function, derived from its index so they never drift. */
const SEEDS = Uint32Array.from({ length: MAX_HASHES }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9)));

/** The distinct-enough 32-bit hash of each trigram of code points (duplicates are harmless). */
export function trigramHashes(cps: Uint32Array): Uint32Array {
  const n = cps.length - 2;
  if (n <= 0) return new Uint32Array(0);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    // Code points fit in 21 bits: mix them in turn so that order matters (アイウ ≠ ウイア).
    let h = fmix32(cps[i] ^ 0x5bd1e995);
    h = fmix32(h ^ Math.imul(cps[i + 1], 0xcc9e2d51));
    h = fmix32(h ^ Math.imul(cps[i + 2], 0x1b873593));
    out[i] = h;
  }
  return out;
}

/** The MinHash of a set of 32-bit hashes: for each function, the smallest value it takes. */
export function minHash(hashes: Uint32Array, count: number): Uint32Array {
  const mins = new Uint32Array(count).fill(0xffffffff);
  for (let j = 0; j < hashes.length; j++) {
    const x = hashes[j];
    for (let i = 0; i < count; i++) {
      // fmix32(x ^ seed), inlined: the innermost loop of fingerprinting every body.
      let h = x ^ SEEDS[i];
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h >>>= 0;
      if (h < mins[i]) mins[i] = h;
    }
  }
  return mins;
}

/** The first `maxChars` normalized characters of a text, as code points. */
export function normalizedCodePoints(text: string, maxChars = DEFAULT_PARAMS.maxChars): Uint32Array {
  // Cut before normalizing too (with room for what normalization removes), so a huge body
  // is not normalized in full only to be cut.
  const cps = codePoints(normalizeForSimilarity(text.length > maxChars * 4 ? text.slice(0, maxChars * 4) : text));
  return cps.length > maxChars ? cps.subarray(0, maxChars) : cps;
}

/** A text's signature; empty when it has no trigram at all (nothing to compare). */
export function signatureWith(text: string, hashes: number, maxChars = DEFAULT_PARAMS.maxChars): Uint32Array {
  const tri = trigramHashes(normalizedCodePoints(text, maxChars));
  return tri.length === 0 ? new Uint32Array(0) : minHash(tri, hashes);
}

export function signature(text: string): Uint32Array {
  return signatureWith(text, DEFAULT_PARAMS.hashes);
}

/** Signatures as stored: 32-bit, or the 16-bit form grouping keeps (see fingerprint.ts). */
export type Signature = Uint32Array | Uint16Array;

/** The share of positions where two signatures agree: an unbiased estimate of Jaccard. */
export function estimatedJaccard(a: Signature, b: Signature): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * One key per band: rows that agree on every value of a band share its key. The band's
 * index is hashed in, so equal values in different bands do not collide. Keys are signed
 * 32-bit (4 bytes in SQLite); a chance collision (about one lookup in 500 at a million rows)
 * only adds a candidate that verification then rejects.
 */
export function bandKeys(sig: Signature, bands: number, rows: number): number[] {
  const keys: number[] = [];
  for (let b = 0; b < bands; b++) {
    let h = fmix32(b + 0x27d4eb2f);
    for (let r = 0; r < rows; r++) h = fmix32(Math.imul(h, 0x85ebca77) ^ sig[b * rows + r]);
    keys.push(h | 0);
  }
  return keys;
}
