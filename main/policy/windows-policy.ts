// Windows: HKLM\Software\Policies\Koe, set through Group Policy or Intune. Only administrators
// can write under HKLM\Software\Policies, so its values are trusted as they are. Booleans and
// numbers arrive as DWORDs, strings as REG_SZ.
import { execFile } from 'node:child_process';
import { parsePolicy, type Coerce } from './parse-policy.js';
import { EMPTY_POLICY, type Policy, type PolicyLog } from './policy-definition.js';

export const WINDOWS_POLICY_KEY = 'HKLM\\Software\\Policies\\Koe';

/** Reads one registry key's values; null when the key does not exist. */
export interface RegistryReader {
  readValues(key: string): Promise<Record<string, string | number> | null>;
}

export async function readWindowsPolicy(registry: RegistryReader, log: PolicyLog): Promise<Policy> {
  let values: Record<string, string | number> | null;
  try {
    values = await registry.readValues(WINDOWS_POLICY_KEY);
  } catch (error) {
    log.warn(`Managed policy ${WINDOWS_POLICY_KEY} cannot be read (${error instanceof Error ? error.message : String(error)}); defaults apply.`);
    return EMPTY_POLICY;
  }
  if (!values) return EMPTY_POLICY;
  return parsePolicy(values, WINDOWS_POLICY_KEY, log, coerceRegistryValue);
}

/** DWORD 0/1 for booleans; a decimal REG_SZ is accepted for numbers, as admins often type them so. */
export const coerceRegistryValue: Coerce = (kind, value) => {
  if (kind === 'boolean' && (value === 0 || value === 1)) return value === 1;
  if (kind === 'integer' && typeof value === 'string' && /^\d{1,9}$/.test(value.trim())) return Number(value.trim());
  return value;
};

/**
 * Parses `reg query` output: one `    name    REG_TYPE    data` line per value. Only the types a
 * policy uses are read; others (binary, multi-string) are left out and so reported as unknown.
 */
export function parseRegQuery(output: string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const line of output.split(/\r?\n/)) {
    const match = /^ {4}(.+?) {4}(REG_SZ|REG_EXPAND_SZ|REG_DWORD|REG_QWORD)(?: {4}(.*))?$/.exec(line);
    if (!match) continue;
    const [, name, type, data = ''] = match;
    values[name] = type === 'REG_DWORD' || type === 'REG_QWORD' ? Number.parseInt(data, 16) : data;
  }
  return values;
}

/** The real reader, through reg.exe (no native module needed). Untestable off Windows. */
export function regExeRegistryReader(): RegistryReader {
  return {
    readValues: (key) =>
      new Promise((resolve, reject) => {
        // /reg:64: the 64-bit view, whatever the bitness of the process asking.
        execFile('reg.exe', ['query', key, '/reg:64'], { windowsHide: true, timeout: 10_000 }, (error, stdout) => {
          if (error) {
            // reg.exe exits 1 when the key is absent: the usual case, no policy.
            if ((error as { code?: unknown }).code === 1) resolve(null);
            else reject(error);
            return;
          }
          resolve(parseRegQuery(stdout));
        });
      }),
  };
}
