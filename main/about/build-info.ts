// What a package says about how it was built: written by the build script (main/build/dist.ts)
// into dist/build-info.json before electron-builder packs it, read by main for the About box,
// the diagnostics and the update decision. A missing or unreadable file means a development
// build (`npm start`), never a signed one.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { BuildFacts } from '../../shared/contract-admin.js';

export const buildInfoSchema = z.object({
  format: z.literal('koe-build-info'),
  version: z.literal(1),
  appVersion: z.string().min(1).max(64),
  signing: z.enum(['signed', 'unsigned', 'checksum-only']),
  platform: z.enum(['win32', 'darwin', 'linux']),
  fuses: z.enum(['release', 'e2e']),
  builtAt: z.string().max(64),
  commit: z.string().regex(/^[0-9a-f]{7,64}$/).nullable(),
});
export type BuildInfo = z.output<typeof buildInfoSchema>;

/** Relative to the app's root (the asar in a package, the repository in development). */
export const BUILD_INFO_PATH = path.join('dist', 'build-info.json');

export function readBuildInfo(appRoot: string): BuildInfo | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(appRoot, BUILD_INFO_PATH), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = buildInfoSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function buildInfoJson(info: BuildInfo): string {
  return `${JSON.stringify(buildInfoSchema.parse(info), null, 2)}\n`;
}

interface Runtime {
  platform: string;
  arch: string;
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>>;
}

/**
 * The facts the About box shows. A build-info file counts only in a packaged app: a stray file
 * in a developer's checkout must not make `npm start` claim to be a signed build.
 */
export function buildFacts(info: BuildInfo | null, opts: { packaged: boolean; appVersion: string; runtime?: Runtime }): BuildFacts {
  const runtime = opts.runtime ?? { platform: process.platform, arch: process.arch, versions: process.versions as Runtime['versions'] };
  const base = {
    platform: runtime.platform,
    arch: runtime.arch,
    electron: runtime.versions.electron ?? null,
    chrome: runtime.versions.chrome ?? null,
    node: runtime.versions.node ?? '',
  };
  if (!opts.packaged) {
    return { ...base, appVersion: opts.appVersion, signing: 'development', fuses: null, builtAt: null, commit: null };
  }
  if (!info) {
    // Packed without the build script: nothing vouches for it, so it is treated as unsigned.
    return { ...base, appVersion: opts.appVersion, signing: 'unsigned', fuses: null, builtAt: null, commit: null };
  }
  return { ...base, appVersion: info.appVersion, signing: info.signing, fuses: info.fuses, builtAt: info.builtAt, commit: info.commit };
}
