// Where Koe keeps its database. Always on the local disk: a roaming Windows profile would copy
// citizens' data to a file server at every sign-out, and an open SQLite file does not survive it.
import os from 'node:os';
import path from 'node:path';
import type { Policy } from './policy-definition.js';

type Env = Record<string, string | undefined>;

export function defaultDataDir(platform: NodeJS.Platform, env: Env, home: string = os.homedir()): string {
  if (platform === 'win32') {
    // %LOCALAPPDATA%, never %APPDATA% (Roaming).
    const local = env.LOCALAPPDATA && path.win32.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : path.win32.join(env.USERPROFILE || home, 'AppData', 'Local');
    return path.win32.join(local, 'Koe');
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', 'Koe');
  }
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  const dataHome = env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.posix.join(home, '.local', 'share');
  return path.posix.join(dataHome, 'koe');
}

/** The policy's dataDirectory when it sets a valid one, the platform's default otherwise. */
export function resolveDataDir(opts: { platform: NodeJS.Platform; env: Env; home?: string; policy: Policy }): string {
  return opts.policy.values.dataDirectory ?? defaultDataDir(opts.platform, opts.env, opts.home);
}
