// Kills a working workstation (SIGKILL) at random moments, many times, and checks after each
// restart that the database is intact and that every acknowledged action is still there —
// pending locally or stored on the server — and never applied twice.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KeyFileProvider } from '../keys/key-file.js';
import { openStore } from '../store/open-store.js';
import { connect } from '../sync/connection.js';
import { SyncEngine } from '../sync/engine.js';
import type { SimulatorHandle } from '../simulator/server.js';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const TSX = join(fileURLToPath(new URL('../../', import.meta.url)), 'node_modules', 'tsx', 'dist', 'loader.mjs');

export interface CrashLoopResult {
  iterations: number;
  acknowledged: number;
  lost: string[];
  duplicated: string[];
  integrityFailures: number;
}

function runChildUntilKilled(args: string[], killAfterMs: number, onAck: (eventId: string, tag: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'ready' && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        const m = /^ack (\S+) (\S+)$/.exec(line);
        if (m) onAck(m[1], m[2]);
      }
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the workstation exited by itself (${code}): ${stderr.slice(-500)}`));
    });
  });
}

export async function runCrashLoop(o: { sim: SimulatorHandle; dataDir: string; keyFile: string; iterations: number; random?: () => number }): Promise<CrashLoopResult> {
  const random = o.random ?? Math.random;
  const acked = new Map<string, string>(); // event id → tag
  let integrityFailures = 0;
  for (let i = 0; i < o.iterations; i++) {
    await runChildUntilKilled([o.dataDir, o.keyFile, o.sim.url, `crash${i}`], 150 + Math.floor(random() * 900), (id, tag) => acked.set(id, tag));
    const db = await openStore(o.dataDir, new KeyFileProvider(o.keyFile));
    try {
      if (db.pragma('integrity_check', { simple: true }) !== 'ok') integrityFailures++;
    } finally {
      db.close();
    }
  }
  // Drain what is still pending, then compare with the server.
  const db = await openStore(o.dataDir, new KeyFileProvider(o.keyFile));
  const client = connect(db, { baseUrl: o.sim.url, credentials: () => ({ username: 'sato', password: 'koe-demo' }) });
  try {
    await new SyncEngine(db, client).syncOnce();
    const pending = new Set((db.prepare('SELECT id FROM outbox').all() as { id: string }[]).map((r) => r.id));
    const stored = o.sim.storedEvents() as { id: string; type: string; payload: { tag?: string } }[];
    const storedIds = new Set(stored.map((e) => e.id));
    const tagCounts = new Map<string, number>();
    for (const e of stored) if (e.type === 'tag_added' && e.payload.tag) tagCounts.set(e.payload.tag, (tagCounts.get(e.payload.tag) ?? 0) + 1);
    const lost = [...acked].filter(([id]) => !storedIds.has(id) && !pending.has(id)).map(([id]) => id);
    const duplicated = [...acked.values()].filter((tag) => (tagCounts.get(tag) ?? 0) > 1);
    return { iterations: o.iterations, acknowledged: acked.size, lost, duplicated, integrityFailures };
  } finally {
    client.close();
    db.close();
  }
}
