// Wires the contract into Electron's IPC: one `handle` channel per call, each refusing any
// sender that is not the app's own top frame before the payload reaches the dispatcher.
import { CHANGE_CHANNEL, CHANNEL_PREFIX, type Envelope } from '../../shared/contract-kit.js';
import { CALL_NAMES, type ChangeEvent } from '../../shared/contract.js';
import type { Dispatch } from './dispatch.js';
import { isTrustedSender, type SenderFrame } from './sender.js';

/** The part of Electron's `IpcMainInvokeEvent` read here. */
export interface InvokeEventLike {
  senderFrame: SenderFrame | null;
}

/** The part of Electron's `ipcMain` used here. */
export interface IpcMainLike<E extends InvokeEventLike = InvokeEventLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown>): void;
}

export interface RegisterOptions<Ctx, E extends InvokeEventLike> {
  /** `app://koe` when packaged, the dev server's origin in development. */
  appOrigin: string;
  /** The caller's context for this call (who is signed in). */
  context(event: E): Ctx;
  /** For the app log: a call from a frame that is not ours. */
  onForbiddenSender?(info: { call: string; url: string | null }): void;
  /** Defaults to every call of the contract. */
  calls?: readonly string[];
}

export const FORBIDDEN_SENDER: Envelope<never> = {
  ok: false,
  error: { code: 'forbidden_sender', message: 'This request did not come from the Koe window.' },
};

/** Registers every call and returns the channels registered, so a test can compare them. */
export function registerIpc<Ctx, E extends InvokeEventLike>(
  ipcMain: IpcMainLike<E>,
  dispatch: Dispatch<Ctx>,
  opts: RegisterOptions<Ctx, E>,
): string[] {
  const calls = opts.calls ?? CALL_NAMES;
  return calls.map((name) => {
    const channel = CHANNEL_PREFIX + name;
    // Only the first argument is the input: the preload never sends more.
    ipcMain.handle(channel, async (event, input) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame, opts.appOrigin)) {
        opts.onForbiddenSender?.({ call: name, url: frame?.url ?? null });
        return FORBIDDEN_SENDER;
      }
      return dispatch(name, input, opts.context(event));
    });
    return channel;
  });
}

/** The part of Electron's `WebContents` used to announce changes. */
export interface ChangeTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Tells the renderer which tables changed so it refetches those queries instead of polling. */
export function broadcastChange(webContents: ChangeTarget, event: ChangeEvent): void {
  // A window closing while a sync finishes is normal; sending to it would throw.
  if (webContents.isDestroyed()) return;
  webContents.send(CHANGE_CHANNEL, { topics: [...event.topics] });
}
