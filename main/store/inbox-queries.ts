// The inbox's queries: one filter → one WHERE clause with bound values, keyset paging on the
// sort key. A search is driven from the FTS index in rowid order (terms of one or two
// characters through the trigrams they begin), so the newest 100 matches come without sorting
// every match.
import type { InboxFilter, InboxPage, InboxRow, Status } from '../../shared/domain.js';
import { inboxQuery, type InboxQuery } from '../../shared/domain.js';
import type { Db } from './db.js';
import { indexPendingCount, likePattern, planSearch, prefixTrigramsIn } from './search-index.js';

export interface QueryContext {
  /** The signed-in staff member, for the "me" assignee filter. */
  meId: string | null;
  /** Rows changed after this (ms) are shown as new. */
  seenAt: number;
}

interface Built {
  from: string;
  where: string[];
  params: unknown[];
  /** The column the rows are ordered and paged by. */
  key: string;
}

const TOKYO_OFFSET = '+09:00';
export function tokyoDayStartMs(date: string): number {
  return Date.parse(`${date}T00:00:00${TOKYO_OFFSET}`);
}

function inList(column: string, values: readonly string[], where: string[], params: unknown[]) {
  where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
  params.push(...values);
}

export function buildFilter(db: Db, filter: InboxFilter, ctx: QueryContext): Built {
  const where: string[] = [];
  const params: unknown[] = [];
  let from = 'submissions s';
  let key = 's.k';
  if (filter.search?.trim()) {
    const plan = planSearch(filter.search.trim(), prefixTrigramsIn(db));
    if (plan.none) where.push('0');
    if (plan.match) {
      from = 'submissions_fts f JOIN submissions s ON s.k = f.rowid';
      key = 'f.rowid';
      where.push('submissions_fts MATCH ?');
      params.push(plan.match);
    }
    for (const term of plan.likes) {
      where.push(`(s.body LIKE ? ESCAPE '\\' OR s.subject LIKE ? ESCAPE '\\')`);
      params.push(likePattern(term), likePattern(term));
    }
  }
  if (filter.status?.length) inList('s.status', filter.status, where, params);
  if (filter.category?.length) inList('s.category', filter.category, where, params);
  if (filter.theme?.length) inList('s.theme', filter.theme, where, params);
  if (filter.ageBand?.length) inList('s.age_band', filter.ageBand, where, params);
  if (filter.channel?.length) inList('s.channel', filter.channel, where, params);
  if (filter.assignee?.length) {
    const ids = filter.assignee.filter((a) => a !== 'none').map((a) => (a === 'me' ? (ctx.meId ?? '\u0000') : a));
    const parts: string[] = [];
    if (ids.length) {
      parts.push(`s.assignee IN (${ids.map(() => '?').join(', ')})`);
      params.push(...ids);
    }
    if (filter.assignee.includes('none')) parts.push('s.assignee IS NULL');
    where.push(`(${parts.join(' OR ')})`);
  }
  if (filter.tag?.length) {
    where.push(`EXISTS (SELECT 1 FROM submission_tags t WHERE t.submission_id = s.id AND t.tag IN (${filter.tag.map(() => '?').join(', ')}))`);
    params.push(...filter.tag);
  }
  if (filter.ministry?.length) {
    if (filter.ministry.includes('any')) where.push(`s.marks <> '[]'`);
    const codes = filter.ministry.filter((m) => m !== 'any');
    if (codes.length) {
      where.push(`EXISTS (SELECT 1 FROM submission_marks m WHERE m.submission_id = s.id AND m.ministry IN (${codes.map(() => '?').join(', ')}))`);
      params.push(...codes);
    }
  }
  if (filter.from) {
    where.push(`${key} >= ?`);
    params.push(tokyoDayStartMs(filter.from) * 1024);
  }
  if (filter.to) {
    where.push(`${key} < ?`);
    params.push((tokyoDayStartMs(filter.to) + 86_400_000) * 1024);
  }
  if (filter.returned !== undefined) where.push(`${filter.returned ? '' : 'NOT '}EXISTS (SELECT 1 FROM transfer_returned r WHERE r.submission_id = s.id)`);
  if (filter.hasReply !== undefined) where.push(filter.hasReply ? 's.replies_count > 0' : 's.replies_count = 0');
  if (filter.groupId) {
    where.push('s.group_id = ?');
    params.push(filter.groupId);
  }
  return { from, where, params, key };
}

export const ROW_COLUMNS = `s.k, s.id, s.received_at, s.channel, s.category, s.theme, s.age_band, s.subject, substr(s.body, 1, 200) AS excerpt,
  s.language, s.status, s.tags, s.assignee, s.marks, s.replies_count, s.notes_count, s.changed_at, s.group_id, s.pending,
  CASE WHEN s.group_id IS NULL THEN 0 ELSE (SELECT count(*) FROM submissions g WHERE g.group_id = s.group_id) END AS group_size,
  (SELECT json_group_array(json_object('ministry', r.ministry, 'reason', r.reason)) FROM transfer_returned r WHERE r.submission_id = s.id) AS returned_by`;

export interface RawRow {
  k: number;
  id: string;
  received_at: string;
  channel: 'form' | 'email';
  category: string;
  theme: string | null;
  age_band: string | null;
  subject: string | null;
  excerpt: string;
  language: string | null;
  status: string;
  tags: string;
  assignee: string | null;
  marks: string;
  replies_count: number;
  notes_count: number;
  changed_at: number;
  group_id: string | null;
  pending: number;
  group_size: number;
  returned_by: string;
}

export function toInboxRow(r: RawRow, ctx: QueryContext): InboxRow {
  return {
    id: r.id,
    receivedAt: r.received_at,
    channel: r.channel,
    category: r.category,
    theme: r.theme,
    ageBand: r.age_band,
    subject: r.subject,
    excerpt: r.excerpt.replace(/\s+/gu, ' ').trim(),
    language: r.language,
    status: r.status as Status,
    tags: JSON.parse(r.tags) as string[],
    assignee: r.assignee,
    transferMarks: JSON.parse(r.marks) as string[],
    returnedBy: JSON.parse(r.returned_by) as InboxRow['returnedBy'],
    repliesCount: r.replies_count,
    notesCount: r.notes_count,
    isNew: r.changed_at > ctx.seenAt,
    groupId: r.group_size > 1 ? r.group_id : null,
    groupSize: r.group_size > 1 ? r.group_size : 0,
    pending: r.pending === 1,
  };
}

export function listInbox(db: Db, input: InboxQuery, ctx: QueryContext): InboxPage {
  const q = inboxQuery.parse(input);
  const b = buildFilter(db, q.filter, ctx);
  const desc = q.sort === 'received_desc';
  const where = [...b.where];
  const params = [...b.params];
  if (q.cursor) {
    const k = Number(q.cursor);
    if (!Number.isSafeInteger(k)) throw new Error('invalid inbox cursor');
    where.push(`${b.key} ${desc ? '<' : '>'} ?`);
    params.push(k);
  }
  const sql = `SELECT ${ROW_COLUMNS} FROM ${b.from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
               ORDER BY ${b.key} ${desc ? 'DESC' : 'ASC'} LIMIT ?`;
  const rows = db.prepare(sql).all(...params, q.limit + 1) as RawRow[];
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  return {
    items: page.map((r) => toInboxRow(r, ctx)),
    nextCursor: more ? String(page[page.length - 1].k) : null,
    indexing: q.filter.search ? indexPendingCount(db) > 0 : false,
  };
}

/** The statement that counts a filter's rows (one column, the count). */
export function countStatement(db: Db, filter: InboxFilter, ctx: QueryContext): { sql: string; params: unknown[] } {
  const b = buildFilter(db, filter, ctx);
  if (b.key === 'f.rowid' && b.where.length === 1) {
    // A search and nothing else: the index alone can count (every indexed row exists, since a
    // deleted row leaves the index in the same transaction), without visiting each row.
    return { sql: 'SELECT count(*) AS n FROM submissions_fts WHERE submissions_fts MATCH ?', params: [b.params[0]] };
  }
  return { sql: `SELECT count(*) AS n FROM ${b.from} ${b.where.length ? `WHERE ${b.where.join(' AND ')}` : ''}`, params: b.params };
}

export function countInbox(db: Db, filter: InboxFilter, ctx: QueryContext): number {
  const { sql, params } = countStatement(db, filter, ctx);
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

/** Every id matching a filter, newest first ("select all matching" acts on these). */
export function idsMatching(db: Db, filter: InboxFilter, ctx: QueryContext, max = 100_000): string[] {
  const b = buildFilter(db, filter, ctx);
  const sql = `SELECT s.id FROM ${b.from} ${b.where.length ? `WHERE ${b.where.join(' AND ')}` : ''} ORDER BY ${b.key} DESC LIMIT ?`;
  return (db.prepare(sql).all(...b.params, max) as { id: string }[]).map((r) => r.id);
}
