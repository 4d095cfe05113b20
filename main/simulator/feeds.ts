// Paging over the three feeds (submissions, events, transfers), the same way for each:
// ?cursor=C&limit=N, every page carries next_cursor, and the paging faults apply here.
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../../shared/office-api.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { FaultState } from './faults.js';
import { errorResponse, json, type ApiResponse } from './http.js';

export interface Feed {
  name: string;
  /** Number of positions; only ever grows. */
  length(): number;
  /** The item(s) at a position: normally one; a fault may add an invalid companion. */
  itemsAt(position: number, faults: FaultState): unknown[];
}

export function parseLimit(raw: string | null): number | null {
  if (raw === null) return PAGE_LIMIT_DEFAULT;
  if (!/^\d{1,7}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= PAGE_LIMIT_MAX ? n : null;
}

export function servePage(feed: Feed, query: URLSearchParams, faults: FaultState, pagesServed: Map<string, number>): ApiResponse {
  const limit = parseLimit(query.get('limit'));
  if (limit === null) return errorResponse(400, 'bad_request', `limit must be an integer from 1 to ${PAGE_LIMIT_MAX}.`);
  const rawCursor = query.get('cursor');
  const length = feed.length();
  let start = 0;
  if (rawCursor) {
    const cursor = decodeCursor(rawCursor, feed.name);
    if (!cursor || cursor.position > length) return errorResponse(400, 'invalid_cursor', 'This cursor is not valid: start again from the beginning.');
    if (cursor.epoch < faults.minValidEpoch) return errorResponse(400, 'invalid_cursor', 'This cursor has expired: start again from the beginning.');
    start = cursor.position;
  }
  const epoch = faults.cursorEpoch;
  const f = faults.faults;

  const served = (pagesServed.get(feed.name) ?? 0) + 1;
  pagesServed.set(feed.name, served);
  if (f.emptyPagesEvery > 0 && served % f.emptyPagesEvery === 0) {
    return json(200, { items: [], next_cursor: encodeCursor({ feed: feed.name, position: start, epoch }), has_more: true });
  }

  const end = Math.min(start + limit, length);
  const from = start > 0 && f.overlapPages > 0 ? Math.max(0, start - Math.floor(f.overlapPages)) : start;
  const items: unknown[] = [];
  for (let p = from; p < end; p++) {
    for (const item of feed.itemsAt(p, faults)) items.push(item);
  }
  return json(200, { items, next_cursor: encodeCursor({ feed: feed.name, position: end, epoch }), has_more: end < length });
}
