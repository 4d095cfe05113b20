// Where Koe keeps its data when nothing else is configured: local (not roaming) app data.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'Koe');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Koe');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'koe');
}
