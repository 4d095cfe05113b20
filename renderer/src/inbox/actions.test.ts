import { describe, expect, it } from 'vitest';
import { needsConfirmation, toAction, UNASSIGN } from './actions.js';

describe('picker actions', () => {
  it('become contract actions', () => {
    expect(toAction('tag', '要確認')).toEqual({ type: 'tag_added', tag: '要確認' });
    expect(toAction('status', 'done')).toEqual({ type: 'status_set', status: 'done' });
    expect(toAction('assign', 'st-002')).toEqual({ type: 'assigned', staffId: 'st-002' });
    expect(toAction('assign', UNASSIGN)).toEqual({ type: 'assigned', staffId: null });
    expect(toAction('transfer', 'mhlw')).toEqual({ type: 'transfer_marked', ministry: 'mhlw', note: null });
    expect(() => toAction('status', 'archived')).toThrow();
  });

  it('ask again before touching more than one opinion', () => {
    expect(needsConfirmation({ ids: ['a'] }, 1)).toBe(false);
    expect(needsConfirmation({ ids: ['a', 'b'] }, 2)).toBe(true);
    expect(needsConfirmation({ filter: { groupId: 'g' } }, 1)).toBe(true);
    expect(needsConfirmation({ filter: {} }, undefined)).toBe(true);
  });
});
