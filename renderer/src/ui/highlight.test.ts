import { describe, expect, it } from 'vitest';
import { searchTerms, splitHighlights } from './highlight.js';

describe('search highlight', () => {
  it('marks every Japanese match, longest term first', () => {
    const terms = searchTerms('子育て　子育て支援');
    expect(terms).toEqual(['子育て支援', '子育て']);
    expect(splitHighlights('子育て支援と子育て', terms)).toEqual([
      { text: '子育て支援', hit: true },
      { text: 'と', hit: false },
      { text: '子育て', hit: true },
    ]);
  });

  it('treats regex characters and markup in the query as plain text', () => {
    expect(splitHighlights('a <b>(c)</b>', searchTerms('<b>(c)'))).toEqual([
      { text: 'a ', hit: false },
      { text: '<b>(c)', hit: true },
      { text: '</b>', hit: false },
    ]);
  });

  it('leaves text alone without a search', () => {
    expect(splitHighlights('年金', [])).toEqual([{ text: '年金', hit: false }]);
  });
});
