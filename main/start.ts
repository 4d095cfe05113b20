// `npm start`: Koe as a desktop app when Electron's binary is installed, otherwise the same app
// served to a browser on this machine through the loopback harness (demo mode). Either way the
// renderer, the contract and the services are the same code.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileMainProcess } from './build/compile.js';
import { buildRenderer } from './harness/renderer-build.js';
import { launchWebApp } from './harness/launch.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function log(line: string): void {
  process.stderr.write(line + '\n');
}

/**
 * The Electron executable, or null when it was never downloaded. Found by reading the path the
 * `electron` package records, not by `require('electron')`: that require starts a download
 * when the binary is missing, which on an office network hangs or fails.
 */
export function installedElectronBinary(root = ROOT, env = process.env): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (!relative) return null;
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(pkg, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

/**
 * Builds what Electron loads (dist/renderer, dist/main/app/main.js, dist/preload/preload.cjs)
 * and runs the app. Without KOE_API_URL the app itself starts the demo simulator (main/app/main.ts).
 */
async function startElectronApp(binary: string): Promise<void> {
  log('building Koe…');
  await buildRenderer();
  await compileMainProcess(ROOT, join(ROOT, 'dist'));
  const child = spawn(binary, [ROOT], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** The browser harness in demo mode: prints the page URL (stdout) and runs until stopped. */
async function startInBrowser(): Promise<void> {
  log("Electron's binary is not installed on this machine; serving the same app in your browser instead.");
  const app = await launchWebApp({ log });
  log('open this address in Chromium or Chrome on this machine:');
  process.stdout.write(app.url + '\n');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  const binary = installedElectronBinary();
  if (binary) await startElectronApp(binary);
  else await startInBrowser();
}

main().catch((error: unknown) => {
  log(`koe: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
