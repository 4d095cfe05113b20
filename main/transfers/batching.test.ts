import { describe, expect, it } from 'vitest';
import { groupByMinistry, pairKey, planTransfers, split, uniqueInOrder, withoutRefused } from './batching.js';

const ids = (n: number, prefix = 'S') => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
const counter = () => {
  let n = 0;
  return () => `t-${++n}`;
};

describe('splitting into transfers of at most 500', () => {
  it.each([
    [1, [1]],
    [499, [499]],
    [500, [500]],
    [501, [500, 1]],
    [1000, [500, 500]],
    [1201, [500, 500, 201]],
  ])('%i items → parts of %j', (n, sizes) => {
    expect(split(ids(n)).map((c) => c.length)).toEqual(sizes);
  });

  it('keeps every item once and in order', () => {
    const all = ids(1234);
    expect(split(all).flat()).toEqual(all);
    expect(split([])).toEqual([]);
    expect(() => split(all, 0)).toThrow();
  });

  it('gives each part its own id, made once, and the batch the first one', () => {
    const drafts = planTransfers({ ministry: 'mhlw', submissionIds: ids(1201), note: '所管のため回付します。', includeContact: false }, counter());
    expect(drafts.map((d) => [d.id, d.part, d.parts, d.submissionIds.length])).toEqual([
      ['t-1', 1, 3, 500],
      ['t-2', 2, 3, 500],
      ['t-3', 3, 3, 201],
    ]);
    expect(new Set(drafts.map((d) => d.batchId))).toEqual(new Set(['t-1']));
    for (const d of drafts) expect(d).toMatchObject({ ministry: 'mhlw', note: '所管のため回付します。', includeContact: false });
  });

  it('drops repeated ids before splitting, so no submission goes twice in one send', () => {
    const drafts = planTransfers({ ministry: 'cfa', submissionIds: [...ids(500), 'S-1', 'S-2', 'S-501'], note: '', includeContact: true }, counter());
    expect(drafts.map((d) => d.submissionIds.length)).toEqual([500, 1]);
    expect(uniqueInOrder(['b', 'a', 'b'])).toEqual(['b', 'a']);
  });

  it('refuses an id maker that repeats itself', () => {
    expect(() => planTransfers({ ministry: 'cfa', submissionIds: ids(501), note: '', includeContact: false }, () => 'same')).toThrow(/unique/);
  });
});

describe('batches by ministry', () => {
  it('groups marked items by ministry, leaving out those on their way', () => {
    const marked = [
      { ministry: 'mhlw', id: 'S-1' },
      { ministry: 'cfa', id: 'S-1' },
      { ministry: 'mhlw', id: 'S-2' },
      { ministry: 'mext', id: 'S-3' },
    ];
    const groups = groupByMinistry(marked, new Set([pairKey('mext', 'S-3'), pairKey('mhlw', 'S-9')]));
    expect(groups.map((g) => [g.ministry, g.items.map((i) => i.id)])).toEqual([
      ['mhlw', ['S-1', 'S-2']],
      ['cfa', ['S-1']],
    ]);
  });

  it('drops from a refused transfer exactly the submissions the office named', () => {
    expect(withoutRefused(['a', 'b', 'c', 'd'], ['b', 'x', 'd'])).toEqual(['a', 'c']);
    expect(withoutRefused(['a'], [])).toEqual(['a']);
  });
});
