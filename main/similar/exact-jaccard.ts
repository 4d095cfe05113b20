// Exact trigram Jaccard, the quantity MinHash estimates: used to measure the estimate and to
// show where campaign copies and look-alikes really lie. Not used by grouping itself.
import { normalizedCodePoints, trigramHashes } from './minhash.js';

/** A text's distinct trigram hashes, sorted. */
export function trigramSet(text: string): Uint32Array {
  const all = trigramHashes(normalizedCodePoints(text)).sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i];
  return all.slice(0, n);
}

export function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return both / (a.length + b.length - both);
}
