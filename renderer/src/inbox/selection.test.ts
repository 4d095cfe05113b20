import { describe, expect, it } from 'vitest';
import { actionTarget, EMPTY, extend, isSelected, selectAllMatching, selectedCount, selectRange, toggle } from './selection.js';

const rows = ['a', 'b', 'c', 'd', 'e'];

describe('selection', () => {
  it('toggles single rows', () => {
    const one = toggle(EMPTY, 'b', rows);
    expect(isSelected(one, 'b')).toBe(true);
    expect(isSelected(toggle(one, 'b', rows), 'b')).toBe(false);
  });

  it('selects a range from the anchor, either direction', () => {
    const s = selectRange(toggle(EMPTY, 'd', rows), rows, null, 'b');
    expect(rows.filter((r) => isSelected(s, r))).toEqual(['b', 'c', 'd']);
  });

  it('extends with Shift+j/k', () => {
    const s = extend(extend(EMPTY, 'a', 'b'), 'b', 'c');
    expect(selectedCount(s, 99)).toBe(3);
  });

  it('targets everything matching by filter, not by loaded rows', () => {
    const s = selectAllMatching({ status: ['new'] });
    expect(actionTarget(s, 'a')).toEqual({ filter: { status: ['new'] } });
    expect(selectedCount(s, 120_000)).toBe(120_000);
    expect(isSelected(s, 'zzz')).toBe(true);
  });

  it('falls back to loaded rows when one is unselected from "all matching"', () => {
    const s = toggle(selectAllMatching({}), 'c', rows);
    expect(actionTarget(s, null)).toEqual({ ids: ['a', 'b', 'd', 'e'] });
  });

  it('acts on the cursor row when nothing is selected, and on nothing when there is no cursor', () => {
    expect(actionTarget(EMPTY, 'e')).toEqual({ ids: ['e'] });
    expect(actionTarget(EMPTY, null)).toBeNull();
  });
});
