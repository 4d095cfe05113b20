// The LSH buckets, held in memory and derived from the stored signatures.
//
// Why not a table: a band key is a hash, so every row's band entries land on random pages of
// an index. Measured on 100,000 rows with a (band_key, k) table, each grouped row wrote 27 KB
// (a leaf page per band, plus the WAL checkpoint copying it), and the figure grows with the
// table: at a million rows it is a random page read and write per band per row. Here a row
// costs 8 bytes of memory per band (plus a 16-byte sketch) and the database gets only its
// signature, appended in order. The index is rebuilt from similar_sigs on first use and caught up before each batch,
// so rows another connection grouped are found too. README.md has the figures.
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';
import { blobToSig } from './fingerprint.js';
import { bandKeys, type Signature } from './minhash.js';
import type { SimilarParams } from './params.js';

/** Entries added since the last merge; at this many they are merged into the sorted arrays. */
const MERGE_AT = 1 << 16;

/**
 * Signature values kept in memory per row, to turn most candidates away without reading them.
 * They are the last values of the signature, which the bands (the first values) do not use,
 * so agreeing on a band says nothing about them. 16 bytes a row (16 MB at a million rows).
 */
export const SKETCH = 16;

export function sketchOf(sig: Signature): Uint8Array {
  const out = new Uint8Array(SKETCH);
  for (let i = 0; i < SKETCH; i++) out[i] = sig[sig.length - SKETCH + i] & 0xff;
  return out;
}

export class BandIndex {
  /** Merged entries, sorted by key then n: a bucket is a binary search and a short walk. */
  private keys: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private ns: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** Entries not merged yet, in the order added. */
  private addedKeys = new Int32Array(1024);
  private addedNs = new Int32Array(1024);
  private added = 0;
  /** How lookups find the entries not merged yet: key → n, or several n. */
  private addedByKey = new Map<number, number | number[]>();
  /** Signatures known to be gone; dropped from the arrays at the next merge. */
  private dead = new Set<number>();
  /** Highest similar_sigs.n read from the database. */
  private loadedUpTo = 0;
  /** Signatures this connection stored since the last catch-up (already in the index). */
  private own = new Set<number>();
  /** Per signature number, SKETCH bytes: the low 8 bits of its last SKETCH values. */
  private sketches = new Uint8Array(SKETCH * 1024);

  constructor(
    readonly bands: number,
    readonly rows: number,
  ) {}

  /** Entries held: 8 bytes each. */
  get size(): number {
    return this.keys.length + this.added;
  }

  /** Memory held, in bytes: the buckets and the sketches. */
  get bytes(): number {
    return (this.keys.length + this.addedKeys.length) * 8 + this.sketches.length;
  }

  /** Adds a signature stored by this connection: findable at once, skipped at catch-up. */
  addOwn(keys: readonly number[], n: number, sig: Signature): void {
    this.setSketch(n, sig);
    this.append(keys, n, true);
    this.own.add(n);
    if (this.added >= MERGE_AT) this.merge();
  }

  /**
   * A signature found gone (purged, or replaced by a new text): skipped from now on. Nothing
   * is removed eagerly: every candidate is read from the database before it is trusted, so a
   * stale entry costs one lookup and is then dropped here.
   */
  kill(n: number): void {
    this.dead.add(n);
    if (this.dead.size >= MERGE_AT) this.merge();
  }

  /** Up to `limit` live signatures in a bucket (oldest first), pushed onto `out`. */
  lookup(key: number, limit: number, out: number[]): void {
    let found = 0;
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.keys.length && this.keys[i] === key && found < limit; i++) {
      if (!this.dead.has(this.ns[i])) {
        out.push(this.ns[i]);
        found++;
      }
    }
    const recent = this.addedByKey.get(key);
    if (recent === undefined) return;
    for (const n of typeof recent === 'number' ? [recent] : recent) {
      if (found >= limit) return;
      if (!this.dead.has(n)) {
        out.push(n);
        found++;
      }
    }
  }

  /** Reads the signatures stored since the last catch-up, by any connection. */
  catchUp(db: Db): void {
    const before = this.added;
    const rows = stmt<[number], [number, Buffer]>(db, 'SELECT n, sig FROM similar_sigs WHERE n > ? ORDER BY n').raw().iterate(this.loadedUpTo);
    for (const [n, sig] of rows) {
      // Bulk-appended without the lookup map: the merge below makes them findable.
      if (!this.own.has(n)) {
        const values = blobToSig(sig);
        this.setSketch(n, values);
        this.append(bandKeys(values, this.bands, this.rows), n, false);
      }
      this.loadedUpTo = n;
    }
    this.own.clear();
    if (this.added > before) this.merge();
  }

  /**
   * How many of the SKETCH values a candidate shares with `sketch`: a 16-sample estimate of
   * their Jaccard, good enough to turn away what is clearly not a copy (at 5 of 16, a pair at
   * the threshold is turned away 1.5% of the time, a pair at J 0.2 let through 20%).
   */
  agreement(n: number, sketch: Uint8Array): number {
    const at = n * SKETCH;
    if (at + SKETCH > this.sketches.length) return SKETCH;
    let same = 0;
    for (let i = 0; i < SKETCH; i++) if (this.sketches[at + i] === sketch[i]) same++;
    return same;
  }

  private setSketch(n: number, sig: Signature): void {
    const at = n * SKETCH;
    if (at + SKETCH > this.sketches.length) {
      const bigger = new Uint8Array(Math.max(this.sketches.length * 2, at + SKETCH));
      bigger.set(this.sketches);
      this.sketches = bigger;
    }
    this.sketches.set(sketchOf(sig), at);
  }

  private append(keys: readonly number[], n: number, findable: boolean): void {
    if (this.added + keys.length > this.addedKeys.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(Math.max(a.length * 2, this.added + keys.length));
        b.set(a.subarray(0, this.added));
        return b;
      };
      this.addedKeys = grow(this.addedKeys);
      this.addedNs = grow(this.addedNs);
    }
    for (const key of keys) {
      this.addedKeys[this.added] = key;
      this.addedNs[this.added++] = n;
      if (!findable) continue;
      const cur = this.addedByKey.get(key);
      if (cur === undefined) this.addedByKey.set(key, n);
      else if (typeof cur === 'number') this.addedByKey.set(key, [cur, n]);
      else cur.push(n);
    }
  }

  /** Folds the added entries into the sorted arrays, dropping dead ones. */
  private merge(): void {
    const [addKeys, addNs] = sortByKey(this.addedKeys.subarray(0, this.added), this.addedNs.subarray(0, this.added));
    const total = this.keys.length + addKeys.length;
    const anyDead = this.dead.size > 0;
    const keys = new Int32Array(total);
    const ns = new Int32Array(total);
    let i = 0;
    let j = 0;
    let o = 0;
    while (i < this.keys.length || j < addKeys.length) {
      const fromOld =
        j >= addKeys.length || (i < this.keys.length && (this.keys[i] < addKeys[j] || (this.keys[i] === addKeys[j] && this.ns[i] < addNs[j])));
      const key = fromOld ? this.keys[i] : addKeys[j];
      const n = fromOld ? this.ns[i++] : addNs[j++];
      if (anyDead && this.dead.has(n)) continue;
      keys[o] = key;
      ns[o++] = n;
    }
    this.keys = o === total ? keys : keys.slice(0, o);
    this.ns = o === total ? ns : ns.slice(0, o);
    this.addedKeys = new Int32Array(1024);
    this.addedNs = new Int32Array(1024);
    this.added = 0;
    this.addedByKey.clear();
    this.dead.clear();
  }
}

/**
 * Sorts entries by key, keeping the order of equal keys (a stable radix sort, two passes of 16
 * bits: linear, so rebuilding a million rows' entries takes a fraction of a second).
 */
function sortByKey(keys: Int32Array, ns: Int32Array): [Int32Array<ArrayBufferLike>, Int32Array<ArrayBufferLike>] {
  let k1: Int32Array<ArrayBufferLike> = keys;
  let n1: Int32Array<ArrayBufferLike> = ns;
  let k2: Int32Array<ArrayBufferLike> = new Int32Array(keys.length);
  let n2: Int32Array<ArrayBufferLike> = new Int32Array(keys.length);
  for (const high of [false, true]) {
    // The high digit has its sign bit flipped, so negative keys come first (as in `<`).
    const digit = (k: number) => (high ? (k >>> 16) ^ 0x8000 : k & 0xffff);
    const starts = new Uint32Array(0x10001);
    for (let i = 0; i < k1.length; i++) starts[digit(k1[i]) + 1]++;
    for (let d = 1; d <= 0x10000; d++) starts[d] += starts[d - 1];
    for (let i = 0; i < k1.length; i++) {
      const o = starts[digit(k1[i])]++;
      k2[o] = k1[i];
      n2[o] = n1[i];
    }
    [k1, k2] = [k2, k1];
    [n1, n2] = [n2, n1];
  }
  return [k1, n1];
}

const indexes = new WeakMap<Db, BandIndex>();

/** This connection's index, caught up with the database. The first call reads every stored
 * signature (about a second per 100,000 rows): call it outside a write transaction. */
export function bandIndex(db: Db, p: SimilarParams): BandIndex {
  let index = indexes.get(db);
  if (!index || index.bands !== p.bands || index.rows !== p.rows) {
    index = new BandIndex(p.bands, p.rows);
    indexes.set(db, index);
  }
  index.catchUp(db);
  return index;
}

/** Marks a signature gone in this connection's buckets, if it has any (other connections find
 * out when they next meet it as a candidate). Saves new copies of a purged campaign from
 * walking past its dead entries. */
export function forgetInBandIndex(db: Db, n: number): void {
  indexes.get(db)?.kill(n);
}

/** Drops this connection's buckets. After a rolled-back batch they may hold entries under
 * numbers SQLite will hand out again; and when the queue stays empty, the memory (8 bytes per
 * band per row) can go, to be rebuilt from the database by the next batch. */
export function discardBandIndex(db: Db): void {
  indexes.delete(db);
}
