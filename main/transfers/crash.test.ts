// kill -9 of a workstation in the middle of sending a transfer, then a restart: exactly one
// transfer reaches the office, with every marked item, and nothing stays queued.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyFileProvider } from '../keys/key-file.js';
import { openStore } from '../store/open-store.js';
import { startSimulator } from '../simulator/server.js';
import { connect } from '../sync/connection.js';
import { SyncEngine } from '../sync/engine.js';
import { tempDir } from '../test-support/temp-store.js';
import { applyAction } from '../triage/commands.js';
import { listOutbox } from './outbox.js';
import { pendingIds } from './tracking.js';

const CHILD = fileURLToPath(new URL('../test-support/transfer-crash-child.ts', import.meta.url));
const TSX = join(fileURLToPath(new URL('../../', import.meta.url)), 'node_modules', 'tsx', 'dist', 'loader.mjs');
const dir = tempDir('koe-transfer-crash-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child; with killOn, SIGKILLs it `afterMs` after that line appears. Resolves with its lines. */
function runChild(args: string[], kill?: { on: string; afterMs: number }): Promise<{ lines: string[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buf = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        lines.push(line);
        if (kill && line.startsWith(kill.on)) setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ lines, killed: true });
      else if (code === 0) resolve({ lines, killed: false });
      else reject(new Error(`child exited ${code}: ${stderr.slice(-800)}`));
    });
  });
}

describe('kill -9 while sending a transfer', () => {
  it('a restart sends the queued transfer with the same key: one transfer, every item, nothing left', async () => {
    // Slow answers keep each POST in flight long enough to be killed in the middle of it.
    const sim = await startSimulator({ count: 120, seed: 9, transferDecisionMs: 60_000 });
    const dataDir = join(dir, 'data');
    const keyFile = join(dir, 'key');
    const ministries = ['mlit', 'env', 'maff', 'mod'];
    const marked = new Map<string, string[]>();
    try {
      const db = await openStore(dataDir, new KeyFileProvider(keyFile));
      const client = connect(db, { baseUrl: sim.url, credentials: () => ({ username: 'sato', password: 'koe-demo' }) });
      const engine = new SyncEngine(db, client);
      await engine.syncOnce();
      const ids = (db.prepare('SELECT id FROM submissions ORDER BY k DESC LIMIT ?').all(ministries.length * 3) as { id: string }[]).map((r) => r.id);
      ministries.forEach((m, i) => {
        const mine = ids.slice(i * 3, i * 3 + 3);
        marked.set(m, mine);
        applyAction(db, mine, { type: 'transfer_marked', ministry: m, note: null }, 'st-001');
      });
      await engine.syncOnce();
      for (const m of ministries) expect([...pendingIds(db, m)].sort()).toEqual([...marked.get(m)!].sort());
      client.close();
      db.close();

      sim.setFaults({ latencyMs: 250 });
      // Each ministry: killed at a different moment — while queueing, as the request leaves, while
      // the office holds it, after the answer.
      const killAfter = [0, 20, 150, 600];
      const outcomes: string[] = [];
      for (const [i, m] of ministries.entries()) {
        const first = await runChild([dataDir, keyFile, sim.url, m], { on: i === 0 ? 'ready' : 'sending', afterMs: killAfter[i]! });
        outcomes.push(`${m}: ${first.killed ? 'killed' : 'finished'} after ${first.lines.at(-1) ?? 'nothing'}`);
        const again = await runChild([dataDir, keyFile, sim.url, m]);
        expect(again.lines.at(-1)).toMatch(/^sent \d$/);
      }

      const stored = sim.storedTransfers() as { id: string; ministry: string; submission_ids: string[] }[];
      for (const m of ministries) {
        const mine = stored.filter((t) => t.ministry === m);
        expect(mine, outcomes.join('\n')).toHaveLength(1);
        expect([...mine[0]!.submission_ids].sort()).toEqual([...marked.get(m)!].sort());
      }
      // Every POST for one transfer carried its one key; no key made a second transfer.
      const keys = new Set(sim.posted.transfers.map((p) => p.idempotencyKey));
      expect(keys.size).toBe(ministries.length);
      const after = await openStore(dataDir, new KeyFileProvider(keyFile));
      try {
        expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(listOutbox(after)).toEqual([]);
        for (const m of ministries) expect(pendingIds(after, m).size).toBe(0);
      } finally {
        after.close();
      }
    } finally {
      await sim.close();
    }
  }, 240_000);
});
