// One Tokyo day's report figures in one blob (report_packed.data): a table of the strings it uses
// (codes, tags, group ids, transfer ids) as JSON, then 32-bit integers — every figure refers to
// its strings by position. Compact on disk, and decoded in microseconds into the arrays the
// report scans. Pure.

/** The five dimensions every figure is broken down by, in this order. */
export const DIM_COUNT = 5;
/** An opinion a transfer names that this workstation does not hold (dimensions unknown). */
export const UNKNOWN = -1;

type Dims = readonly (string | null)[];

/** Stored little-endian; on the (little-endian) machines Koe runs on, copied as is. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export interface DayFacts {
  /** Opinions received that day, per combination of dimensions. */
  cube: { dims: Dims; n: number; replied: number; replies: number }[];
  /** Minutes from arrival to first reply. */
  replies: { dims: Dims; minutes: number; n: number }[];
  tags: { dims: Dims; tag: string; n: number }[];
  groups: { dims: Dims; group: string; n: number }[];
  /** Transfers made that day: their items per combination of dimensions (null dims = not held here). */
  transfers: { dims: Dims | null; transfer: string; ministry: string; status: string; items: number }[];
}

/** Integers per entry in each section: the five dimensions, then the rest. */
export const WIDTH = { cube: DIM_COUNT + 3, replies: DIM_COUNT + 2, tags: DIM_COUNT + 2, groups: DIM_COUNT + 2, transfers: DIM_COUNT + 4 } as const;
export const SECTIONS = ['cube', 'replies', 'tags', 'groups', 'transfers'] as const;
export type Section = (typeof SECTIONS)[number];

export function encodeDay(facts: DayFacts): Buffer {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const s = (v: string | null): number => {
    if (v === null) return UNKNOWN;
    let i = index.get(v);
    if (i === undefined) {
      i = strings.length;
      strings.push(v);
      index.set(v, i);
    }
    return i;
  };
  const ints: number[] = [];
  const dims = (d: Dims | null) => {
    for (let k = 0; k < DIM_COUNT; k++) ints.push(d ? s(d[k] ?? null) : UNKNOWN);
  };
  ints.push(facts.cube.length);
  for (const e of facts.cube) {
    dims(e.dims);
    ints.push(e.n, e.replied, e.replies);
  }
  ints.push(facts.replies.length);
  for (const e of facts.replies) {
    dims(e.dims);
    ints.push(e.minutes, e.n);
  }
  ints.push(facts.tags.length);
  for (const e of facts.tags) {
    dims(e.dims);
    ints.push(s(e.tag), e.n);
  }
  ints.push(facts.groups.length);
  for (const e of facts.groups) {
    dims(e.dims);
    ints.push(s(e.group), e.n);
  }
  ints.push(facts.transfers.length);
  for (const e of facts.transfers) {
    dims(e.dims);
    ints.push(s(e.transfer), s(e.ministry), s(e.status), e.items);
  }

  const json = Buffer.from(JSON.stringify(strings), 'utf8');
  const head = 4 + json.length;
  const pad = (4 - (head % 4)) % 4;
  const out = Buffer.alloc(head + pad + ints.length * 4);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  const body = head + pad;
  if (LITTLE_ENDIAN) Buffer.from(Int32Array.from(ints).buffer).copy(out, body);
  else for (let i = 0; i < ints.length; i++) out.writeInt32LE(ints[i], body + i * 4);
  return out;
}

export interface DecodedDay {
  strings: string[];
  /** Every section in order, each preceded by its entry count. */
  ints: Int32Array;
}

export function decodeDay(blob: Uint8Array): DecodedDay {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const jsonLength = buf.readUInt32LE(0);
  const strings = JSON.parse(buf.subarray(4, 4 + jsonLength).toString('utf8')) as string[];
  const head = 4 + jsonLength;
  const body = head + ((4 - (head % 4)) % 4);
  const count = (buf.length - body) / 4;
  // Copied, so the array is aligned and owns its memory whatever SQLite handed over.
  const ints = new Int32Array(count);
  if (LITTLE_ENDIAN) new Uint8Array(ints.buffer).set(buf.subarray(body, body + count * 4));
  else for (let i = 0; i < count; i++) ints[i] = buf.readInt32LE(body + i * 4);
  return { strings, ints };
}

/** Where each section starts (after its count) and how many entries it has. */
export function sectionsOf(ints: Int32Array): Record<Section, { start: number; count: number }> {
  const out = {} as Record<Section, { start: number; count: number }>;
  let at = 0;
  for (const name of SECTIONS) {
    const count = ints[at];
    out[name] = { start: at + 1, count };
    at += 1 + count * WIDTH[name];
  }
  return out;
}
