// Koe's Electron entry point, kept thin: every decision it wires lives in a tested function
// (security.ts, window.ts, app-protocol.ts, ../ipc, ../policy, ../keys).
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, screen, session } from 'electron';
import { broadcastChange, registerIpc } from '../ipc/register.js';
import { SafeStorageKeyProvider } from '../keys/safe-storage.js';
import { defaultDataDir, resolveDataDir } from '../policy/data-dir.js';
import { readManagedPolicy } from '../policy/read-policy.js';
import { effectiveValues, resolveSettings } from '../policy/resolve-settings.js';
import type { Services } from '../services.js';
import { openSafeServices } from '../safety/safe-services.js';
import { startAbout } from './about.js';
import { APP_SCHEME, serveAppAsset } from './app-protocol.js';
import { contentSecurityPolicy } from './csp.js';
import { rendererLocation } from './renderer-location.js';
import { electronSaveDialog } from './save-dialog.js';
import { hardenSession, hardenWebContents } from './security.js';
import { languageOf, StartupProblem, startupErrorMessage } from './startup-error.js';
import { loadWindowState, mainWindowOptions, saveWindowState } from './window.js';

// Kept so that a start-up failure caused by a damaged policy file can name the file.
const warnings: string[] = [];
const log = {
  warn: (message: string) => {
    warnings.push(message);
    process.stderr.write(`koe: ${message}\n`);
  },
};
const location = rendererLocation({ packaged: app.isPackaged, devServerUrl: process.env.KOE_DEV_SERVER_URL });
const csp = contentSecurityPolicy({ dev: location.dev, devServerOrigin: location.origin });
const appRoot = app.getAppPath();
const rendererDir = path.join(appRoot, 'dist', 'renderer');
const preloadPath = path.join(appRoot, 'dist', 'preload', 'preload.cjs');

// Before 'ready': these only take effect then.
app.enableSandbox();
// Chromium's own profile goes to local app data too, never the roaming profile.
app.setPath('userData', path.join(defaultDataDir(process.platform, process.env), 'chromium'));
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, location.origin));

let mainWindow: BrowserWindow | null = null;
let services: Services | null = null;

if (!app.requestSingleInstanceLock()) {
  // Two instances would fight over one database; the first one comes forward instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  const policy = await readManagedPolicy({ platform: process.platform, log });
  // What is needed before the database opens comes from the policy and the defaults; the
  // services apply this workstation's own choices (sync interval, retention) themselves.
  const settings = effectiveValues(resolveSettings(policy, {}, log));
  let dataDir = resolveDataDir({ platform: process.platform, env: process.env, policy });
  let apiUrl = settings.officeApiUrl ?? (app.isPackaged ? undefined : process.env.KOE_API_URL);
  let demo = false;
  // The mail relay: the managed policy's smtpUrl (via managedMail), else the admin's settings;
  // KOE_SMTP_URL only in a developer build, and the simulator's mail sink in the demo.
  let smtpUrl = app.isPackaged ? undefined : process.env.KOE_SMTP_URL;
  if (!apiUrl) {
    if (app.isPackaged) throw new StartupProblem('No office API is configured. IT sets it with the managed policy setting "officeApiUrl".');
    // `npm start` on a developer's machine: demo data from the built-in simulator, in a data
    // dir of its own so demo data never mixes with real data.
    const { startSimulator } = await import('../simulator/server.js');
    const sim = await startSimulator({ count: 5000, smtpSink: true });
    app.on('will-quit', () => void sim.close());
    apiUrl = sim.url;
    smtpUrl = sim.smtpUrl ?? undefined;
    dataDir = `${dataDir}-demo`;
    demo = true;
  }
  const caBundle = settings.caBundlePath ? readCaBundle(settings.caBundlePath) : undefined;

  // When the data cannot be opened, the window still opens, on a screen that says what to do.
  services = await openSafeServices({
    dataDir,
    keyProvider: new SafeStorageKeyProvider({
      safeStorage,
      file: path.join(dataDir, 'key.json'),
      allowBasicText: settings.allowBasicTextKeystore,
    }),
    apiUrl,
    demo,
    // Electron knows the packaged version; package.json is not beside the bundled main.
    version: app.getVersion(),
    policy,
    backupIntervalMs: settings.backupIntervalHours * 3_600_000,
    backupRetention: settings.backupsKept,
    caBundle,
    smtpUrl,
    managedMail: { smtpUrl: policy.values.smtpUrl ?? null, replyApproval: policy.values.replyApproval ?? null },
    log: log.warn,
    saveDialog: electronSaveDialog(dialog, () => mainWindow, () => app.getPath('documents')),
  });

  hardenSession(session.defaultSession, csp);
  protocol.handle(APP_SCHEME, (request) => serveAppAsset(rendererDir, request.url, csp));
  const running = services;
  registerIpc(ipcMain, (name, input, door) => running.dispatch(name, input, door), {
    appOrigin: location.origin,
    context: () => 'ipc' as const,
    onForbiddenSender: ({ call, url }) => log.warn(`refused ${call} from a frame that is not Koe's (${url ?? 'no frame'})`),
  });
  running.onChange((event) => {
    if (mainWindow) broadcastChange(mainWindow.webContents, event);
  });

  // The About box, settings, diagnostics and updates (which never install during a send).
  const about = await startAbout({ policy, services: running, log: log.warn });
  app.on('will-quit', () => about.stop());

  mainWindow = createWindow(dataDir);
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow(dataDir);
  });
}

function readCaBundle(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new StartupProblem(`The office CA certificates named by the policy setting "caBundlePath" (${file}) cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

function createWindow(dataDir: string): BrowserWindow {
  const stateFile = path.join(dataDir, 'window-state.json');
  const saved = loadWindowState(stateFile);
  const win = new BrowserWindow(mainWindowOptions(saved, screen.getAllDisplays(), { preloadPath, devTools: !app.isPackaged }));
  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    try {
      saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (error) {
      log.warn(`could not save the window position: ${(error as Error).message}`);
    }
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(location.startUrl);
  return win;
}

function fail(error: unknown): void {
  log.warn(`start-up failed: ${(error as Error)?.stack ?? String(error)}`);
  const { title, message } = startupErrorMessage(error, { language: languageOf(app.getLocale?.()), policyWarnings: warnings });
  dialog.showErrorBox(title, message);
  app.exit(1);
}

app.on('window-all-closed', () => app.quit());

// The services flush the database and stop syncing before the process ends.
let closing = false;
app.on('will-quit', (event) => {
  if (!services || closing) return;
  closing = true;
  event.preventDefault();
  services
    .close()
    .catch((error: unknown) => log.warn(`closing failed: ${(error as Error).message}`))
    .finally(() => {
      services = null;
      app.quit();
    });
});
