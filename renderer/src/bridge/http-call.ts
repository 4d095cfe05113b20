// One contract call over the harness's loopback bridge: the HTTP twin of `ipcRenderer.invoke`.
import { KoeCallError, unwrapEnvelope } from './call-error.js';

export const TOKEN_HEADER = 'x-koe-token';

export function httpCaller(token: string | null): (name: string, input: unknown) => Promise<unknown> {
  return async (name, input) => {
    if (!token) {
      throw new KoeCallError('forbidden_sender', 'Open Koe with the address printed when it started (it carries a one-time token).');
    }
    let response: Response;
    try {
      response = await fetch(`/bridge/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        // No body for "no input", so the call's default applies as it does over IPC.
        body: input === undefined ? undefined : JSON.stringify(input),
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch {
      throw new KoeCallError('internal', 'Koe could not reach its background process.');
    }
    let envelope: unknown;
    try {
      envelope = await response.json();
    } catch {
      throw new KoeCallError('internal', 'Unexpected answer from Koe’s background process.');
    }
    // Refusals (403, 413…) carry an envelope too, so their code and message reach the screen.
    return unwrapEnvelope(envelope);
  };
}
