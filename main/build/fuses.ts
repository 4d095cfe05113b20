// Electron's fuses: switches compiled into the Electron binary that no command-line flag or
// environment variable can turn back. Koe's release builds close every way to run the binary as
// something other than Koe (plain Node, an inspector, NODE_OPTIONS, an app folder next to the
// asar) and make Chromium encrypt its cookies with the OS key store. Pure: after-pack.ts flips
// them, the tests read these choices.
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/**
 * `release` is what staff run. `e2e` exists only for end-to-end tests of a packaged build:
 * Playwright's Electron launcher drives the app through the inspector, so that profile alone
 * re-enables the inspector arguments. It is never published (dist.ts refuses to sign it).
 */
export const FUSE_PROFILES = ['release', 'e2e'] as const;
export type FuseProfile = (typeof FUSE_PROFILES)[number];

/** The settings every profile shares; nothing but the e2e profile's one exception may differ. */
const RELEASE: Record<FuseV1Options.RunAsNode | FuseV1Options.EnableCookieEncryption | FuseV1Options.EnableNodeOptionsEnvironmentVariable | FuseV1Options.EnableNodeCliInspectArguments | FuseV1Options.EnableEmbeddedAsarIntegrityValidation | FuseV1Options.OnlyLoadAppFromAsar, boolean> = {
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a general-purpose Node.
  [FuseV1Options.RunAsNode]: false,
  // Cookies (the office API session) encrypted at rest with the OS key store.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS=--require … would inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would let anyone on the workstation attach a debugger to the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The asar's hash is checked against the one recorded in the (signed) executable.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only app.asar is loaded, never a loose app folder dropped beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

/** The profile named by KOE_FUSES_PROFILE; release when unset. An unknown name stops the build. */
export function fuseProfile(env: Record<string, string | undefined>): FuseProfile {
  const name = env.KOE_FUSES_PROFILE?.trim() || 'release';
  if (!(FUSE_PROFILES as readonly string[]).includes(name)) {
    throw new Error(`KOE_FUSES_PROFILE="${name}" is not a fuse profile (${FUSE_PROFILES.join(', ')}).`);
  }
  return name as FuseProfile;
}

export interface FuseTarget {
  platform: NodeJS.Platform | 'mas';
  /** electron-builder's arch name ('x64', 'arm64', 'universal', …). */
  arch: string;
}

export function fuseConfig(profile: FuseProfile, target: FuseTarget): FuseV1Config {
  const fuses: Record<FuseV1Options, boolean> = { ...RELEASE } as Record<FuseV1Options, boolean>;
  if (profile === 'e2e') fuses[FuseV1Options.EnableNodeCliInspectArguments] = true;
  return {
    version: FuseVersion.V1,
    // Flipping fuses changes the binary, which voids the ad-hoc signature Apple silicon requires
    // to run anything; a real signature is applied after this in signed builds anyway.
    resetAdHocDarwinSignature: (target.platform === 'darwin' || target.platform === 'mas') && (target.arch === 'arm64' || target.arch === 'universal'),
    ...fuses,
  };
}

/** The fuse states a binary must show after flipping ('0'/'1' as @electron/fuses reads them). */
export function expectedWire(profile: FuseProfile): Record<number, boolean> {
  const { version: _version, resetAdHocDarwinSignature: _reset, ...fuses } = fuseConfig(profile, { platform: 'linux', arch: 'x64' });
  return Object.fromEntries(Object.entries(fuses).map(([index, on]) => [Number(index), on as boolean]));
}

/** Where electron-builder puts the Electron executable in the packed app folder. */
export function electronBinaryPath(opts: { appOutDir: string; platform: NodeJS.Platform | 'mas'; productFilename: string; linuxExecutableName?: string }): string {
  const join = (name: string) => `${opts.appOutDir.replace(/[\\/]+$/, '')}/${name}`;
  switch (opts.platform) {
    case 'darwin':
    case 'mas':
      return join(`${opts.productFilename}.app`);
    case 'win32':
      return join(`${opts.productFilename}.exe`);
    default:
      return join(opts.linuxExecutableName ?? opts.productFilename);
  }
}
