// Is the data dir on a network share? SQLite's WAL needs shared memory on one machine and
// reliable locks, which SMB and NFS do not give: a database there can be damaged by a network
// hiccup or a second computer. Pure functions over the path and the mount table's text, so each
// platform's case is tested anywhere.

/** File system types that live on another machine. */
const NETWORK_TYPES = new Set(['nfs', 'nfs4', 'cifs', 'smb', 'smb2', 'smb3', 'smbfs', 'afpfs', 'webdav', 'davfs', 'fuse.sshfs', 'sshfs', 'ncpfs', '9p', 'afs', 'ceph', 'glusterfs', 'fuse.glusterfs', 'lustre']);

export interface MountEntry {
  mountPoint: string;
  type: string;
  source: string;
}

/** /proc/mounts escapes spaces and a few other bytes as \ooo. */
const unescapeOctal = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/**
 * Parses Linux's /proc/mounts ("src mountpoint type options 0 0") or the output of macOS's
 * `mount` ("src on /mountpoint (type, options)"). Unknown lines are skipped.
 */
export function parseMounts(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const mac = /^(.+?) on (.+) \(([^,)]+)/.exec(line);
    if (mac) {
      out.push({ source: mac[1], mountPoint: mac[2], type: mac[3].trim().toLowerCase() });
      continue;
    }
    const parts = line.trim().split(/\s+/);
    if (parts.length >= 3 && parts[1].startsWith('/')) out.push({ source: unescapeOctal(parts[0]), mountPoint: unescapeOctal(parts[1]), type: parts[2].toLowerCase() });
  }
  return out;
}

/** The mount that holds `path` (the longest mount point that is a prefix of it). */
export function mountOf(path: string, mounts: MountEntry[]): MountEntry | null {
  let best: MountEntry | null = null;
  for (const m of mounts) {
    const mp = m.mountPoint.endsWith('/') && m.mountPoint !== '/' ? m.mountPoint.slice(0, -1) : m.mountPoint;
    const inside = mp === '/' || path === mp || path.startsWith(`${mp}/`);
    if (inside && (!best || mp.length >= best.mountPoint.length)) best = m;
  }
  return best;
}

export interface NetworkShare {
  /** What to show: the share (\\server\share) or the mount's source and type. */
  where: string;
  type: string;
}

/**
 * The network share the data dir is on, or null. On Windows, UNC paths (\\server\share\…,
 * including \\?\UNC\…) are shares; a mapped drive letter is not seen here. Elsewhere the mount
 * table decides.
 */
export function networkShareOf(path: string, platform: NodeJS.Platform, mountsText: string | null): NetworkShare | null {
  if (platform === 'win32') {
    const p = path.replace(/\//g, '\\');
    const unc = /^\\\\\?\\UNC\\([^\\]+)\\([^\\]+)/i.exec(p) ?? /^\\\\(?![?.]\\)([^\\]+)\\([^\\]+)/.exec(p);
    return unc ? { where: `\\\\${unc[1]}\\${unc[2]}`, type: 'smb' } : null;
  }
  if (!mountsText) return null;
  const m = mountOf(path, parseMounts(mountsText));
  if (!m) return null;
  return NETWORK_TYPES.has(m.type) || m.type.startsWith('nfs') ? { where: `${m.source} (${m.mountPoint})`, type: m.type } : null;
}
