// Where the window loads the renderer from. A packaged build always uses its own app://
// protocol; only an unpackaged build may use a dev server, and only one on this machine, so an
// environment variable can never point a window that holds the preload API at a remote site.
import { APP_ORIGIN, originOf } from './origin.js';

export interface RendererLocation {
  /** The origin IPC senders and navigation are checked against. */
  origin: string;
  startUrl: string;
  dev: boolean;
}

const PACKAGED: RendererLocation = { origin: APP_ORIGIN, startUrl: `${APP_ORIGIN}/index.html`, dev: false };

export function rendererLocation(opts: { packaged: boolean; devServerUrl?: string }): RendererLocation {
  if (opts.packaged || !opts.devServerUrl) return PACKAGED;
  const origin = originOf(opts.devServerUrl);
  if (!origin || !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin)) return PACKAGED;
  return { origin, startUrl: `${origin}/`, dev: true };
}
