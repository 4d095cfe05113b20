// The window's security settings in one place: what the renderer may run, where it may go, what
// it may ask for. Each decision is a plain function so it is tested without Electron; the
// Electron objects are only wired up here.
import { shell, type Session, type WebContents, type WebPreferences } from 'electron';
import { withCsp } from './csp.js';
import { isSameOrigin } from './origin.js';

export { APP_ORIGIN } from './origin.js';
export { contentSecurityPolicy, withCsp } from './csp.js';

export function webPreferences(preloadPath: string, opts: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    webSecurity: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Chromium's spellchecker may send typed text to a cloud service: citizens' words stay here.
    spellcheck: false,
    devTools: opts.devTools ?? false,
  };
}

/** In-window navigation stays on the app's own origin. */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  return isSameOrigin(url, appOrigin);
}

/** What may be handed to the system browser or mail client. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === 'https:') return parsed.hostname !== '';
  if (parsed.protocol === 'mailto:') return parsed.pathname !== '';
  return false;
}

type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  setDevicePermissionHandler?: Session['setDevicePermissionHandler'];
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/** Electron grants permissions by default; Koe needs none (no camera, no notifications, no USB). */
export function hardenSession(session: SessionLike, csp: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
}

type ContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Keeps a window on the app: no navigation or redirect elsewhere, no new windows, no webviews.
 * An allow-listed link opens in the system browser or mail client instead.
 */
export function hardenWebContents(
  contents: ContentsLike,
  appOrigin: string,
  openExternal: (url: string) => void = (url) => void shell.openExternal(url),
): void {
  const keepOnApp = (event: { preventDefault(): void }, url: string) => {
    if (isAllowedNavigation(url, appOrigin)) return;
    event.preventDefault();
    if (isAllowedExternalUrl(url)) openExternal(url);
  };
  contents.on('will-navigate', (event, url) => keepOnApp(event, url));
  // A redirect is the server's choice, not a link the user followed: stop it, open nothing.
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
