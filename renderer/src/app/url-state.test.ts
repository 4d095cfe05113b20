import { describe, expect, it } from 'vitest';
import { activeFilterCount, hashToRoute, normalizeFilter, routeToHash, sameFilter, type RouteState } from './url-state.js';

describe('URL ⇄ filter state', () => {
  it('round-trips every field, Japanese search included', () => {
    const state: RouteState = {
      filter: {
        search: '子育て 支援',
        status: ['new', 'in_progress'],
        category: ['request'],
        theme: ['childcare'],
        tag: ['要確認', 'a&b=c'],
        ageBand: ['30s'],
        channel: ['email'],
        assignee: ['me', 'none'],
        ministry: ['any'],
        from: '2026-04-01',
        to: '2026-04-30',
        hasReply: false,
        groupId: 'grp-12',
      },
      sort: 'received_asc',
      open: 'sub_000123',
    };
    expect(hashToRoute(routeToHash(state))).toEqual(state);
  });

  it('gives the default state for an empty hash', () => {
    expect(hashToRoute('')).toEqual({ filter: {}, sort: 'received_desc', open: null });
    expect(routeToHash({ filter: {}, sort: 'received_desc', open: null })).toBe('#/inbox');
  });

  it('drops only the values that do not fit the contract', () => {
    const r = hashToRoute('#/inbox?status=new&from=yesterday&channel=fax&sort=random&open=../../etc');
    expect(r).toEqual({ filter: { status: ['new'] }, sort: 'received_desc', open: null });
  });

  it('ignores duplicates and empty values', () => {
    expect(hashToRoute('#/inbox?status=new&status=new&tag=').filter).toEqual({ status: ['new'] });
  });
});

describe('filter identity', () => {
  it('treats order and empty parts as irrelevant', () => {
    expect(sameFilter({ status: ['done', 'new'], tag: [] }, { status: ['new', 'done'], search: '  ' })).toBe(true);
    expect(sameFilter({ status: ['new'] }, { status: ['spam'] })).toBe(false);
    expect(normalizeFilter({ search: ' 年金 ' })).toEqual({ search: '年金' });
  });

  it('counts conditions', () => {
    expect(activeFilterCount({ status: ['new', 'done'], search: '年金', hasReply: true })).toBe(4);
    expect(activeFilterCount({})).toBe(0);
  });
});
