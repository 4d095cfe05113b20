// The three-column workspace: views and filters, the list, the opinion. Owns the state the
// columns share — the route (in the URL), the selection, the open dialog — and the commands
// the keyboard and the buttons both run.
import { useMemo, useRef, useState } from 'react';
import type { SessionInfo } from '../../../shared/contract.js';
import type { ActionTarget, InboxFilter, InboxRow } from '../../../shared/domain.js';
import { useInboxCount, useInboxPages, useReference } from '../api/queries.js';
import { useChangeEvents } from '../api/use-change-events.js';
import { DetailPane, type DetailHandle } from '../detail/DetailPane.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ActionDialog } from '../inbox/ActionDialog.js';
import { MarkDialog } from '../transfers/MarkDialog.js';
import type { ActionKind } from '../inbox/actions.js';
import { ListColumn, type ListHandle } from '../inbox/ListColumn.js';
import { actionTarget, EMPTY, extend, selectAllMatching, selectedCount, selectRange, toggle, type Selection } from '../inbox/selection.js';
import { Sidebar } from '../inbox/Sidebar.js';
import { HelpDialog } from '../keyboard/HelpDialog.js';
import { useShortcuts } from '../keyboard/use-shortcuts.js';
import { SyncStatusBar } from '../sync-status/SyncStatusBar.js';
import { useAnnounce } from '../ui/announcer.js';
import { TopBar } from './TopBar.js';
import { normalizeFilter, type RouteState } from './url-state.js';
import { useRoute } from './use-route.js';

type OpenDialog = { kind: 'help' } | { kind: 'act'; action: ActionKind; target: ActionTarget; count: number | undefined };

function uniqueRows(all: InboxRow[]): InboxRow[] {
  const seen = new Set<string>();
  return all.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

export function Workspace({ session }: { session: SessionInfo }) {
  useChangeEvents();
  const { t } = useI18n();
  const announce = useAnnounce();
  const [route, setRoute] = useRoute();
  const filter = useMemo(() => normalizeFilter(route.filter), [route.filter]);
  const filterKey = JSON.stringify(filter);
  const reference = useReference();
  const pages = useInboxPages(filter, route.sort);
  // Pages refreshed in place after a change may overlap at their edges: each row once.
  const rows = useMemo<InboxRow[]>(() => uniqueRows(pages.data?.pages.flatMap((p) => p.items) ?? []), [pages.data]);
  const rowIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const total = useInboxCount(filter).data?.count;

  const [selection, setSelection] = useState<Selection>(EMPTY);
  // A selection belongs to one result: a new filter starts with none, so "select all" can
  // never carry over to a different set of opinions.
  const [selectionFor, setSelectionFor] = useState(filterKey);
  if (selectionFor !== filterKey) {
    setSelectionFor(filterKey);
    setSelection(EMPTY);
  }

  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const listRef = useRef<ListHandle>(null);
  const detailRef = useRef<DetailHandle>(null);
  const groupReturn = useRef<RouteState | null>(null);

  const setFilter = (next: InboxFilter) => setRoute((r) => ({ ...r, filter: next }), 'push');
  const openRow = (id: string) => setRoute((r) => ({ ...r, open: id }), 'replace');

  const move = (delta: 1 | -1, extendSelection: boolean) => {
    if (rows.length === 0) return;
    const at = route.open ? rowIds.indexOf(route.open) : -1;
    const next = at < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, at + delta));
    const id = rowIds[next];
    if (extendSelection && route.open && at >= 0) setSelection((s) => extend(s, route.open!, id));
    openRow(id);
    listRef.current?.focus();
    // Reaching the end of what is loaded asks for the next page before the user gets there.
    if (next >= rows.length - 20 && pages.hasNextPage && !pages.isFetchingNextPage) void pages.fetchNextPage();
  };

  const openGroup = (row: Pick<InboxRow, 'id' | 'groupId'>) => {
    if (!row.groupId) return;
    if (!route.filter.groupId) groupReturn.current = route;
    setRoute({ filter: { groupId: row.groupId }, sort: route.sort, open: row.id }, 'push');
    listRef.current?.focus();
  };
  const closeGroup = () => {
    const back = groupReturn.current;
    groupReturn.current = null;
    setRoute(back ? { ...back, open: route.open } : (r) => ({ ...r, filter: { ...r.filter, groupId: undefined } }), 'push');
  };

  const startAction = (action: ActionKind, explicit?: { target: ActionTarget; count: number | undefined }) => {
    if (explicit) {
      setDialog({ kind: 'act', action, ...explicit });
      return;
    }
    const target = actionTarget(selection, route.open);
    if (!target) {
      announce(t('act.nothingSelected'));
      return;
    }
    const count = 'ids' in target ? target.ids.length : selectedCount(selection, total);
    setDialog({ kind: 'act', action, target, count });
  };

  const cursorRow = rows.find((r) => r.id === route.open);

  useShortcuts(
    {
      next: () => move(1, false),
      prev: () => move(-1, false),
      extendNext: () => move(1, true),
      extendPrev: () => move(-1, true),
      select: () => {
        if (route.open) setSelection((s) => toggle(s, route.open!, rowIds));
      },
      selectAll: () => setSelection(selectAllMatching(filter)),
      open: () => detailRef.current?.focusTitle(),
      tag: () => startAction('tag'),
      status: () => startAction('status'),
      assign: () => startAction('assign'),
      transfer: () => startAction('transfer'),
      group: () => {
        if (cursorRow?.groupId && cursorRow.groupSize > 1) openGroup(cursorRow);
      },
      note: () => detailRef.current?.focusNote(),
      reply: () => detailRef.current?.reply(),
      search: () => listRef.current?.focusSearch(),
      back: () => {
        const active = document.activeElement;
        if (listRef.current?.containsSearch(active)) return listRef.current.focus();
        if (detailRef.current?.contains(active)) return listRef.current?.focus();
        if (selection.kind === 'all' || selection.ids.size > 0) return setSelection(EMPTY);
        if (route.filter.groupId) return closeGroup();
        listRef.current?.focus();
      },
      help: () => setDialog({ kind: 'help' }),
    },
    true,
  );

  return (
    <div className="workspace">
      <a className="skip-link" href="#inbox-list" onClick={(e) => (e.preventDefault(), listRef.current?.focus())}>
        {t('app.skipToList')}
      </a>
      <TopBar session={session} onHelp={() => setDialog({ kind: 'help' })} />
      <div className="columns">
        <Sidebar secondaryReady={pages.data !== undefined} filter={filter} sort={route.sort} reference={reference.data} onChange={(f, sort) => setRoute((r) => ({ ...r, filter: f, sort: sort ?? r.sort }), 'push')} />
        <ListColumn
          ref={listRef}
          filter={filter}
          sort={route.sort}
          onSort={(sort) => setRoute((r) => ({ ...r, sort }), 'push')}
          onFilter={setFilter}
          searchCommit={(search) => setRoute((r) => ({ ...r, filter: { ...r.filter, search: search || undefined } }), 'replace')}
          rows={rows}
          pages={pages}
          total={total}
          reference={reference.data}
          meId={session.staff?.id ?? null}
          activeId={route.open}
          selection={selection}
          onRowClick={(id, e) => {
            if (e.shiftKey) setSelection((s) => selectRange(s, rowIds, route.open, id));
            else if (e.ctrlKey || e.metaKey) setSelection((s) => toggle(s, id, rowIds));
            openRow(id);
          }}
          onToggle={(id) => setSelection((s) => toggle(s, id, rowIds))}
          onSelectAll={() => setSelection(selectAllMatching(filter))}
          onClearSelection={() => setSelection(EMPTY)}
          onAction={(a) => startAction(a)}
          onGroupAction={(a, groupId, count) => startAction(a, { target: { filter: { groupId } }, count })}
          onOpenGroup={openGroup}
          onCloseGroup={closeGroup}
        />
        <DetailPane ref={detailRef} id={route.open} search={filter.search} reference={reference.data} session={session} onOpenGroup={openGroup} onAction={(a, target, count) => startAction(a, { target, count })} />
      </div>
      <SyncStatusBar role={session.staff?.role ?? 'staff'} />
      {dialog?.kind === 'help' ? <HelpDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'act' && dialog.action === 'transfer' ? (
        <MarkDialog
          target={dialog.target}
          count={dialog.count}
          reference={reference.data}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            setSelection(EMPTY);
          }}
        />
      ) : dialog?.kind === 'act' ? (
        <ActionDialog
          action={dialog.action}
          target={dialog.target}
          count={dialog.count}
          reference={reference.data}
          meId={session.staff?.id ?? null}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            // After a bulk action the selection has done its job.
            setSelection(EMPTY);
          }}
        />
      ) : null}
    </div>
  );
}
