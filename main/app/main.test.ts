// The Electron entry point with Electron and the services replaced by fakes: proves the wiring
// (sandbox, protocol, single instance, IPC, window, change broadcast, start-up failure).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { CHANGE_CHANNEL, CHANNEL_PREFIX } from '../../shared/contract-kit.js';
import { CALL_NAMES } from '../../shared/contract.js';

type Listener = (...args: unknown[]) => unknown;

const h = vi.hoisted(() => {
  const appEvents = new Map<string, Listener>();
  const windows: { opts: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn>; webContents: { send: ReturnType<typeof vi.fn>; isDestroyed: () => boolean } }[] = [];
  const handles = new Map<string, Listener>();
  let ready: () => void = () => {};
  const electron = {
    app: {
      isPackaged: false,
      getAppPath: () => '/opt/koe',
      getVersion: () => '1.2.3',
      enableSandbox: vi.fn(),
      setPath: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      exit: vi.fn(),
      on: vi.fn((name: string, listener: Listener) => appEvents.set(name, listener)),
      whenReady: vi.fn(() => new Promise<void>((resolve) => (ready = resolve))),
    },
    BrowserWindow: vi.fn(function (this: unknown, opts: Record<string, unknown>) {
      const win = {
        opts,
        loadURL: vi.fn(async () => {}),
        once: vi.fn(),
        on: vi.fn(),
        webContents: { send: vi.fn(), isDestroyed: () => false },
      };
      windows.push(win);
      return win;
    }),
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn((channel: string, listener: Listener) => handles.set(channel, listener)) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    safeStorage: {},
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    shell: { openExternal: vi.fn() },
  };
  const changeListeners: Listener[] = [];
  const services = {
    dispatch: vi.fn(async () => ({ ok: true, value: 'done' })),
    onChange: vi.fn((l: Listener) => {
      changeListeners.push(l);
      return () => {};
    }),
    close: vi.fn(async () => {}),
  };
  const openServices = vi.fn(async () => services);
  const startAbout = vi.fn(async () => ({ stop: vi.fn() }));
  return { electron, appEvents, windows, handles, services, openServices, startAbout, changeListeners, ready: () => ready() };
});

vi.mock('electron', () => h.electron);
vi.mock('../safety/safe-services.js', () => ({ openSafeServices: h.openServices }));
vi.mock('./about.js', () => ({ startAbout: h.startAbout }));

// The data dir is steered through XDG_DATA_HOME, which only Linux reads; the wiring itself is
// the same on every platform.
const onLinux = process.platform === 'linux';

describe('main', () => {
  let dataHome: string;
  beforeEach(() => {
    vi.resetModules();
    dataHome = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-main-'));
    vi.stubEnv('XDG_DATA_HOME', dataHome);
    vi.stubEnv('KOE_DEV_SERVER_URL', '');
    h.appEvents.clear();
    h.handles.clear();
    h.windows.length = 0;
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dataHome, { recursive: true, force: true });
  });

  async function boot() {
    await import('./main.js');
    h.ready();
    // Let start() run to the end.
    await vi.waitFor(() => expect(h.windows.length + h.electron.dialog.showErrorBox.mock.calls.length).toBeGreaterThan(0));
  }

  it.runIf(onLinux)('starts: sandbox, app:// protocol, IPC for every call, a hardened window', async () => {
    vi.stubEnv('KOE_API_URL', 'http://127.0.0.1:8787');
    await boot();
    const { electron } = h;
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', path.join(dataHome, 'koe', 'chromium'));
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(h.appEvents.has('second-instance')).toBe(true);
    expect(h.appEvents.has('web-contents-created')).toBe(true);

    expect(h.openServices).toHaveBeenCalledWith(
      expect.objectContaining({ dataDir: path.join(dataHome, 'koe'), apiUrl: 'http://127.0.0.1:8787', policy: expect.objectContaining({ values: expect.any(Object) }) }),
    );
    // The interval and retention come from the settings the services resolve (this workstation's
    // own choices included), not fixed at start.
    const opened = (h.openServices.mock.calls[0] as unknown as [Record<string, unknown>])[0];
    expect(opened.syncIntervalMs).toBeUndefined();
    expect(opened.retentionDays).toBeUndefined();
    // Backups as the policy says (here none: once a day, seven kept).
    expect(opened).toMatchObject({ backupIntervalMs: 24 * 3_600_000, backupRetention: 7 });
    const { keyProvider } = (h.openServices.mock.calls[0] as unknown as [{ keyProvider: { kind: string } }])[0];
    expect(keyProvider.kind).toBe('safe-storage');

    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect([...h.handles.keys()].sort()).toEqual(CALL_NAMES.map((n) => CHANNEL_PREFIX + n).sort());

    expect(h.windows).toHaveLength(1);
    const [win] = h.windows;
    expect(win.opts).toMatchObject({ show: false, title: 'Koe', webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: true, preload: path.join('/opt/koe', 'dist', 'preload', 'preload.cjs') } });
    expect(win.loadURL).toHaveBeenCalledWith('app://koe/index.html');
    // About, settings, diagnostics and updates get the policy in force and the open store.
    expect(h.startAbout).toHaveBeenCalledWith(expect.objectContaining({ policy: expect.objectContaining({ values: expect.any(Object) }), log: expect.any(Function) }));
  });

  it.runIf(onLinux)('routes IPC from the window to the services and refuses other frames', async () => {
    vi.stubEnv('KOE_API_URL', 'http://127.0.0.1:8787');
    await boot();
    const listener = h.handles.get(CHANNEL_PREFIX + 'inbox:markSeen')!;
    expect(await listener({ senderFrame: { url: 'app://koe/index.html', parent: null } }, {})).toEqual({ ok: true, value: 'done' });
    expect(h.services.dispatch).toHaveBeenCalledWith('inbox:markSeen', {}, 'ipc');
    h.services.dispatch.mockClear();
    expect(await listener({ senderFrame: { url: 'https://attacker.example/', parent: null } }, {})).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(h.services.dispatch).not.toHaveBeenCalled();
  });

  it.runIf(onLinux)('announces changes to the window', async () => {
    vi.stubEnv('KOE_API_URL', 'http://127.0.0.1:8787');
    await boot();
    for (const l of h.changeListeners) l({ topics: ['submissions'] });
    expect(h.windows[0].webContents.send).toHaveBeenCalledWith(CHANGE_CHANNEL, { topics: ['submissions'] });
  });

  it('without an office API, a developer build runs on demo data from the simulator in a data dir of its own', async () => {
    vi.stubEnv('KOE_API_URL', '');
    await boot();
    const opts = (h.openServices.mock.calls.at(-1) as unknown as [{ demo: boolean; apiUrl: string; dataDir: string }])[0];
    expect(opts.demo).toBe(true);
    expect((opts as unknown as { version: string }).version).toBe('1.2.3');
    expect(opts.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(opts.dataDir.endsWith('-demo')).toBe(true);
    const health = await fetch(`${opts.apiUrl}/v1/health`);
    expect(health.status).toBe(200);
    await (h.appEvents.get('will-quit') as () => Promise<void>)?.();
  });

  it('explains a missing office API in a packaged build and exits', async () => {
    vi.stubEnv('KOE_API_URL', '');
    h.electron.app.isPackaged = true;
    onTestFinished(() => {
      h.electron.app.isPackaged = false;
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    h.electron.dialog.showErrorBox.mockClear();
    h.electron.app.exit.mockClear();
    await boot();
    expect(h.electron.dialog.showErrorBox).toHaveBeenCalledWith('Koe is not set up', expect.stringContaining('officeApiUrl'));
    expect(h.electron.app.exit).toHaveBeenCalledWith(1);
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('start-up failed'));
    stderr.mockRestore();
  });
});
