import { describe, expect, it } from 'vitest';
import { decodeDay, encodeDay, sectionsOf, UNKNOWN, WIDTH, type DayFacts } from './packed.js';

describe('a packed day', () => {
  it('decodes to the same figures and strings it was made from', () => {
    const facts: DayFacts = {
      cube: [
        { dims: ['opinion', 'childcare', '30s', 'form', 'new'], n: 3, replied: 1, replies: 2 },
        { dims: ['complaint', '', '', 'email', 'done'], n: 1, replied: 0, replies: 0 },
      ],
      replies: [{ dims: ['opinion', 'childcare', '30s', 'form', 'new'], minutes: 125, n: 1 }],
      tags: [{ dims: ['opinion', 'childcare', '30s', 'form', 'new'], tag: '要確認', n: 2 }],
      groups: [],
      transfers: [
        { dims: null, transfer: 'T-1', ministry: 'cfa', status: 'accepted', items: 4 },
        { dims: ['complaint', '', '', 'email', 'done'], transfer: 'T-1', ministry: 'cfa', status: 'accepted', items: 1 },
      ],
    };
    const { strings, ints } = decodeDay(encodeDay(facts));
    const s = sectionsOf(ints);
    expect(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.count]))).toEqual({ cube: 2, replies: 1, tags: 1, groups: 0, transfers: 2 });
    const cube1 = [...ints.subarray(s.cube.start + WIDTH.cube, s.cube.start + 2 * WIDTH.cube)];
    expect(cube1.slice(0, 5).map((c) => strings[c])).toEqual(['complaint', '', '', 'email', 'done']);
    expect(cube1.slice(5)).toEqual([1, 0, 0]);
    expect(ints[s.replies.start + 5]).toBe(125);
    expect(strings[ints[s.tags.start + 5]]).toBe('要確認');
    expect([...ints.subarray(s.transfers.start, s.transfers.start + 5)]).toEqual([UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN]);
    expect(strings[ints[s.transfers.start + 6]]).toBe('cfa');
    expect(ints[s.transfers.start + 8]).toBe(4);
  });

  it('of an empty day is a few bytes', () => {
    const empty = encodeDay({ cube: [], replies: [], tags: [], groups: [], transfers: [] });
    expect(empty.length).toBeLessThan(32);
    expect(sectionsOf(decodeDay(empty).ints).cube.count).toBe(0);
  });
});
