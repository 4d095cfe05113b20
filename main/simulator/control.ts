// /__sim/*: steering a running simulator from tests in another process (e2e, benchmarks).
// Loopback only, no auth, and never subject to the fault switches.
import { errorResponse, json, NO_BODY, parseJsonBody, type ApiResponse } from './http.js';
import { parseFaults } from './faults.js';
import type { SimulatorHandle } from './server.js';

export async function handleControl(handle: SimulatorHandle, method: string, path: string, rawBody: Buffer): Promise<ApiResponse> {
  if (path === '/__sim/posted' && method === 'GET') return json(200, handle.posted);
  if (path === '/__sim/stored' && method === 'GET') {
    return json(200, { events: handle.storedEvents(), transfers: handle.storedTransfers() });
  }
  if (path === '/__sim/mail' && method === 'GET') return json(200, { items: handle.mail() });
  if (path !== '/__sim/control') return errorResponse(404, 'not_found', `No such control endpoint: ${path}`);
  if (method !== 'POST') return errorResponse(405, 'method_not_allowed', 'POST a JSON command.', {}, { allow: 'POST' });

  const body = parseJsonBody(rawBody);
  if (body === NO_BODY || typeof body !== 'object' || body === null || Array.isArray(body)) {
    return errorResponse(400, 'bad_request', 'Send a JSON object such as {"faults": {...}}.');
  }
  const cmd = body as Record<string, unknown>;
  const result: Record<string, unknown> = { ok: true };
  try {
    if ('faults' in cmd) handle.setFaults(parseFaults(cmd.faults));
    if ('revokeAllTokens' in cmd && cmd.revokeAllTokens === true) handle.revokeAllTokens();
    if ('addSubmissions' in cmd) {
      const n = cmd.addSubmissions;
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new Error('addSubmissions must be a whole number ≥ 0');
      result.ids = handle.addSubmissions(n);
    }
    if ('correctSubmission' in cmd) {
      const c = cmd.correctSubmission as { id?: unknown; patch?: unknown } | null;
      if (typeof c?.id !== 'string' || typeof c.patch !== 'object' || c.patch === null) throw new Error('correctSubmission needs {id, patch}');
      handle.correctSubmission(c.id, c.patch as Parameters<SimulatorHandle['correctSubmission']>[1]);
    }
    if ('deleteSubmission' in cmd) {
      const d = cmd.deleteSubmission as { id?: unknown; reason?: unknown } | null;
      if (typeof d?.id !== 'string') throw new Error('deleteSubmission needs {id, reason?}');
      handle.deleteSubmission(d.id, typeof d.reason === 'string' ? d.reason : undefined);
    }
    if ('transferOutcomes' in cmd) {
      const o = cmd.transferOutcomes;
      if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new Error('transferOutcomes maps ministry codes to "accepted", "returned" or null');
      for (const [ministry, outcome] of Object.entries(o)) {
        if (outcome !== 'accepted' && outcome !== 'returned' && outcome !== null) throw new Error(`transferOutcomes.${ministry} must be "accepted", "returned" or null`);
        handle.setTransferOutcome(ministry, outcome);
      }
    }
    if ('postEventAs' in cmd) {
      const p = cmd.postEventAs as { username?: unknown; event?: unknown } | null;
      if (typeof p?.username !== 'string' || typeof p.event !== 'object' || p.event === null) {
        throw new Error('postEventAs needs {username, event: {submission_id, type, payload}}');
      }
      try {
        result.postEventAs = { status: 201, body: await handle.postEventAs(p.username, p.event as never) };
      } catch (e) {
        const err = e as { status?: number; body?: unknown; message: string };
        result.postEventAs = { status: err.status ?? 400, body: err.body ?? { error: { code: 'bad_request', message: err.message } } };
      }
    }
  } catch (e) {
    return errorResponse(400, 'bad_request', (e as Error).message);
  }
  return json(200, result);
}
