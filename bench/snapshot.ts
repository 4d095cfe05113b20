// The bench runs for an hour and starts child processes all along (the office simulator, the
// crash loop's workstations), each loading Koe's code from disk when it starts. If the working
// tree changes meanwhile — a new migration, say — a child runs other code than this process and
// the results mix two versions (the crash loop then fails on "a newer schema"). So the bench
// runs from a copy of the sources taken when it starts.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const COPIED = ['main', 'shared', 'bench', 'renderer', 'package.json', 'tsconfig.json'];
const ENV_FLAG = 'KOE_BENCH_SNAPSHOT_OF';

/** Where results go: the real bench/results, also when running from the copy. */
export function resultsDir(): string {
  return join(process.env[ENV_FLAG] ?? ROOT, 'bench', 'results');
}

/**
 * Copies the sources and runs the same command from the copy, unless this already is the copy.
 * Resolves with the copy's exit code, or null when the caller should just go on.
 */
export async function runFromSnapshot(): Promise<number | null> {
  if (process.env[ENV_FLAG]) return null;
  const snap = mkdtempSync(join(tmpdir(), 'koe-bench-src-'));
  try {
    for (const entry of COPIED) {
      cpSync(join(ROOT, entry), join(snap, entry), {
        recursive: true,
        filter: (src) => !relative(ROOT, src).startsWith(join('bench', 'results')) && basename(src) !== 'node_modules',
      });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(snap, 'node_modules'), 'dir');
    const script = join(snap, relative(ROOT, process.argv[1]));
    const child = spawn(process.execPath, [...process.execArgv, script, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, [ENV_FLAG]: ROOT },
    });
    // Pass a stop on to the copy and wait for it to clean up its data dirs.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
    return await new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1))));
  } finally {
    rmSync(snap, { recursive: true, force: true });
  }
}
