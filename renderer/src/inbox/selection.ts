// Which opinions a bulk action applies to. Either ids the user picked (click, ctrl/shift-click,
// x, Shift+j/k) or "everything matching": the filter itself, captured when it was chosen, so
// the action covers the whole result — not just the rows loaded — and never a different one.
import type { ActionTarget, InboxFilter } from '../../../shared/domain.js';

export type Selection =
  | { kind: 'ids'; ids: ReadonlySet<string>; anchor: string | null }
  | { kind: 'all'; filter: InboxFilter };

export const EMPTY: Selection = { kind: 'ids', ids: new Set(), anchor: null };

export function isSelected(sel: Selection, id: string): boolean {
  return sel.kind === 'all' || sel.ids.has(id);
}

export function isEmpty(sel: Selection): boolean {
  return sel.kind === 'ids' && sel.ids.size === 0;
}

/**
 * Toggles one row. Unselecting a row out of "everything matching" cannot be expressed as a
 * filter, so it falls back to the loaded rows minus that one.
 */
export function toggle(sel: Selection, id: string, loadedIds: readonly string[]): Selection {
  if (sel.kind === 'all') return { kind: 'ids', ids: new Set(loadedIds.filter((x) => x !== id)), anchor: id };
  const ids = new Set(sel.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { kind: 'ids', ids, anchor: id };
}

/** Shift-click: adds the rows from the anchor (or `from`) to `to`, inclusive. */
export function selectRange(sel: Selection, loadedIds: readonly string[], from: string | null, to: string): Selection {
  if (sel.kind === 'all') return sel;
  const start = loadedIds.indexOf(sel.anchor ?? from ?? to);
  const end = loadedIds.indexOf(to);
  if (end < 0) return sel;
  const [lo, hi] = start < 0 ? [end, end] : [Math.min(start, end), Math.max(start, end)];
  const ids = new Set(sel.ids);
  for (let i = lo; i <= hi; i++) ids.add(loadedIds[i]);
  return { kind: 'ids', ids, anchor: sel.anchor ?? from ?? to };
}

/** Shift+j/k: the row left and the row reached both become selected. */
export function extend(sel: Selection, from: string, to: string): Selection {
  if (sel.kind === 'all') return sel;
  const ids = new Set(sel.ids);
  ids.add(from);
  ids.add(to);
  return { kind: 'ids', ids, anchor: sel.anchor ?? from };
}

export function selectAllMatching(filter: InboxFilter): Selection {
  return { kind: 'all', filter };
}

/** How many opinions an action would touch. */
export function selectedCount(sel: Selection, totalMatching: number | undefined): number | undefined {
  return sel.kind === 'all' ? totalMatching : sel.ids.size;
}

/**
 * What an action applies to: the selection if there is one, else the opinion under the cursor,
 * else nothing (the caller says so rather than guessing).
 */
export function actionTarget(sel: Selection, cursorId: string | null): ActionTarget | null {
  if (sel.kind === 'all') return { filter: sel.filter };
  if (sel.ids.size > 0) return { ids: [...sel.ids] };
  return cursorId ? { ids: [cursorId] } : null;
}
