// Everything one running simulator holds, shared by the API routes, the control endpoint
// and the handle that tests use.
import type { FaultState } from './faults.js';
import type { EventStore } from './events.js';
import type { SessionStore } from './sessions.js';
import type { SubmissionLog } from './submission-log.js';
import type { TemplateStore } from './template-store.js';
import type { TransferStore } from './transfers.js';

export interface PostedRecord {
  idempotencyKey: string | null;
  /** The JSON body as received (or the raw text when it was not JSON). */
  body: unknown;
  /** The status answered; 0 when the connection was dropped instead. */
  status: number;
  at: string;
}

export interface SimulatorState {
  faults: FaultState;
  sessions: SessionStore;
  submissions: SubmissionLog;
  events: EventStore;
  transfers: TransferStore;
  templates: TemplateStore;
  /** Pages served per feed, for the "every Nth page is empty" switch. */
  pagesServed: Map<string, number>;
  posted: { events: PostedRecord[]; transfers: PostedRecord[] };
}
