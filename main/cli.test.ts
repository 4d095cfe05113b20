// The CLI as IT and automation run it: a real child process, the real simulator, a real
// encrypted store; plus the byte scan that proves nothing is stored in clear.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from './simulator/server.js';
import { tempDir } from './test-support/temp-store.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

let sim: SimulatorHandle;
let canaryId: string;
let purged = 0;
const dir = tempDir('koe-cli-');
const dataDir = join(dir, 'data');
const keyFile = join(dir, 'db.key');
const CANARY_BODY = 'カナリア本文-3c1f9e：この文章はどのファイルにも平文で現れてはならない';
const CANARY_EMAIL = 'canary.3c1f9e@example.jp';

function koe(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, join(ROOT, 'main', 'cli.ts'), ...args],
      { env: { ...process.env, KOE_DB_KEY_FILE: keyFile, KOE_USERNAME: 'tanaka', KOE_PASSWORD: 'koe-demo', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const lines = (s: string) => s.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  sim = await startSimulator({ count: 150, seed: 5 });
  // The newest one: older ones may be past local retention (365 days) and purged on sync.
  canaryId = sim.submissionIds().at(-1)!;
  sim.correctSubmission(canaryId, { body: CANARY_BODY, email: CANARY_EMAIL });
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('koe CLI', () => {
  it('sync --once --json syncs the simulator and prints a summary', async () => {
    const r = await koe(['sync', '--once', '--json', '--data-dir', dataDir, '--api', sim.url]);
    expect(r.stderr).toMatch(/submissions/);
    expect(r.code).toBe(0);
    const [summary] = lines(r.stdout);
    expect(summary.fetched).toBeGreaterThanOrEqual(150);
    for (const k of ['fetched', 'updated', 'deleted', 'quarantined', 'events_pulled', 'events_pushed']) expect(summary).toHaveProperty(k);
    purged = summary.purged_by_retention as number;
  });

  it('list --json prints one object a line with the documented fields, filters work', async () => {
    const all = lines((await koe(['list', '--json', '--data-dir', dataDir])).stdout);
    expect(all.length).toBe(sim.submissionIds().length - purged);
    expect(all.map((x) => x.id)).toContain(canaryId);
    for (const k of ['id', 'seq', 'received_at', 'channel', 'category', 'theme', 'subject', 'body', 'age_band', 'email', 'language', 'status', 'tags', 'assignee', 'notes_count', 'transfer_marks', 'replies_count']) {
      expect(all[0]).toHaveProperty(k);
    }
    const found = lines((await koe(['list', '--json', '--search', 'カナリア本文', '--data-dir', dataDir])).stdout);
    expect(found.map((x) => x.email)).toEqual([CANARY_EMAIL]);
    const statuses = new Set(all.map((x) => x.status));
    const someStatus = [...statuses][0] as string;
    const filtered = lines((await koe(['list', '--json', '--status', someStatus, '--data-dir', dataDir])).stdout);
    expect(filtered.length).toBe(all.filter((x) => x.status === someStatus).length);
  });

  it('show ID --json prints one record; an unknown id fails with exit 1', async () => {
    const r = await koe(['show', canaryId, '--json', '--data-dir', dataDir]);
    expect(lines(r.stdout)[0].body).toBe(CANARY_BODY);
    const missing = await koe(['show', 'S-NOPE', '--json', '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('doctor reports an intact store', async () => {
    const r = await koe(['doctor', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/integrity: ok/);
    expect(r.stdout).toMatch(/schema: \d+/);
  });

  it('no file in the data dir holds a body or an email address in clear', () => {
    for (const f of readdirSync(dataDir)) {
      const bytes = readFileSync(join(dataDir, f));
      for (const canary of [CANARY_BODY.slice(0, 12), CANARY_EMAIL]) {
        expect(bytes.includes(Buffer.from(canary, 'utf8')), `${f} holds ${canary}`).toBe(false);
        expect(bytes.includes(Buffer.from(canary, 'utf16le')), `${f} holds ${canary} (UTF-16)`).toBe(false);
      }
    }
  });

  it('a wrong key fails with the documented message and exit 1, and changes nothing', async () => {
    const wrongKey = join(dir, 'wrong.key');
    writeFileSync(wrongKey, 'ab'.repeat(32));
    const before = readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f)).toString('base64'));
    const r = await koe(['list', '--json', '--data-dir', dataDir], { KOE_DB_KEY_FILE: wrongKey });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot open: wrong key or not a Koe database/);
    expect(readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f)).toString('base64'))).toEqual(before);
  });

  it('bad usage exits 2', async () => {
    expect((await koe(['frobnicate'])).code).toBe(2);
    expect((await koe(['list', '--bogus'])).code).toBe(2);
    expect((await koe(['sync', '--data-dir', dataDir])).code).toBe(2);
  });
});
