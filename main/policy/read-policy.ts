// Reads the managed policy from wherever the platform keeps it.
import { readLinuxPolicy } from './linux-policy.js';
import { plutilManagedPreferences, readMacPolicy, type ManagedPreferencesReader } from './macos-policy.js';
import { EMPTY_POLICY, type Policy, type PolicyLog } from './policy-definition.js';
import { readWindowsPolicy, regExeRegistryReader, type RegistryReader } from './windows-policy.js';

export interface ReadPolicyOptions {
  platform: NodeJS.Platform;
  log: PolicyLog;
  /** Replaceable for tests; the real stores otherwise. */
  registry?: RegistryReader;
  managedPreferences?: ManagedPreferencesReader;
  linuxRoot?: string;
}

export async function readManagedPolicy(opts: ReadPolicyOptions): Promise<Policy> {
  switch (opts.platform) {
    case 'win32':
      return readWindowsPolicy(opts.registry ?? regExeRegistryReader(), opts.log);
    case 'darwin':
      return readMacPolicy(opts.managedPreferences ?? plutilManagedPreferences(), opts.log);
    case 'linux':
      return readLinuxPolicy({ log: opts.log, root: opts.linuxRoot });
    default:
      return EMPTY_POLICY;
  }
}
