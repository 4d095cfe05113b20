// The Koe test fixture: for each test a fresh office API simulator, the real services on a
// temporary encrypted data dir, and the browser harness serving the built renderer, all
// in-process on free loopback ports. `page` arrives already open at the harness URL.
// Failure switches are options, so a test says which failure it meets:
//   test.use({ simFaults: { offline: true } })
//   test.use({ prepareDataDir: (dir) => writeFileSync(join(dir, 'koe.db'), 'not a database') })
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyFileProvider } from '../main/keys/key-file.js';
import { openServices, type Services } from '../main/services.js';
import { startHarness, type Harness } from '../main/harness/bridge-server.js';
import { RENDERER_DIST } from '../main/harness/renderer-build.js';
import { startSimulator, type Faults, type SimulatorHandle } from '../main/simulator/server.js';

export type Simulator = SimulatorHandle;

export interface KoeOptions {
  /** Seeded submissions in the simulator; small so each test starts fast. */
  simCount: number;
  simSeed: number;
  /** Simulator failure switches, on from the start (see main/simulator/faults.ts); a test can
   * flip them later with `sim.setFaults(...)`. */
  simFaults: Partial<Faults> | undefined;
  /** How long ministries take to accept or return a transfer (the simulator's default: 30 s). */
  simTransferDecisionMs: number | undefined;
  /** Runs on the empty data dir before the services open it (plant a bad file, chmod it…). */
  prepareDataDir: ((dataDir: string) => void | Promise<void>) | undefined;
  /** The services' sync schedule; 0 (default) syncs only on sign-in and on demand; null: the settings decide. */
  syncIntervalMs: number | null;
  /** False: `page` is left blank, for a test that opens the harness URL itself. */
  openPage: boolean;
}

export interface KoeFixtures {
  sim: Simulator;
  dataDir: string;
  services: Services;
  harness: Harness;
  /** The services' log lines of this test, attached to the report when it fails. */
  serverLog: string[];
}

export const test = base.extend<KoeOptions & KoeFixtures>({
  simCount: [400, { option: true }],
  simSeed: [7, { option: true }],
  simFaults: [undefined, { option: true }],
  simTransferDecisionMs: [undefined, { option: true }],
  prepareDataDir: [undefined, { option: true }],
  syncIntervalMs: [0, { option: true }],
  openPage: [true, { option: true }],

  // Playwright reads a fixture's dependencies from its first parameter: none here.
  // eslint-disable-next-line no-empty-pattern
  serverLog: async ({}, use, testInfo) => {
    const lines: string[] = [];
    await use(lines);
    if (testInfo.status !== testInfo.expectedStatus && lines.length > 0) {
      await testInfo.attach('server-log.txt', { body: lines.join('\n'), contentType: 'text/plain' });
    }
  },

  sim: async ({ simCount, simSeed, simFaults, simTransferDecisionMs }, use) => {
    // With its mail sink, so replies really go out over SMTP (sim.smtp holds what arrived).
    const sim = await startSimulator({ port: 0, count: simCount, seed: simSeed, faults: simFaults, transferDecisionMs: simTransferDecisionMs, smtpSink: true });
    try {
      await use(sim);
    } finally {
      await sim.close();
    }
  },

  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-e2e-'));
    try {
      await use(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },

  services: async ({ sim, dataDir, prepareDataDir, syncIntervalMs, serverLog }, use) => {
    await prepareDataDir?.(dataDir);
    // The key file sits beside, not inside, the data dir so a switch that breaks the data dir
    // leaves the key alone.
    const keyProvider = new KeyFileProvider(`${dataDir}.key`);
    const services = await openServices({
      dataDir,
      keyProvider,
      apiUrl: sim.url,
      smtpUrl: sim.smtpUrl,
      demo: true,
      syncIntervalMs: syncIntervalMs ?? undefined,
      log: (line) => serverLog.push(line),
    });
    try {
      await use(services);
    } finally {
      await services.close();
      rmSync(`${dataDir}.key`, { force: true });
    }
  },

  harness: async ({ services }, use) => {
    const harness = await startHarness({ services, rendererDir: RENDERER_DIST, host: '127.0.0.1', port: 0 });
    try {
      await use(harness);
    } finally {
      await harness.close();
    }
  },

  page: async ({ page, harness, openPage }, use, testInfo) => {
    const lines: string[] = [];
    page.on('console', (m) => lines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => lines.push(`[pageerror] ${e.message}`));
    if (openPage) await page.goto(harness.url);
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus && lines.length > 0) {
      await testInfo.attach('browser-console.txt', { body: lines.join('\n'), contentType: 'text/plain' });
    }
  },
});

export { expect, type Page };
