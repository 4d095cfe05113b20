// `koe transfers` as automation runs it: a child process on a real encrypted store synced from
// the simulator, where colleagues have marked opinions and some are already transferred.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyFileProvider } from '../keys/key-file.js';
import { openStore } from '../store/open-store.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { waitFor } from '../simulator/test-helpers.js';
import { connect } from '../sync/connection.js';
import { SyncEngine } from '../sync/engine.js';
import { tempDir } from '../test-support/temp-store.js';
import { queueBatch } from '../transfers/outbox.js';
import { pushTransferOutbox } from '../transfers/sender.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const dir = tempDir('koe-cli-transfers-');
const dataDir = join(dir, 'data');
const keyFile = join(dir, 'db.key');
let sim: SimulatorHandle;
let ids: string[];
let sentId: string;
let queuedId: string;

function koe(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, join(ROOT, 'main', 'cli.ts'), ...args, '--data-dir', dataDir],
      { env: { ...process.env, KOE_DB_KEY_FILE: keyFile, KOE_USERNAME: 'tanaka', KOE_PASSWORD: 'koe-demo' } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const lines = (s: string) => s.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  // Few enough that the simulator seeds no marks of its own: every line below is this test's.
  sim = await startSimulator({ count: 12, seed: 2, transferDecisionMs: 50 });
  sim.setTransferOutcome('cfa', 'returned');
  const db = await openStore(dataDir, new KeyFileProvider(keyFile));
  const client = connect(db, { baseUrl: sim.url, credentials: () => ({ username: 'sato', password: 'koe-demo' }) });
  try {
    const engine = new SyncEngine(db, client, { pushers: [(c) => pushTransferOutbox(db, c)] });
    await engine.syncOnce();
    ids = (db.prepare('SELECT id FROM submissions ORDER BY k DESC').all() as { id: string }[]).map((r) => r.id);
    // Marked by two colleagues, on the server.
    for (const id of ids.slice(0, 3)) await sim.postEventAs('suzuki', { submission_id: id, type: 'transfer_marked', payload: { ministry: 'mhlw', note: '' } });
    for (const id of ids.slice(2, 4)) await sim.postEventAs('takahashi', { submission_id: id, type: 'transfer_marked', payload: { ministry: 'cfa', note: '' } });
    await sim.postEventAs('takahashi', { submission_id: ids[5]!, type: 'transfer_marked', payload: { ministry: 'env', note: '' } });
    await engine.syncOnce();
    sentId = queueBatch(db, { ministry: 'cfa', submissionIds: ids.slice(2, 4), note: '回付', includeContact: false }, 'st-001').drafts[0]!.id;
    await engine.syncOnce();
    await waitFor(() => (sim.storedTransfers() as { status: string }[]).every((t) => t.status === 'returned'), 5000);
    await engine.syncOnce();
    // Queued here, not yet sent: the next `koe sync --once` sends it.
    queuedId = queueBatch(db, { ministry: 'env', submissionIds: [ids[5]!], note: '', includeContact: false }, 'st-001').drafts[0]!.id;
  } finally {
    client.close();
    db.close();
  }
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('koe transfers', () => {
  it('pending --json: one line per ministry with what is marked (by anyone) and not yet transferred; returned ones count again', async () => {
    const r = await koe(['transfers', 'pending', '--json']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out).toEqual([
      { ministry: 'cfa', submission_ids: expect.arrayContaining([ids[2], ids[3]]) },
      { ministry: 'mhlw', submission_ids: expect.arrayContaining([ids[0], ids[1], ids[2]]) },
    ]);
    expect((out[0]!.submission_ids as string[]).length).toBe(2);
    expect((out[1]!.submission_ids as string[]).length).toBe(3);
  });

  it('--json: every transfer with its status and reason, the queued one too', async () => {
    const out = lines((await koe(['transfers', '--json'])).stdout);
    expect(out).toEqual([
      expect.objectContaining({ id: sentId, ministry: 'cfa', status: 'returned', reason: expect.any(String), submission_ids: ids.slice(2, 4), include_contact: false }),
      expect.objectContaining({ id: queuedId, ministry: 'env', status: 'queued', submission_ids: [ids[5]] }),
    ]);
  });

  it('sync --once sends queued transfers; usage errors exit 2', async () => {
    const r = await koe(['sync', '--once', '--json', '--api', sim.url]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)[0]).toMatchObject({ transfers_sent: 1, transfers_refused: 0 });
    expect((sim.storedTransfers() as { id: string }[]).map((t) => t.id)).toContain(queuedId);
    const out = lines((await koe(['transfers', '--json'])).stdout);
    expect(out.find((t) => t.id === queuedId)).toMatchObject({ status: expect.stringMatching(/submitted|accepted|returned/) });
    expect((await koe(['transfers', 'pending'])).code).toBe(2);
    expect((await koe(['transfers', 'sideways', '--json'])).code).toBe(2);
  });
});
