// macOS: managed preferences installed by a configuration profile (MDM) land in
// /Library/Managed Preferences, owned by root. Values keep their plist types.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePolicy } from './parse-policy.js';
import { EMPTY_POLICY, type Policy, type PolicyLog } from './policy-definition.js';

/** The preference domain a profile targets: the app's bundle identifier, electron-builder.yml's appId (a test checks). */
export const MACOS_POLICY_DOMAIN = 'jp.go.koe';

export interface ManagedPreferencesReader {
  /** The managed preferences for a domain, or null when none are installed. */
  read(domain: string): Promise<Record<string, unknown> | null>;
}

export async function readMacPolicy(reader: ManagedPreferencesReader, log: PolicyLog, domain = MACOS_POLICY_DOMAIN): Promise<Policy> {
  const source = `managed preferences ${domain}`;
  let values: Record<string, unknown> | null;
  try {
    values = await reader.read(domain);
  } catch (error) {
    log.warn(`Managed policy (${source}) cannot be read (${error instanceof Error ? error.message : String(error)}); defaults apply.`);
    return EMPTY_POLICY;
  }
  if (!values) return EMPTY_POLICY;
  return parsePolicy(values, source, log);
}

/** The real reader: the per-user profile first, then the computer-wide one, via plutil. */
export function plutilManagedPreferences(root = '/Library/Managed Preferences', user = os.userInfo().username): ManagedPreferencesReader {
  return {
    async read(domain) {
      const candidates = [path.join(root, user, `${domain}.plist`), path.join(root, `${domain}.plist`)];
      const file = candidates.find((candidate) => fs.existsSync(candidate));
      if (!file) return null;
      const json = await new Promise<string>((resolve, reject) => {
        execFile('/usr/bin/plutil', ['-convert', 'json', '-o', '-', file], { timeout: 10_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
      });
      const parsed: unknown = JSON.parse(json);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    },
  };
}
