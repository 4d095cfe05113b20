// Which ministries a transfer may name: the office's reference list (GET /v1/reference, stored by
// the sync). Inactive ministries stay listed so old transfers show their names, but nothing new
// may be marked for or sent to them — enforced here, in main, whatever the screen allowed.
import { KoeError } from '../../shared/contract-kit.js';
import type { WireReference } from '../../shared/office-api.js';
import type { Db } from '../store/db.js';
import { kvGetJson } from '../store/statements.js';

export interface MinistryRef {
  code: string;
  nameJa: string;
  nameEn: string;
  active: boolean;
}

export function ministries(db: Db): MinistryRef[] {
  const ref = kvGetJson<WireReference>(db, 'reference');
  return (ref?.ministries ?? []).map((m) => ({ code: m.code, nameJa: m.name_ja, nameEn: m.name_en, active: m.active }));
}

export function findMinistry(db: Db, code: string): MinistryRef | null {
  return ministries(db).find((m) => m.code === code) ?? null;
}

/** Null when the ministry can be chosen, else why not (a sentence the user can read). */
export function whyNotChoosable(db: Db, code: string): string | null {
  const m = findMinistry(db, code);
  if (!m) return `The ministry "${code}" is not in the office's list of ministries and agencies.`;
  if (!m.active) return `${m.nameJa} (${m.nameEn}) no longer takes transfers: choose another ministry or agency.`;
  return null;
}

export function assertChoosable(db: Db, code: string): void {
  const why = whyNotChoosable(db, code);
  if (why) throw new KoeError('bad_request', why, { ministry: code });
}
