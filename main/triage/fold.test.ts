import { describe, expect, it } from 'vitest';
import { activeClaim, foldEvents, type FoldEvent } from './fold.js';

const ev = (type: string, payload: Record<string, unknown> = {}, staffId: string | null = 'st-001', at = '2026-11-28T00:00:00Z', pending = false): FoldEvent => ({
  type, payload, staffId, at, pending,
});

describe('foldEvents', () => {
  it('starts as new with nothing attached', () => {
    expect(foldEvents([])).toEqual({ status: 'new', tags: [], assignee: null, notes: [], transferMarks: [], replies: [], claim: null, proposals: [] });
  });

  it('last status wins and unknown statuses are kept raw', () => {
    expect(foldEvents([ev('status_set', { status: 'done' }), ev('status_set', { status: 'in_progress' })]).status).toBe('in_progress');
    expect(foldEvents([ev('status_set', { status: 'escalated' })]).status).toBe('escalated');
  });

  it('tags: per tag, last wins; sorted', () => {
    const s = foldEvents([ev('tag_added', { tag: 'b' }), ev('tag_added', { tag: 'a' }), ev('tag_removed', { tag: 'b' }), ev('tag_added', { tag: 'c' }), ev('tag_removed', { tag: 'c' }), ev('tag_added', { tag: 'c' })]);
    expect(s.tags).toEqual(['a', 'c']);
  });

  it('assignment last wins, null unassigns', () => {
    expect(foldEvents([ev('assigned', { staff_id: 'st-002' })]).assignee).toBe('st-002');
    expect(foldEvents([ev('assigned', { staff_id: 'st-002' }), ev('assigned', { staff_id: null })]).assignee).toBeNull();
  });

  it('notes are appended with author and pending flag', () => {
    const s = foldEvents([ev('note_added', { text: 'one' }), ev('note_added', { text: 'two' }, 'st-003', '2026-11-28T01:00:00Z', true)]);
    expect(s.notes.map((n) => [n.text, n.staffId, n.pending])).toEqual([['one', 'st-001', false], ['two', 'st-003', true]]);
  });

  it('transfer marks per ministry, last wins', () => {
    const s = foldEvents([
      ev('transfer_marked', { ministry: 'mhlw', note: 'a' }),
      ev('transfer_marked', { ministry: 'cfa', note: null }),
      ev('transfer_unmarked', { ministry: 'mhlw' }),
      ev('transfer_marked', { ministry: 'mext', note: 'b' }),
      ev('transfer_marked', { ministry: 'mext', note: 'c' }),
    ]);
    expect(s.transferMarks).toEqual([{ ministry: 'cfa', note: null }, { ministry: 'mext', note: 'c' }]);
  });

  it('a claim lapses after 15 minutes and ends at the holder’s reply_sent or release', () => {
    const claimed = foldEvents([ev('reply_claimed', {}, 'st-001', '2026-11-28T00:00:00Z')]);
    expect(activeClaim(claimed, new Date('2026-11-28T00:14:59Z'))?.holder).toBe('st-001');
    expect(activeClaim(claimed, new Date('2026-11-28T00:15:01Z'))).toBeNull();
    const sent = foldEvents([
      ev('reply_claimed', {}, 'st-001'),
      ev('reply_sent', { message_id: '<m@koe>', subject: 's', body: 'b', sent_at: '2026-11-28T00:05:00Z' }, 'st-001'),
    ]);
    expect(sent.claim).toBeNull();
    expect(sent.replies).toHaveLength(1);
    const otherRelease = foldEvents([ev('reply_claimed', {}, 'st-001'), ev('reply_released', {}, 'st-002')]);
    expect(otherRelease.claim?.holder).toBe('st-001');
  });

  it('ignores event types it does not know', () => {
    expect(foldEvents([ev('something_new', { x: 1 }), ev('status_set', { status: 'done' })]).status).toBe('done');
  });

  it('the same events in the same order give the same state (two clients converge)', () => {
    const events = [ev('tag_added', { tag: 'x' }), ev('status_set', { status: 'done' }), ev('assigned', { staff_id: 'st-9' })];
    expect(foldEvents(events)).toEqual(foldEvents(structuredClone(events)));
  });
});
