// Which cached calls a change announced by main makes stale. Main names topics (tables, in
// effect); each topic maps to the call names whose answers read them. No polling: this map is
// how the screen learns that another staff member acted or that a sync brought news.
import type { CallName, ChangeTopic } from '../../../shared/contract.js';

const SUBMISSION_CALLS: CallName[] = ['inbox:list', 'inbox:count', 'submission:get', 'submission:similar', 'tags:list'];
// The report's figures come from the opinions, their triage and the transfers.
const REPORT_CALLS: CallName[] = ['reports:get'];
const TRANSFER_CALLS: CallName[] = ['transfers:pending', 'transfers:outbox', 'transfers:list', 'transfers:ofSubmission', 'transfers:themeMap'];

export const TOPIC_CALLS: Record<ChangeTopic, readonly CallName[]> = {
  submissions: [...SUBMISSION_CALLS, ...REPORT_CALLS],
  // Marks are triage: what waits for transfer changes with them. Claims, proposals and
  // replies are triage too.
  triage: [...SUBMISSION_CALLS, ...REPORT_CALLS, 'transfers:pending', 'mail:composer', 'mail:approvals'],
  // A sync or a pushed outbox changes the status bar; the rows it brought come as 'submissions'.
  sync: ['sync:status', 'quarantine:count'],
  outbox: ['sync:status', 'mail:outbox', 'mail:composer'],
  views: ['views:list'],
  session: ['session:get'],
  settings: ['app:info', 'mail:templates', 'mail:settings', 'admin:settings'],
  reference: ['reference:get'],
  audit: ['audit:list'],
  // A transfer's status shows in the inbox too (returned items come back flagged).
  transfers: [...SUBMISSION_CALLS, ...TRANSFER_CALLS, ...REPORT_CALLS],
  // An export's progress bar.
  reports: ['reports:exportProgress'],
};

/** The distinct call names to refetch for one change event. Unknown topics are ignored. */
export function callsForTopics(topics: readonly string[]): CallName[] {
  const out = new Set<CallName>();
  for (const topic of topics) for (const name of TOPIC_CALLS[topic as ChangeTopic] ?? []) out.add(name);
  return [...out];
}
