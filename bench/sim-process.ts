// The office simulator in a child process for the sync runs. The real office server is another
// machine: generating and serialising its pages must not be billed to Koe's thread (CPU time,
// GC, event loop), and on a 2-core machine it gets the other core as a server would.
//
// Run as a script (`node --import tsx bench/sim-process.ts <count> <seed> <nowIso>`), it prints
// one line `url <base>` when listening and exits when its stdin closes.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../main/simulator/server.js';

const SELF = fileURLToPath(import.meta.url);
const TSX = fileURLToPath(import.meta.resolve('tsx'));

export interface RemoteSimulator {
  url: string;
  close(): Promise<void>;
}

export function spawnSimulator(o: { count: number; seed: number; now: Date }): Promise<RemoteSimulator> {
  const child = spawn(process.execPath, ['--import', TSX, SELF, String(o.count), String(o.seed), o.now.toISOString()], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((ended) => child.once('exit', () => ended()));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`the simulator process exited (${code}) before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^url (\S+)$/.exec(line);
      if (!m) return;
      done({
        url: m[1],
        close: async () => {
          child.stdin!.end();
          await exited;
        },
      });
    });
  });
}

async function serve(): Promise<void> {
  const [count, seed, now] = process.argv.slice(2);
  const sim = await startSimulator({ count: Number(count), seed: Number(seed), now: new Date(now) });
  process.stdout.write(`url ${sim.url}\n`);
  // The parent closing stdin (or dying) ends the simulator.
  process.stdin.on('end', () => void sim.close().then(() => process.exit(0)));
  process.stdin.resume();
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) await serve();
