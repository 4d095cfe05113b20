// Real small and read-only file systems for the disk-full and read-only tests: a size-limited
// tmpfs, and a read-only bind mount of a folder. Needs permission to mount (root, as on the
// build machines); `mountsAvailable()` says whether this machine gives it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' });

let available: boolean | null = null;

/** Whether this process may mount a tmpfs (checked once, with a throwaway mount). */
export function mountsAvailable(): boolean {
  if (available !== null) return available;
  const dir = mkdtempSync(join(tmpdir(), 'koe-mount-check-'));
  try {
    run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    run('umount', [dir]);
    available = true;
  } catch {
    available = false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return available;
}

export interface Mounted {
  dir: string;
  unmount(): void;
}

/** A tmpfs of `size` (e.g. "6m") on a new temporary folder. */
export function mountTmpfs(size: string): Mounted {
  const dir = mkdtempSync(join(tmpdir(), 'koe-tmpfs-'));
  run('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir]);
  return { dir, unmount: () => unmountAndRemove(dir) };
}

/** `source` seen read-only at a new temporary folder (a read-only bind mount). */
export function mountReadOnly(source: string): Mounted {
  const dir = mkdtempSync(join(tmpdir(), 'koe-ro-'));
  run('mount', ['--bind', source, dir]);
  run('mount', ['-o', 'remount,bind,ro', dir]);
  return { dir, unmount: () => unmountAndRemove(dir) };
}

function unmountAndRemove(dir: string): void {
  try {
    run('umount', [dir]);
  } catch {
    run('umount', ['-l', dir]);
  }
  rmSync(dir, { recursive: true, force: true });
}
