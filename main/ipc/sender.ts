// Which renderer frames may call main. Only the app's own top-level document: a subframe or a
// page that navigated elsewhere (a link, an injected redirect) must not reach citizens' data.
import { isSameOrigin } from '../app/origin.js';

/** The parts of Electron's `WebFrameMain` the check reads. */
export interface SenderFrame {
  url: string;
  parent: unknown | null;
}

/**
 * True when the IPC message came from the top frame of a document served from `appOrigin`
 * (`app://koe` when packaged, the dev server's origin in development).
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, appOrigin: string): boolean {
  // A frame can be gone (navigated or destroyed) by the time the message is handled.
  if (!frame) return false;
  // Exactly null: anything else, undefined included, is not provably the top frame.
  if (frame.parent !== null) return false;
  return isSameOrigin(frame.url, appOrigin);
}
