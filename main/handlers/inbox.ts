import type { InboxRow, SubmissionDetail } from '../../shared/domain.js';
import { KoeError } from '../../shared/contract-kit.js';
import { isValidEmail, maskEmail } from '../../shared/email.js';
import { appendAudit } from '../store/audit.js';
import { countInbox, listInbox, ROW_COLUMNS, toInboxRow, type QueryContext, type RawRow } from '../store/inbox-queries.js';
import { kvGet, kvSet, stmt } from '../store/statements.js';
import { getSubmission, historyOf, triageOf } from '../store/submission-queries.js';
import { requireStaff, type HandlerGroup, type ServiceState } from './context.js';

export function queryContext(s: ServiceState): QueryContext {
  return { meId: s.staff()?.id ?? null, seenAt: Number(kvGet(s.db, 'inbox_seen_at') ?? 0) };
}

export function inboxHandlers(s: ServiceState): HandlerGroup<
  'inbox:list' | 'inbox:count' | 'inbox:markSeen' | 'submission:get' | 'submission:revealEmail' | 'submission:similar' | 'tags:list'
> {
  return {
    'inbox:list': (q) => listInbox(s.db, q, queryContext(s)),
    'inbox:count': ({ filter }) => ({ count: countInbox(s.db, filter, queryContext(s)) }),
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
