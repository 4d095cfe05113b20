import type { InboxFilter, InboxRow, SubmissionDetail } from '../../shared/domain.js';
import { KoeError } from '../../shared/contract-kit.js';
import { isValidEmail, maskEmail } from '../../shared/email.js';
import { appendAudit } from '../store/audit.js';
import { countInbox, countStatement, listInbox, ROW_COLUMNS, toInboxRow, type QueryContext, type RawRow } from '../store/inbox-queries.js';
import { kvGet, kvSet, stmt } from '../store/statements.js';
import { getSubmission, historyOf, triageOf } from '../store/submission-queries.js';
import { requireStaff, type HandlerGroup, type ServiceState } from './context.js';

export function queryContext(s: ServiceState): QueryContext {
  return { meId: s.staff()?.id ?? null, seenAt: Number(kvGet(s.db, 'inbox_seen_at') ?? 0) };
}

/** Counts on the count worker when there is one; on the main thread when it cannot answer. */
async function countOffTheMainThread(s: ServiceState, filter: InboxFilter): Promise<number> {
  const { sql, params } = countStatement(s.db, filter, queryContext(s));
  if (s.counter) {
    try {
      return await s.counter.count(sql, params);
    } catch {
      // The worker could not read (it is replaced for the next count): count here instead.
    }
  }
  return (s.db.prepare(sql).get(...params) as { n: number }).n;
}

export function inboxHandlers(s: ServiceState): HandlerGroup<
  'inbox:list' | 'inbox:count' | 'inbox:markSeen' | 'submission:get' | 'submission:revealEmail' | 'submission:similar' | 'tags:list'
> {
  return {
    'inbox:list': (q) => listInbox(s.db, q, queryContext(s)),
    'inbox:count': async ({ filter }) => ({ count: await countOffTheMainThread(s, filter) }),
    'inbox:markSeen': () => {
      kvSet(s.db, 'inbox_seen_at', String(Date.now()));
      s.emit(['submissions']);
    },
    'submission:get': ({ id }) => {
      const r = getSubmission(s.db, id);
      if (!r) throw new KoeError('not_found', `Submission ${id} is not here (it may have been deleted).`);
      const ctx = queryContext(s);
      const row = stmt<[string], RawRow>(
        s.db,
        `SELECT ${ROW_COLUMNS} FROM submissions s WHERE s.id = ?`,
      ).get(id)!;
      const detail: SubmissionDetail = {
        ...toInboxRow(row, ctx),
        body: r.body,
        emailMasked: r.email ? maskEmail(r.email) : null,
        hasEmail: r.email !== null && r.email !== '',
        emailValid: isValidEmail(r.email),
        triage: triageOf(r),
        history: historyOf(s.db, id),
      };
      return detail;
    },
    'submission:revealEmail': ({ id }) => {
      const staff = requireStaff(s);
      const r = getSubmission(s.db, id);
      if (!r) throw new KoeError('not_found', `Submission ${id} is not here.`);
      if (!r.email) throw new KoeError('not_found', 'This opinion came without an email address.');
      // Every reveal is recorded: who, when, which submission.
      appendAudit(s.db, { actor: staff.id, action: 'email_revealed', detail: { submission_id: id } });
      s.emit(['audit']);
      return { email: r.email };
    },
    'submission:similar': ({ id, limit }) => {
      const r = getSubmission(s.db, id);
      if (!r) throw new KoeError('not_found', `Submission ${id} is not here.`);
      if (!r.group_id) return { groupId: null, items: [] as InboxRow[], total: 0 };
      const ctx = queryContext(s);
      const page = listInbox(s.db, { filter: { groupId: r.group_id }, limit }, ctx);
      return { groupId: r.group_id, items: page.items, total: countInbox(s.db, { groupId: r.group_id }, ctx) };
    },
    'tags:list': () =>
      stmt<[], { tag: string; count: number }>(s.db, 'SELECT tag, count(*) AS count FROM submission_tags GROUP BY tag ORDER BY count DESC, tag').all(),
  };
}
