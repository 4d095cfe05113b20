// Reading and writing a row's stored signature.
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';
import { forgetInBandIndex } from './band-index.js';
import { blobToSig, sigToBlob, type Fingerprint } from './fingerprint.js';

export interface StoredFingerprint extends Fingerprint {
  n: number;
  k: number;
}

type Raw = { n: number; k: number; sig: Buffer; trigrams: number };
const fromRaw = (r: Raw): StoredFingerprint => ({ n: r.n, k: r.k, sig: blobToSig(r.sig), trigrams: r.trigrams });

export function fingerprintOfRow(db: Db, k: number): StoredFingerprint | null {
  const r = stmt<[number], Raw>(db, 'SELECT n, k, sig, trigrams FROM similar_sigs WHERE k = ?').get(k);
  return r ? fromRaw(r) : null;
}

export function fingerprintByNumber(db: Db, n: number): StoredFingerprint | null {
  const r = stmt<[number], Raw>(db, 'SELECT n, k, sig, trigrams FROM similar_sigs WHERE n = ?').get(n);
  return r ? fromRaw(r) : null;
}

/** Stores a row's fingerprint and returns its number (for the band index). */
export function storeFingerprint(db: Db, k: number, fp: Fingerprint): number {
  return Number(stmt(db, 'INSERT INTO similar_sigs(k, sig, trigrams) VALUES (?, ?, ?)').run(k, sigToBlob(fp.sig), fp.trigrams).lastInsertRowid);
}

export function dropFingerprint(db: Db, k: number): void {
  const row = stmt<[number], { n: number }>(db, 'DELETE FROM similar_sigs WHERE k = ? RETURNING n').get(k);
  if (row) forgetInBandIndex(db, row.n);
}

export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  if (a.trigrams !== b.trigrams || a.sig.length !== b.sig.length) return false;
  for (let i = 0; i < a.sig.length; i++) if (a.sig[i] !== b.sig[i]) return false;
  return true;
}
