// Pushes the transfers outbox to the office: POST /v1/transfers with the row's id as the
// Idempotency-Key, oldest first. Stored (201, or 200 for a repeat) → the transfer is kept and the
// row leaves, in one transaction. Refused (422 invalid_transfer, another 4xx but 401) → the row
// stays, marked with what the office named, for the user to resend the rest or discard. Not
// reached (network, 5xx, 429/503 after the client's retries) → the row stays as it was and the
// next sync tries again with the same key.
import { wireTransfer } from '../../shared/office-api.js';
import type { Db } from '../store/db.js';
import { applyTransferItems } from '../store/ingest-transfers.js';
import { stmt } from '../store/statements.js';
import { ApiError, type OfficeClient } from '../sync/client.js';
import { markRefused, sendableRows, type Refusal } from './outbox.js';
import { whyNotChoosable } from './ministries.js';

export interface PushResult {
  sent: number;
  refused: number;
}

const stringList = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);

/**
 * What a refusal names. The contract says the 422 "names them": Koe reads a list in
 * `error.submission_ids` (or at the top level), else the batch's ids that appear in the message;
 * the ministry is refused when the error names it (`error.ministry`) or the reference data now
 * says it is inactive or unknown.
 */
export function readRefusal(err: ApiError, batchIds: readonly string[], ministryNowChoosable: boolean): Refusal {
  const body = (err.body ?? {}) as { error?: Record<string, unknown> } & Record<string, unknown>;
  const inner = body.error && typeof body.error === 'object' ? body.error : {};
  const listed = stringList(inner.submission_ids) ?? stringList(body.submission_ids);
  const inBatch = new Set(batchIds);
  const named = listed
    ? listed.filter((id) => inBatch.has(id))
    : batchIds.filter((id) => new RegExp(`(^|[^A-Za-z0-9_-])${id}($|[^A-Za-z0-9_-])`).test(err.message));
  const ministryNamed = typeof inner.ministry === 'string' || typeof body.ministry === 'string';
  return { code: err.code, message: err.message, submissionIds: [...new Set(named)], ministry: ministryNamed || !ministryNowChoosable };
}

export async function pushTransferOutbox(db: Db, client: OfficeClient, o: { onChange?: () => void } = {}): Promise<PushResult> {
  const result: PushResult = { sent: 0, refused: 0 };
  for (const row of sendableRows(db)) {
    const body = { id: row.id, ministry: row.ministry, submission_ids: row.submissionIds, note: row.note, include_contact: row.includeContact };
    stmt(db, 'UPDATE transfer_outbox SET attempts = attempts + 1 WHERE id = ?').run(row.id);
    try {
      const res = await client.request('POST', '/v1/transfers', { body, idempotencyKey: row.id, schema: wireTransfer });
      db.transaction(() => {
        applyTransferItems(db, [res.data]);
        stmt(db, 'DELETE FROM transfer_outbox WHERE id = ?').run(row.id);
      }).immediate();
      result.sent++;
    } catch (err) {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 401) {
        markRefused(db, row.id, readRefusal(err, row.submissionIds, whyNotChoosable(db, row.ministry) === null));
        result.refused++;
      } else {
        stmt(db, 'UPDATE transfer_outbox SET last_error = ? WHERE id = ?').run((err as Error).message, row.id);
        o.onChange?.();
        throw err;
      }
    }
    o.onChange?.();
  }
  return result;
}
