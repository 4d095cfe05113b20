// One running copy of Koe in the browser harness: the office API (the built-in simulator unless
// a real one is named), the services on a data dir, and the bridge serving the renderer. Used by
// `npm run start:web` and the `npm start` fallback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFileFromEnv, KeyFileProvider } from '../keys/key-file.js';
import { defaultDataDir } from '../policy/data-dir.js';
import type { Services } from '../services.js';
import { openSafeServices } from '../safety/safe-services.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { startHarness, type Harness } from './bridge-server.js';
import { ensureRendererBuilt } from './renderer-build.js';

export interface LaunchOptions {
  /** A real office API; absent: the seeded simulator on a free loopback port (demo mode). */
  apiUrl?: string;
  dataDir?: string;
  /** How many citizens' submissions the demo simulator holds. */
  count?: number;
  seed?: number;
  /** Harness port; 0 or absent: any free one. */
  port?: number;
  log(line: string): void;
}

export interface WebApp {
  url: string;
  dataDir: string;
  harness: Harness;
  services: Services;
  sim: SimulatorHandle | null;
  close(): Promise<void>;
}

export const DEMO_COUNT = 5000;

export async function launchWebApp(opts: LaunchOptions): Promise<WebApp> {
  const demo = opts.apiUrl === undefined;
  const rendererDir = await ensureRendererBuilt(opts.log);
  // Demo data is made up and thrown away: a fresh folder each run, never the staff member's own.
  const tempDataDir = opts.dataDir === undefined && demo;
  const dataDir = opts.dataDir ?? (demo ? mkdtempSync(join(tmpdir(), 'koe-demo-')) : defaultDataDir(process.platform, process.env));
  const keyProvider = process.env.KOE_DB_KEY_FILE || !demo ? keyFileFromEnv() : new KeyFileProvider(join(dataDir, 'demo-db.key'));

  const opened: { close(): Promise<void> | void }[] = [];
  // Made-up data in a folder made for this run goes when the run ends (closed last, so after
  // the database).
  if (tempDataDir) opened.push({ close: () => rmSync(dataDir, { recursive: true, force: true }) });
  try {
    const sim = demo ? await startSimulator({ port: 0, seed: opts.seed, count: opts.count ?? DEMO_COUNT, smtpSink: true }) : null;
    if (sim) opened.push(sim);
    const apiUrl = sim ? sim.url : opts.apiUrl!;
    // Replies go to the simulator's mail sink in the demo, else to KOE_SMTP_URL (or the admin's settings).
    const smtpUrl = sim?.smtpUrl ?? process.env.KOE_SMTP_URL;
    // A data dir that cannot be opened still serves the page: the start-up or recovery screen.
    const services = await openSafeServices({ dataDir, keyProvider, apiUrl, demo, smtpUrl, log: (m) => opts.log(`koe: ${m}`) });
    opened.push(services);
    const harness = await startHarness({ services, rendererDir, host: '127.0.0.1', port: opts.port ?? 0 });
    opened.push(harness);
    opts.log(tempDataDir ? `data dir (removed on exit): ${dataDir}` : `data dir: ${dataDir}`);
    if (sim) {
      const accounts = sim.accounts.map((a) => `${a.username} / ${a.password} (${a.role})`).join(', ');
      opts.log(`demo office API: ${sim.url}; demo accounts: ${accounts}`);
      opts.log(`demo mail relay: ${sim.smtpUrl}; replies it received: ${sim.url}/__sim/mail`);
    }

    let closing: Promise<void> | null = null;
    return {
      url: harness.url,
      dataDir,
      harness,
      services,
      sim,
      close: () => (closing ??= closeAll(opened)),
    };
  } catch (error) {
    await closeAll(opened);
    throw error;
  }
}

/** Closes in reverse order of opening: the page's door first, the office API last. */
async function closeAll(opened: { close(): Promise<void> | void }[]): Promise<void> {
  for (const item of [...opened].reverse()) {
    try {
      await item.close();
    } catch {
      // One failing close must not keep the others open.
    }
  }
}
