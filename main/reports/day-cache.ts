// The packed days in memory, one per Tokyo day, with every string replaced by a code shared by
// all days (so a filter is a lookup in a small array). Kept per open database; a report first
// reloads the days whose version moved since the last one — usually none, after a staff action
// one, after another process rebuilt some (the CLI), those.
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';
import { DIM_COUNT, SECTIONS, UNKNOWN, WIDTH, decodeDay, sectionsOf, type Section } from './packed.js';
import { refreshSlice } from './rollup.js';

/** Positions (after the five dimensions) that hold strings, per section. */
const STRING_FIELDS: Record<Section, number[]> = { cube: [], replies: [], tags: [5], groups: [5], transfers: [5, 6, 7] };

/** Every string position of an entry, per section: the five dimensions, then STRING_FIELDS. */
const FIELDS: Record<Section, Int32Array> = Object.fromEntries(
  SECTIONS.map((name) => [name, Int32Array.from([...Array(DIM_COUNT).keys(), ...STRING_FIELDS[name]])]),
) as Record<Section, Int32Array>;

export interface DayBlock {
  ints: Int32Array;
  sections: Record<Section, { start: number; count: number }>;
}

export class DayCache {
  /** Every string any loaded day uses, by code. */
  readonly strings: string[] = [];
  private readonly codes = new Map<string, number>();
  readonly days = new Map<number, DayBlock>();
  private version = 0;

  code(s: string): number | undefined {
    return this.codes.get(s);
  }

  private intern(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.strings.length;
      this.strings.push(s);
      this.codes.set(s, c);
    }
    return c;
  }

  /** Loads what changed since the last call; returns how many days were (re)loaded. */
  sync(db: Db, limit = Number.MAX_SAFE_INTEGER): number {
    const rows = stmt<[number, number], { day: number; v: number; data: Buffer }>(
      db,
      'SELECT day, v, data FROM report_packed WHERE v > ? ORDER BY v LIMIT ?',
    ).all(this.version, limit);
    for (const row of rows) {
      const { strings, ints } = decodeDay(row.data);
      const global = strings.map((s) => this.intern(s));
      const sections = sectionsOf(ints);
      for (const name of SECTIONS) {
        const { start, count } = sections[name];
        const width = WIDTH[name];
        const fields = FIELDS[name];
        for (let at = start, end = start + count * width; at < end; at += width) {
          for (let f = 0; f < fields.length; f++) {
            const v = ints[at + fields[f]];
            if (v !== UNKNOWN) ints[at + fields[f]] = global[v];
          }
        }
      }
      this.days.set(row.day, { ints, sections });
      this.version = Math.max(this.version, row.v);
    }
    return rows.length;
  }
}

const caches = new WeakMap<Db, DayCache>();

export function dayCache(db: Db): DayCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new DayCache()));
  return c;
}

/**
 * A background task for the sync runner: rebuild marked days a slice at a time, then load the
 * rebuilt days into memory a slice at a time, so the next report has nothing left to do.
 * Returns 0 when there is nothing to do.
 */
export function reportsBackgroundTask(db: Db): { step(): number } {
  return {
    step: () => refreshSlice(db) || dayCache(db).sync(db, 32),
  };
}
