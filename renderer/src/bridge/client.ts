// How the renderer reaches main: one async function per contract call plus a change
// subscription. In the Electron app that is the preload's `window.koe`; in the browser harness
// the same shape is built over the loopback HTTP/WebSocket bridge. Screens never know which.
import { CALL_NAMES, type ChangeEvent, type KoeApi } from '../../../shared/contract.js';
import { toCallError } from './call-error.js';
import { changeSubscriber } from './change-socket.js';
import { takeHarnessToken } from './harness-token.js';
import { httpCaller } from './http-call.js';

export { KoeCallError } from './call-error.js';

export type KoeClient = KoeApi & {
  /** Calls `listener` with the topics main says changed; returns the function that stops it. */
  onChange(listener: (event: ChangeEvent) => void): () => void;
};

export function createKoeClient(): KoeClient {
  const preload = (window as unknown as { koe?: KoeClient }).koe;
  if (preload) return fromPreload(preload);
  const token = takeHarnessToken();
  const invoke = httpCaller(token);
  const api: Record<string, unknown> = {};
  for (const name of CALL_NAMES) api[name] = (input: unknown) => invoke(name, input);
  api.onChange = changeSubscriber(token);
  return api as KoeClient;
}

/** The preload's functions, with rejections turned into Errors carrying `code` like the harness's. */
function fromPreload(preload: KoeClient): KoeClient {
  const api: Record<string, unknown> = {};
  for (const name of CALL_NAMES) {
    const fn = preload[name] as (input: unknown) => Promise<unknown>;
    api[name] = async (input: unknown) => {
      try {
        return await fn(input);
      } catch (error) {
        throw toCallError(error);
      }
    };
  }
  api.onChange = (listener: (event: ChangeEvent) => void) => preload.onChange(listener);
  return api as KoeClient;
}
