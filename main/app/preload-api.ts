// The object the renderer sees as `window.koe`: one named function per contract call and a
// change subscription, nothing else. Pure, so the exposed names can be pinned by a test and the
// browser harness can build the same object over its own transport. Imports only shared/ so the
// sandboxed preload bundles to one file.
import { CHANGE_CHANNEL, CHANNEL_PREFIX, ERROR_CODES, type ErrorCode } from '../../shared/contract-kit.js';
import { CALL_NAMES, type ChangeEvent, type ChangeTopic, type KoeApi } from '../../shared/contract.js';

/** Sends one call and resolves with main's envelope (`ipcRenderer.invoke` in the app). */
export type Invoke = (channel: string, input: unknown) => Promise<unknown>;
/** Listens on a channel; returns a function that stops listening. */
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

export type PreloadApi = KoeApi & {
  onChange(listener: (event: ChangeEvent) => void): () => void;
};

/** How a refused or failed call reaches the caller. */
export class KoeCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'KoeError';
  }
}

export function buildPreloadApi(invoke: Invoke, subscribe: Subscribe): PreloadApi {
  const api: Record<string, unknown> = {};
  for (const name of CALL_NAMES) {
    api[name] = async (input: unknown) => unwrap(await invoke(CHANNEL_PREFIX + name, input));
  }
  api.onChange = (listener: (event: ChangeEvent) => void) =>
    // A fresh object of strings only: the listener never sees the IPC event (which would hand
    // the page `ipcRenderer` through `event.sender`) nor anything else main might attach.
    subscribe(CHANGE_CHANNEL, (payload) => listener({ topics: topicsOf(payload) }));
  return api as PreloadApi;
}

/**
 * Wraps each function so a rejection crosses Electron's contextBridge intact. The bridge copies
 * an Error as its message alone, so `code` and `detail` would be lost; a plain object is copied
 * with its fields. The renderer reads `error.code` and `error.message` either way.
 */
export function bridgeSafe(api: PreloadApi): PreloadApi {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(api) as [string, (...args: unknown[]) => unknown][]) {
    wrapped[name] =
      name === 'onChange'
        ? fn
        : async (input: unknown) => {
            try {
              return await fn(input);
            } catch (error) {
              throw toPlainError(error);
            }
          };
  }
  return wrapped as PreloadApi;
}

function toPlainError(error: unknown): { name: string; code: ErrorCode; message: string; detail?: Record<string, unknown> } {
  if (error instanceof KoeCallError) {
    return error.detail === undefined
      ? { name: error.name, code: error.code, message: error.message }
      : { name: error.name, code: error.code, message: error.message, detail: error.detail };
  }
  // ipcRenderer.invoke itself failed (main not answering): nothing of it is shown as is.
  return { name: 'KoeError', code: 'internal', message: 'Koe could not reach its background process.' };
}

function unwrap(envelope: unknown): unknown {
  if (isRecord(envelope) && envelope.ok === true && 'value' in envelope) return envelope.value;
  if (isRecord(envelope) && envelope.ok === false && isRecord(envelope.error)) {
    const { code, message, detail } = envelope.error;
    throw new KoeCallError(
      isErrorCode(code) ? code : 'internal',
      typeof message === 'string' ? message : 'Unexpected error.',
      isRecord(detail) ? detail : undefined,
    );
  }
  throw new KoeCallError('internal', 'Unexpected answer from Koe’s background process.');
}

function topicsOf(payload: unknown): ChangeTopic[] {
  if (!isRecord(payload) || !Array.isArray(payload.topics)) return [];
  return payload.topics.filter((t): t is ChangeTopic => typeof t === 'string');
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
