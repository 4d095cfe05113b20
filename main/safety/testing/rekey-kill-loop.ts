// Kills a workstation (SIGKILL) at random moments while it rotates its database key again and
// again, and checks after each kill that the database opens with one of the two keys, passes
// integrity_check and holds every write acknowledged before the kill.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KeyFileProvider } from '../../keys/key-file.js';
import { dbPath, openStore } from '../../store/open-store.js';
import { openWithKeySlots, type KeyOpenOutcome } from '../key-slots.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const CHILD = fileURLToPath(new URL('./rekey-child.ts', import.meta.url));
const ROWS = 3000;

function rotateUntilKilled(dataDir: string, keyFile: string, start: number, killAfterMs: number, onAck: (n: number) => void): Promise<{ rotations: number; lastMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, CHILD, dataDir, keyFile, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let rotations = 0;
    let lastMs = 0;
    let timer: NodeJS.Timeout | null = null;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'ready' && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        const ack = /^ack (\d+)$/.exec(line);
        if (ack) onAck(Number(ack[1]));
        const rot = /^rotated (\d+)$/.exec(line);
        if (rot) {
          rotations++;
          lastMs = Number(rot[1]);
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ rotations, lastMs });
      else reject(new Error(`the rekeying child exited by itself (${code}): ${stderr.slice(-800)}`));
    });
  });
}

export interface RekeyKillResult {
  iterations: number;
  rotations: number;
  acknowledged: number;
  outcomes: Record<KeyOpenOutcome, number>;
  failures: string[];
  /** How long one rotation of the test database took (the last one completed). */
  rotationMs: number;
}

export async function rekeyKillLoop(o: { dir: string; iterations: number; random?: () => number }): Promise<RekeyKillResult> {
  const random = o.random ?? Math.random;
  const dataDir = join(o.dir, 'data');
  const keyFile = join(o.dir, 'db.key');
  const path = dbPath(dataDir);
  const db = await openStore(dataDir, new KeyFileProvider(keyFile));
  const ins = db.prepare('INSERT INTO kv(key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) ins.run(`row-${i}`, `opinion text ${i} `.repeat(8));
  })();
  db.close();

  const acked = new Set<number>();
  const outcomes: Record<KeyOpenOutcome, number> = { current: 0, promoted_pending: 0, restored_before_rekey: 0 };
  const failures: string[] = [];
  let rotations = 0;
  let rotationMs = 0;
  for (let i = 0; i < o.iterations; i++) {
    const r = await rotateUntilKilled(dataDir, keyFile, i * 1000, 80 + Math.floor(random() * 700), (n) => acked.add(n));
    rotations += r.rotations;
    if (r.lastMs) rotationMs = r.lastMs;
    let outcome: KeyOpenOutcome | null = null;
    try {
      const reopened = await openWithKeySlots(dataDir, path, new KeyFileProvider(keyFile), { onOutcome: (x) => (outcome = x) });
      try {
        if (reopened.pragma('integrity_check', { simple: true }) !== 'ok') failures.push(`${i}: integrity_check failed`);
        const rows = (reopened.prepare("SELECT count(*) FROM kv WHERE key LIKE 'row-%'").pluck().get() as number);
        if (rows !== ROWS) failures.push(`${i}: ${rows} rows instead of ${ROWS}`);
        const present = new Set((reopened.prepare("SELECT value FROM kv WHERE key LIKE 'ack-%'").pluck().all() as string[]).map(Number));
        for (const n of acked) if (!present.has(n)) failures.push(`${i}: acknowledged write ${n} lost`);
      } finally {
        reopened.close();
      }
    } catch (err) {
      failures.push(`${i}: the database does not open: ${(err as Error).message}`);
      break;
    }
    if (outcome) outcomes[outcome]++;
  }
  return { iterations: o.iterations, rotations, acknowledged: acked.size, outcomes, failures, rotationMs };
}
