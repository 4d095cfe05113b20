// Linux: /etc/koe/policy.json, written by IT with configuration management. A file any user
// could edit is no policy at all (a staff member could allow the plaintext key store for
// themselves), so it counts only when it and its folder are root's and not group/world-writable.
import fs from 'node:fs';
import path from 'node:path';
import { parsePolicy } from './parse-policy.js';
import { EMPTY_POLICY, type Policy, type PolicyLog } from './policy-definition.js';

export const LINUX_POLICY_PATH = 'etc/koe/policy.json';
/** A policy is a handful of settings; anything bigger is a mistake, not something to parse. */
const MAX_BYTES = 256 * 1024;

export interface LinuxPolicyOptions {
  log: PolicyLog;
  /** The file-system root the path is under; a temporary folder in tests. */
  root?: string;
  /** Who must own the file and folder; root (0) except in tests, which cannot chown. */
  trustedUid?: number;
}

export function readLinuxPolicy({ log, root = '/', trustedUid = 0 }: LinuxPolicyOptions): Policy {
  const file = path.join(root, LINUX_POLICY_PATH);
  let real: string;
  try {
    // The real path, so a symlink cannot lead the checks to a root-owned file while the
    // content comes from a user's folder.
    real = fs.realpathSync(file);
  } catch (error) {
    if (isNotFound(error)) return EMPTY_POLICY;
    log.warn(`Managed policy ${file} cannot be read (${describe(error)}); defaults apply.`);
    return EMPTY_POLICY;
  }

  let text: string;
  let fd: number | undefined;
  try {
    const dirProblem = writableByOthers(fs.statSync(path.dirname(real)), trustedUid);
    if (dirProblem) {
      log.warn(`Managed policy ${file} is ignored: its folder ${path.dirname(real)} ${dirProblem}. Make it owned by root and not writable by others (chmod 755).`);
      return EMPTY_POLICY;
    }
    // Checked on the opened file, so it cannot be swapped between the check and the read.
    fd = fs.openSync(real, 'r');
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      log.warn(`Managed policy ${file} is not a regular file; defaults apply.`);
      return EMPTY_POLICY;
    }
    const fileProblem = writableByOthers(stat, trustedUid);
    if (fileProblem) {
      log.warn(`Managed policy ${file} is ignored: it ${fileProblem}. Make it owned by root and not writable by others (chmod 644).`);
      return EMPTY_POLICY;
    }
    if (stat.size > MAX_BYTES) {
      log.warn(`Managed policy ${file} is larger than ${MAX_BYTES} bytes; defaults apply.`);
      return EMPTY_POLICY;
    }
    text = fs.readFileSync(fd, 'utf8');
  } catch (error) {
    log.warn(`Managed policy ${file} cannot be read (${describe(error)}); defaults apply.`);
    return EMPTY_POLICY;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    log.warn(`Managed policy ${file} is not valid JSON (${describe(error)}); defaults apply.`);
    return EMPTY_POLICY;
  }
  return parsePolicy(raw, file, log);
}

/** Why others could change this file or folder, or null when only its trusted owner can. */
function writableByOthers(stat: fs.Stats, trustedUid: number): string | null {
  if (stat.uid !== trustedUid) return `is owned by uid ${stat.uid}, not ${trustedUid === 0 ? 'root' : `uid ${trustedUid}`}`;
  if ((stat.mode & 0o022) !== 0) return `is writable by group or others (mode ${(stat.mode & 0o777).toString(8)})`;
  return null;
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT' || (error as NodeJS.ErrnoException)?.code === 'ENOTDIR';
}

function describe(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error instanceof Error ? error.message : String(error));
}
