import { describe, expect, it } from 'vitest';
import { pagesToRefresh } from './inbox-refresh.js';

describe('partial inbox refresh', () => {
  it('refreshes the first page and the pages on screen, one either side', () => {
    expect(pagesToRefresh(50, { first: 20, last: 21 })).toEqual([0, 19, 20, 21, 22]);
  });

  it('stays within the pages that exist', () => {
    expect(pagesToRefresh(3, { first: 0, last: 5 })).toEqual([0, 1, 2]);
    expect(pagesToRefresh(1, { first: 0, last: 0 })).toEqual([0]);
  });
});
