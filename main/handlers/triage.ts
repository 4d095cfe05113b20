import { randomUUID } from 'node:crypto';
import { KoeError } from '../../shared/contract-kit.js';
import { inboxFilter, type SavedView } from '../../shared/domain.js';
import { idsMatching } from '../store/inbox-queries.js';
import { stmt } from '../store/statements.js';
import { applyAction } from '../triage/commands.js';
import { assertChoosable } from '../transfers/ministries.js';
import { requireStaff, type HandlerGroup, type ServiceState } from './context.js';
import { queryContext } from './inbox.js';

/** Built-in views: always there, cannot be deleted. */
export const BUILT_IN_VIEWS: SavedView[] = [
  { id: 'builtin-new', name: 'New', filter: { status: ['new'] }, sort: 'received_desc', builtIn: true },
  { id: 'builtin-mine', name: 'Mine', filter: { assignee: ['me'] }, sort: 'received_desc', builtIn: true },
  { id: 'builtin-needs-transfer', name: 'Needs transfer', filter: { ministry: ['any'] }, sort: 'received_desc', builtIn: true },
  { id: 'builtin-returned', name: 'Returned', filter: { returned: true }, sort: 'received_desc', builtIn: true },
  { id: 'builtin-replied', name: 'Replied', filter: { hasReply: true }, sort: 'received_desc', builtIn: true },
  { id: 'builtin-spam', name: 'Spam', filter: { status: ['spam'] }, sort: 'received_desc', builtIn: true },
];

export function triageHandlers(s: ServiceState): HandlerGroup<'triage:act' | 'views:list' | 'views:save' | 'views:delete'> {
  return {
    'triage:act': ({ target, action }) => {
      const staff = requireStaff(s);
      if (action.type === 'transfer_marked') assertChoosable(s.db, action.ministry);
      const ids = 'ids' in target ? target.ids : idsMatching(s.db, target.filter, queryContext(s));
      const count = applyAction(s.db, ids, action, staff.id);
      s.emit(['triage', 'outbox']);
      s.runner.schedulePush();
      return { count };
    },
    'views:list': () => {
      const saved = stmt<[], { id: string; name: string; filter: string; sort: string }>(s.db, 'SELECT id, name, filter, sort FROM saved_views ORDER BY created_at').all();
      return [
        ...BUILT_IN_VIEWS,
        ...saved.map((v) => ({
          id: v.id,
          name: v.name,
          // A view saved by an older version that no longer parses opens as "everything".
          filter: inboxFilter.safeParse(JSON.parse(v.filter)).data ?? {},
          sort: v.sort === 'received_asc' ? ('received_asc' as const) : ('received_desc' as const),
          builtIn: false,
        })),
      ];
    },
    'views:save': (v) => {
      if (v.id?.startsWith('builtin-')) throw new KoeError('forbidden', 'Built-in views cannot be changed; save a copy under a new name.');
      const id = v.id ?? randomUUID();
      stmt(s.db, `INSERT INTO saved_views(id, name, filter, sort, created_at) VALUES (?, ?, ?, ?, ?)
                  ON CONFLICT(id) DO UPDATE SET name = excluded.name, filter = excluded.filter, sort = excluded.sort`).run(
        id, v.name, JSON.stringify(v.filter), v.sort, Date.now(),
      );
      s.emit(['views']);
      return { id, name: v.name, filter: v.filter, sort: v.sort, builtIn: false };
    },
    'views:delete': ({ id }) => {
      if (id.startsWith('builtin-')) throw new KoeError('forbidden', 'Built-in views cannot be deleted.');
      stmt(s.db, 'DELETE FROM saved_views WHERE id = ?').run(id);
      s.emit(['views']);
    },
  };
}
