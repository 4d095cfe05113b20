// The four picker actions (t / s / a / m) as contract actions, and when one must be confirmed.
import { STATUS_VALUES, type ActionTarget, type TriageAction } from '../../../shared/domain.js';

export type ActionKind = 'tag' | 'status' | 'assign' | 'transfer';

/** The picker's value for "nobody": not a staff id any office could issue. */
export const UNASSIGN = '\u0000unassign';

export function toAction(kind: ActionKind, value: string): TriageAction {
  switch (kind) {
    case 'tag':
      return { type: 'tag_added', tag: value };
    case 'status':
      if (!(STATUS_VALUES as readonly string[]).includes(value)) throw new Error(`not a status: ${value}`);
      return { type: 'status_set', status: value as (typeof STATUS_VALUES)[number] };
    case 'assign':
      return { type: 'assigned', staffId: value === UNASSIGN ? null : value };
    case 'transfer':
      return { type: 'transfer_marked', ministry: value, note: null };
  }
}

/**
 * One opinion named by id needs no second question; anything wider does (a selection, a
 * whole group, everything matching), so a stray key cannot re-label a campaign.
 */
export function needsConfirmation(target: ActionTarget, count: number | undefined): boolean {
  return 'filter' in target || (count ?? 0) > 1;
}
