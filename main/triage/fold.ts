// Events → triage state. Pure: every client that applies the same confirmed events in server
// `seq` order (then its own pending ones, in the order they were made) shows the same state.
import type { TriageState } from '../../shared/domain.js';

export interface FoldEvent {
  type: string;
  payload: Record<string, unknown>;
  staffId: string | null;
  /** Server time for confirmed events, client time for pending ones. */
  at: string;
  pending: boolean;
}

export const CLAIM_LAPSE_MS = 15 * 60 * 1000;

export function emptyTriage(): TriageState {
  return { status: 'new', tags: [], assignee: null, notes: [], transferMarks: [], replies: [], claim: null, proposals: [] };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function foldEvents(events: readonly FoldEvent[]): TriageState {
  const state = emptyTriage();
  const tags = new Map<string, boolean>();
  const marks = new Map<string, string | null>();
  for (const e of events) {
    const p = e.payload;
    switch (e.type) {
      case 'status_set': {
        const s = str(p.status);
        if (s) state.status = s;
        break;
      }
      case 'tag_added':
      case 'tag_removed': {
        const t = str(p.tag);
        if (t) {
          // Per tag, last wins: re-insert so the tag keeps its latest position.
          tags.delete(t);
          tags.set(t, e.type === 'tag_added');
        }
        break;
      }
      case 'assigned':
        state.assignee = str(p.staff_id);
        break;
      case 'note_added': {
        const text = str(p.text);
        if (text) state.notes.push({ text, staffId: e.staffId, at: e.at, pending: e.pending });
        break;
      }
      case 'transfer_marked':
      case 'transfer_unmarked': {
        const m = str(p.ministry);
        if (!m) break;
        marks.delete(m);
        if (e.type === 'transfer_marked') marks.set(m, str(p.note));
        break;
      }
      case 'reply_claimed':
        state.claim = { holder: e.staffId, until: new Date(Date.parse(e.at) + CLAIM_LAPSE_MS).toISOString() };
        break;
      case 'reply_released':
        if (state.claim && state.claim.holder === e.staffId) state.claim = null;
        break;
      case 'reply_proposed': {
        const draftId = str(p.draft_id);
        if (draftId) {
          state.proposals = state.proposals.filter((x) => x.draftId !== draftId);
          state.proposals.push({ draftId, subject: str(p.subject) ?? '', body: str(p.body) ?? '', staffId: e.staffId, state: 'proposed', comment: null });
        }
        break;
      }
      case 'reply_approved':
      case 'reply_returned': {
        const proposal = state.proposals.find((x) => x.draftId === str(p.draft_id));
        if (proposal) {
          proposal.state = e.type === 'reply_approved' ? 'approved' : 'returned';
          proposal.comment = str(p.comment);
        }
        break;
      }
      case 'reply_sent': {
        state.replies.push({
          messageId: str(p.message_id) ?? '',
          subject: str(p.subject) ?? '',
          body: str(p.body) ?? '',
          sentAt: str(p.sent_at) ?? e.at,
          staffId: e.staffId,
          draftId: str(p.draft_id),
        });
        if (state.claim && state.claim.holder === e.staffId) state.claim = null;
        break;
      }
      default:
        // Event types this version does not know change nothing.
        break;
    }
  }
  state.tags = [...tags].filter(([, on]) => on).map(([t]) => t).sort();
  state.transferMarks = [...marks].map(([ministry, note]) => ({ ministry, note })).sort((a, b) => (a.ministry < b.ministry ? -1 : 1));
  return state;
}

/** The claim in force at `now`, or null when there is none or it has lapsed. */
export function activeClaim(state: TriageState, now: Date): TriageState['claim'] {
  if (!state.claim) return null;
  return Date.parse(state.claim.until) > now.getTime() ? state.claim : null;
}
