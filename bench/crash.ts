// The crash loop: a workstation that acts and syncs is killed with SIGKILL at random moments;
// after each kill the store must pass integrity_check, and at the end every acknowledged action
// must be on the server or still pending, never twice.
import { join } from 'node:path';
import { startSimulator } from '../main/simulator/server.js';
import { runCrashLoop } from '../main/test-support/crash-loop.js';
import type { Row } from './table.js';
import { benchDir, progress, removeDir } from './workspace.js';
import { seededRandom } from '../main/simulator/data/random.js';

export async function measureCrashLoop(iterations: number): Promise<Row[]> {
  const section = 'crash loop (SIGKILL at random moments)';
  // Small enough that the first sync is done within a few lives, so most kills land on actions.
  const sim = await startSimulator({ count: 500, seed: 3 });
  const dir = benchDir('crash');
  // A fixed seed for the kill delays, so a failing run can be repeated.
  const random = seededRandom(20261128);
  let started = 0;
  const t0 = performance.now();
  try {
    const result = await runCrashLoop({
      sim,
      dataDir: join(dir, 'data'),
      keyFile: join(dir, 'key'),
      iterations,
      // Called once per iteration (the kill delay): doubles as the progress counter.
      random: () => {
        started++;
        if (started % 20 === 0) progress(`crash loop: iteration ${started} / ${iterations}`);
        return random();
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const detail = { lost: result.lost.slice(0, 20), duplicated: result.duplicated.slice(0, 20), seconds };
    return [
      { section, measure: 'iterations (kill -9, reopen, integrity_check)', value: result.iterations, unit: 'count', target: { kind: 'exactly', expected: iterations }, detail },
      { section, measure: 'acknowledged actions', value: result.acknowledged, unit: 'count', target: { kind: 'atLeast', min: 1 } },
      { section, measure: 'acknowledged actions lost', value: result.lost.length, unit: 'count', target: { kind: 'exactly', expected: 0 } },
      { section, measure: 'actions applied twice', value: result.duplicated.length, unit: 'count', target: { kind: 'exactly', expected: 0 } },
      { section, measure: 'integrity_check failures', value: result.integrityFailures, unit: 'count', target: { kind: 'exactly', expected: 0 } },
      { section, measure: 'duration', value: seconds, unit: 's' },
    ];
  } finally {
    await sim.close();
    removeDir(dir);
  }
}
