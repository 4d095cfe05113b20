// Two workstations mark the same opinion for the same ministry. One sends it. The other, before
// its next sync, opens its list of what waits: the office's transfers feed is read in the
// background, the opinion leaves the list, and sending it again is refused here — not sent twice.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/contract-kit.js';
import type { PendingGroup } from '../../shared/contract-transfers.js';
import { KeyFileProvider } from '../keys/key-file.js';
import { openServices, type Services } from '../services.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { waitFor } from '../simulator/test-helpers.js';
import { tempDir } from '../test-support/temp-store.js';
import { pendingIds } from './tracking.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function workstation(sim: SimulatorHandle, username: string): Promise<Services> {
  const dir = tempDir('koe-refresh-');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const services = await openServices({ dataDir: join(dir, 'data'), keyProvider: new KeyFileProvider(join(dir, 'key')), apiUrl: sim.url, demo: true, syncIntervalMs: 0, log: () => undefined });
  cleanups.push(() => services.close());
  expect((await services.dispatch('session:signIn', { username, password: 'koe-demo' })).ok).toBe(true);
  await services.runner.syncNow();
  return services;
}

const waiting = async (s: Services): Promise<string[]> => {
  const r = (await s.dispatch('transfers:pending', {})) as Envelope<PendingGroup[]>;
  if (!r.ok) throw new Error(r.error.message);
  return r.value.filter((g) => g.ministry === 'mhlw').flatMap((g) => g.items.map((i) => i.id));
};

describe('a transfer a colleague sent since the last sync', () => {
  it('is read in the background when the list of what waits is opened, and the same items are not sent again', async () => {
    const sim = await startSimulator({ port: 0, count: 40, seed: 6, transferDecisionMs: 600_000 });
    cleanups.push(() => sim.close());
    const a = await workstation(sim, 'sato');
    const b = await workstation(sim, 'suzuki');
    const id = (a.db.prepare('SELECT id FROM submissions ORDER BY k DESC LIMIT 1').pluck().get() as string);
    for (const s of [a, b]) {
      expect((await s.dispatch('triage:act', { target: { ids: [id] }, action: { type: 'transfer_marked', ministry: 'mhlw', note: null } })).ok).toBe(true);
      await s.runner.syncNow();
    }
    // Waiting at B too (read from its store: the first look at the list is the one under test).
    expect(pendingIds(b.db, 'mhlw').has(id)).toBe(true);

    // A sends it; the office stores the transfer. B has not synced since.
    expect((await a.dispatch('transfers:send', { ministry: 'mhlw', submissionIds: [id], note: '' })).ok).toBe(true);
    await waitFor(() => sim.storedTransfers().length === 1, 10_000);

    // Opening B's list reads the feed in the background: it still shows the item at first, and
    // a moment later no longer does.
    expect(await waiting(b)).toContain(id);
    await waitFor(async () => !(await waiting(b)).includes(id), 10_000);
    const again = await b.dispatch('transfers:send', { ministry: 'mhlw', submissionIds: [id], note: '' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await b.runner.syncNow();
    expect(sim.storedTransfers()).toHaveLength(1);
  });
});
