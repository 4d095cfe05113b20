// The workspace's place lives in the URL hash (`#/inbox?status=new&q=子育て&open=ID`), so a
// view can be reopened exactly, bookmarked in the harness, and survives a reload. Pure
// functions: what comes from the URL is untrusted and is checked field by field against the
// contract's own filter schema, dropping only what is wrong.
import { inboxFilter, SORTS, type InboxFilter } from '../../../shared/domain.js';

export type Sort = (typeof SORTS)[number];
export interface RouteState {
  filter: InboxFilter;
  sort: Sort;
  /** The submission shown in the detail pane. */
  open: string | null;
}

export const DEFAULT_ROUTE: RouteState = { filter: {}, sort: 'received_desc', open: null };

type ListField = 'status' | 'category' | 'theme' | 'tag' | 'ageBand' | 'channel' | 'assignee' | 'ministry';
const LIST_PARAMS: [ListField, string][] = [
  ['status', 'status'],
  ['category', 'category'],
  ['theme', 'theme'],
  ['tag', 'tag'],
  ['ageBand', 'age'],
  ['channel', 'channel'],
  ['assignee', 'assignee'],
  ['ministry', 'ministry'],
];
const OPEN_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function routeToHash(state: RouteState): string {
  const p = new URLSearchParams();
  const f = state.filter;
  if (f.search) p.set('q', f.search);
  for (const [field, param] of LIST_PARAMS) for (const v of f[field] ?? []) p.append(param, v);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.hasReply !== undefined) p.set('replied', f.hasReply ? '1' : '0');
  if (f.returned !== undefined) p.set('returned', f.returned ? '1' : '0');
  if (f.groupId) p.set('group', f.groupId);
  if (state.sort !== 'received_desc') p.set('sort', state.sort);
  if (state.open) p.set('open', state.open);
  const qs = p.toString();
  return qs ? `#/inbox?${qs}` : '#/inbox';
}

export function hashToRoute(hash: string): RouteState {
  const q = hash.indexOf('?');
  const p = new URLSearchParams(q >= 0 ? hash.slice(q + 1) : '');
  const raw: Record<string, unknown> = {};
  const search = p.get('q');
  if (search) raw.search = search;
  for (const [field, param] of LIST_PARAMS) {
    const values = [...new Set(p.getAll(param).filter((v) => v !== ''))];
    if (values.length) raw[field] = values;
  }
  for (const key of ['from', 'to'] as const) {
    const v = p.get(key);
    if (v) raw[key] = v;
  }
  const replied = p.get('replied');
  if (replied === '1' || replied === '0') raw.hasReply = replied === '1';
  const returned = p.get('returned');
  if (returned === '1' || returned === '0') raw.returned = returned === '1';
  const group = p.get('group');
  if (group) raw.groupId = group;

  const filter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    // Field by field: one bad value (a hand-edited date) must not throw away the whole view.
    const ok = inboxFilter.safeParse({ [key]: value });
    if (ok.success && key in ok.data) filter[key] = (ok.data as Record<string, unknown>)[key];
  }
  const sort = p.get('sort');
  const open = p.get('open');
  return {
    filter: filter as InboxFilter,
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : 'received_desc',
    open: open && OPEN_ID.test(open) ? open : null,
  };
}

/**
 * The filter with empty parts removed and lists sorted: two filters that select the same
 * items compare equal, share one cache entry, and match the same saved view.
 */
export function normalizeFilter(filter: InboxFilter): InboxFilter {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(filter).sort() as (keyof InboxFilter)[]) {
    const v = filter[key];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (key === 'search' && typeof v === 'string') {
      if (v.trim() === '') continue;
      out[key] = v.trim();
      continue;
    }
    out[key] = Array.isArray(v) ? [...v].sort() : v;
  }
  return out as InboxFilter;
}

export function sameFilter(a: InboxFilter, b: InboxFilter): boolean {
  return JSON.stringify(normalizeFilter(a)) === JSON.stringify(normalizeFilter(b));
}

/** How many filter conditions are set (a search counts as one). */
export function activeFilterCount(filter: InboxFilter): number {
  return Object.values(normalizeFilter(filter)).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 1), 0);
}
