// kill -9 at random moments while a workstation acts and syncs: nothing acknowledged is lost,
// nothing is applied twice, the database stays intact. (The benchmark runs 200 iterations.)
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../simulator/server.js';
import { runCrashLoop } from '../test-support/crash-loop.js';
import { tempDir } from '../test-support/temp-store.js';

const dir = tempDir('koe-crash-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crash loop', () => {
  it('survives SIGKILL at random moments with no loss and no duplicates', async () => {
    const sim = await startSimulator({ count: 200, seed: 3 });
    try {
      const result = await runCrashLoop({ sim, dataDir: join(dir, 'data'), keyFile: join(dir, 'key'), iterations: 6 });
      expect(result.acknowledged).toBeGreaterThan(0);
      expect(result.integrityFailures).toBe(0);
      expect(result.lost).toEqual([]);
      expect(result.duplicated).toEqual([]);
    } finally {
      await sim.close();
    }
  }, 120_000);
});
