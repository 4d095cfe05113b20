import { describe, expect, it } from 'vitest';
import { BandIndex, SKETCH, sketchOf } from './band-index.js';

const SIG = new Uint16Array(64);

function lookup(index: BandIndex, key: number, limit = 10): number[] {
  const out: number[] = [];
  index.lookup(key, limit, out);
  return out;
}

describe('in-memory LSH buckets', () => {
  it('finds entries before and after they are merged, negative keys included', () => {
    const index = new BandIndex(2, 3);
    index.addOwn([-5, 7], 1, SIG);
    index.addOwn([7, 0x7fffffff], 2, SIG);
    index.addOwn([-0x80000000, -5], 3, SIG);
    expect(lookup(index, 7)).toEqual([1, 2]);
    expect(lookup(index, -5)).toEqual([1, 3]);
    // Enough entries to force merges (they are sorted by a radix sort on the signed key).
    for (let n = 10; n < 50_010; n++) index.addOwn([n * 7919 - 200_000, -n], n, SIG);
    expect(lookup(index, 7)).toEqual([1, 2]);
    expect(lookup(index, -5)).toEqual([1, 3]);
    expect(lookup(index, -10)).toEqual([10]);
    expect(lookup(index, -0x80000000)).toEqual([3]);
    expect(lookup(index, 0x7fffffff)).toEqual([2]);
    expect(lookup(index, -12_345)).toEqual([12_345]);
    expect(lookup(index, 12_345 * 7919 - 200_000)).toEqual([12_345]);
    expect(lookup(index, 42)).toEqual([]);
  });

  it('gives at most `limit` entries of a bucket, skipping dead ones', () => {
    const index = new BandIndex(1, 3);
    for (let n = 1; n <= 10; n++) index.addOwn([99], n, SIG);
    expect(lookup(index, 99, 4)).toEqual([1, 2, 3, 4]);
    index.kill(2);
    index.kill(3);
    expect(lookup(index, 99, 4)).toEqual([1, 4, 5, 6]);
  });

  it('keeps a sketch of each signature to turn candidates away without reading them', () => {
    const index = new BandIndex(8, 3);
    const a = Uint16Array.from({ length: 64 }, (_, i) => i * 1000);
    const b = Uint16Array.from(a, (v, i) => (i % 4 === 0 ? v + 1 : v));
    index.addOwn([1], 7, a);
    expect(index.agreement(7, sketchOf(a))).toBe(SKETCH);
    expect(index.agreement(7, sketchOf(b))).toBe(SKETCH - SKETCH / 4);
    // A number never seen (stored by a connection this one has not caught up with): read it.
    expect(index.agreement(1_000_000, sketchOf(b))).toBe(SKETCH);
  });
});
