import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ shell: { openExternal: vi.fn(async () => {}) } }));
vi.mock('electron', () => electron);

import {
  APP_ORIGIN,
  contentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  isAllowedExternalUrl,
  isAllowedNavigation,
  webPreferences,
  withCsp,
} from './security.js';

describe('webPreferences', () => {
  it('turns every isolation on and every escape hatch off', () => {
    const prefs = webPreferences('/app/dist/preload/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      allowRunningInsecureContent: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('allows devtools only when asked (unpackaged builds)', () => {
    expect(webPreferences('/p', { devTools: true }).devTools).toBe(true);
    expect(webPreferences('/p', { devTools: false }).devTools).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  const parse = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

  it.each([
    { dev: false },
    { dev: true, devServerOrigin: 'http://localhost:5173' },
  ])('never allows inline or eval scripts (%o)', (opts) => {
    const csp = contentSecurityPolicy(opts);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*/);
  });

  it('is the packaged policy, directive by directive', () => {
    const csp = parse(contentSecurityPolicy({ dev: false }));
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
      'object-src': ["'none'"],
    });
  });

  it('lets the dev build reach its dev server, and only in dev', () => {
    expect(parse(contentSecurityPolicy({ dev: true, devServerOrigin: 'http://localhost:5173/' })).get('connect-src')).toEqual([
      "'self'",
      'http://localhost:5173',
      'ws://localhost:5173',
    ]);
    expect(parse(contentSecurityPolicy({ dev: false, devServerOrigin: 'http://localhost:5173' })).get('connect-src')).toEqual(["'self'"]);
  });

  it('ignores a dev server origin that is not http(s)', () => {
    expect(parse(contentSecurityPolicy({ dev: true, devServerOrigin: "javascript:alert(1)" })).get('connect-src')).toEqual(["'self'"]);
    expect(parse(contentSecurityPolicy({ dev: true, devServerOrigin: "http://x; script-src *" })).get('script-src')).toEqual(["'self'"]);
  });
});

describe('isAllowedNavigation', () => {
  it.each([
    ['app://koe/index.html', APP_ORIGIN, true],
    ['app://koe/#/inbox', APP_ORIGIN, true],
    ['app://koe.evil/index.html', APP_ORIGIN, false],
    ['app://evil.koe/', APP_ORIGIN, false],
    ['app://koe@evil/', APP_ORIGIN, false],
    ['app://user:pass@koe/', APP_ORIGIN, false],
    ['javascript:alert(1)', APP_ORIGIN, false],
    ['JavaScript:alert(1)', APP_ORIGIN, false],
    ['file:///etc/passwd', APP_ORIGIN, false],
    ['data:text/html,<h1>hi</h1>', APP_ORIGIN, false],
    ['about:blank', APP_ORIGIN, false],
    ['blob:app://koe/123', APP_ORIGIN, false],
    ['https://app.example.com/', 'https://app.example.com', true],
    ['https://app.example.com.attacker.com/', 'https://app.example.com', false],
    ['https://app.example.com@attacker.com/', 'https://app.example.com', false],
    ['https://attacker.com/?https://app.example.com', 'https://app.example.com', false],
    ['https://attacker.com/#https://app.example.com', 'https://app.example.com', false],
    ['http://app.example.com/', 'https://app.example.com', false],
    ['https://app.example.com:444/', 'https://app.example.com', false],
    ['http://localhost:5173/inbox', 'http://localhost:5173', true],
    ['http://localhost:51730/', 'http://localhost:5173', false],
    ['//attacker.com', APP_ORIGIN, false],
    ['', APP_ORIGIN, false],
  ])('%s on %s → %s', (url, origin, expected) => {
    expect(isAllowedNavigation(url, origin)).toBe(expected);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://www.example.go.jp/privacy', true],
    ['mailto:koho@example.go.jp', true],
    ['http://www.example.go.jp/', false],
    ['https://user:pass@www.example.go.jp/', false],
    ['https://user@www.example.go.jp/', false],
    ['javascript:alert(1)', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['data:text/html,x', false],
    ['smb://server/share', false],
    ['ms-msdt:/id', false],
    ['app://koe/', false],
    ['mailto:', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedExternalUrl(url)).toBe(expected);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const s = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    };
    hardenSession(s as never, "default-src 'none'");
    return s;
  }

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid'])(
    'denies the %s permission request and check',
    (permission) => {
      const s = fakeSession();
      const request = s.setPermissionRequestHandler.mock.calls[0][0];
      const callback = vi.fn();
      request({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      const check = s.setPermissionCheckHandler.mock.calls[0][0];
      expect(check({}, permission, 'app://koe', {})).toBe(false);
    },
  );

  it('denies device access', () => {
    const s = fakeSession();
    expect(s.setDevicePermissionHandler.mock.calls[0][0]({})).toBe(false);
  });

  it('sets the CSP header on every response, replacing one already there', () => {
    const s = fakeSession();
    const onHeaders = s.webRequest.onHeadersReceived.mock.calls[0][0];
    const callback = vi.fn();
    onHeaders({ responseHeaders: { 'content-security-policy': ["script-src *"], 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] },
    });
  });

  it('works on a response without headers', () => {
    expect(withCsp(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const contents = {
      on: vi.fn((name: string, listener: (...args: unknown[]) => void) => {
        listeners.set(name, listener);
        return contents;
      }),
      setWindowOpenHandler: vi.fn(),
    };
    const openExternal = vi.fn();
    hardenWebContents(contents as never, APP_ORIGIN, openExternal);
    const fire = (name: string, url: string) => {
      const event = { preventDefault: vi.fn(), url };
      listeners.get(name)?.(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    const open = (url: string) => contents.setWindowOpenHandler.mock.calls[0][0]({ url });
    return { fire, open, openExternal };
  }

  it('lets the app navigate within its origin', () => {
    const { fire } = fakeContents();
    expect(fire('will-navigate', 'app://koe/index.html')).toBe(false);
    expect(fire('will-redirect', 'app://koe/index.html')).toBe(false);
  });

  it.each(['https://attacker.com/', 'app://koe.evil/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x'])(
    'stops navigation and redirects to %s',
    (url) => {
      const { fire } = fakeContents();
      expect(fire('will-navigate', url)).toBe(true);
      expect(fire('will-redirect', url)).toBe(true);
    },
  );

  it('opens an allow-listed link outside instead of navigating', () => {
    const { fire, openExternal } = fakeContents();
    expect(fire('will-navigate', 'https://www.example.go.jp/')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://www.example.go.jp/');
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-redirect', 'https://elsewhere.example/')).toBe(true);
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('denies every window.open, handing only allow-listed URLs to the system', () => {
    const { open, openExternal } = fakeContents();
    expect(open('app://koe/index.html')).toEqual({ action: 'deny' });
    expect(open('https://www.example.go.jp/')).toEqual({ action: 'deny' });
    expect(open('mailto:koho@example.go.jp')).toEqual({ action: 'deny' });
    expect(open('file:///C:/x.exe')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://www.example.go.jp/'], ['mailto:koho@example.go.jp']]);
  });

  it('refuses to attach a webview', () => {
    const { fire } = fakeContents();
    expect(fire('will-attach-webview', '')).toBe(true);
  });

  it('uses shell.openExternal by default', () => {
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    hardenWebContents(contents as never, APP_ORIGIN);
    contents.setWindowOpenHandler.mock.calls[0][0]({ url: 'https://www.example.go.jp/' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.example.go.jp/');
  });
});
