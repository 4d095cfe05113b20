// A text's fingerprint: its MinHash signature and its number of distinct trigrams (which turns
// an estimated Jaccard into an estimated amount of shared text).
import { minHash, normalizedCodePoints, trigramHashes } from './minhash.js';
import type { SimilarParams } from './params.js';

export interface Fingerprint {
  /** The low 16 bits of each MinHash value: half the storage, and two different values agree
   * by chance once in 65,536, which moves a Jaccard estimate by less than 0.0001. */
  sig: Uint16Array;
  trigrams: number;
}

/** Null when the text is too short to group (too little signal to tell a copy from a formula). */
export function fingerprint(text: string, p: SimilarParams): Fingerprint | null {
  const cps = normalizedCodePoints(text, p.maxChars);
  if (cps.length < p.minChars) return null;
  const all = trigramHashes(cps);
  // Distinct trigrams only: the count is part of the fingerprint, and fewer values to hash.
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i];
  const distinct = all.subarray(0, n);
  return { sig: Uint16Array.from(minHash(distinct, p.hashes), (v) => v & 0xffff), trigrams: n };
}

/** Shared trigrams implied by a Jaccard estimate: J·|A∪B|, with |A∪B| = (|A|+|B|)/(1+J). */
export function estimatedShared(j: number, a: number, b: number): number {
  return (j * (a + b)) / (1 + j);
}

/** Stored little-endian, whatever the machine. */
export function sigToBlob(sig: Uint16Array): Buffer {
  const buf = Buffer.alloc(sig.length * 2);
  for (let i = 0; i < sig.length; i++) buf.writeUInt16LE(sig[i], i * 2);
  return buf;
}

export function blobToSig(blob: Buffer): Uint16Array {
  const sig = new Uint16Array(blob.length / 2);
  for (let i = 0; i < sig.length; i++) sig[i] = blob.readUInt16LE(i * 2);
  return sig;
}
