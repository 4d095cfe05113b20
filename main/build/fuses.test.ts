import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { Arch, type AfterPackContext } from 'electron-builder';
import { afterEach, describe, expect, it } from 'vitest';
import afterPack from './after-pack.js';
import { electronBinaryPath, expectedWire, FUSE_PROFILES, fuseConfig, fuseProfile } from './fuses.js';
import { NATIVE_MODULE_FILE } from './layout.js';

const PLATFORMS = [
  { platform: 'win32', arch: 'x64' },
  { platform: 'darwin', arch: 'arm64' },
  { platform: 'darwin', arch: 'x64' },
  { platform: 'darwin', arch: 'universal' },
  { platform: 'linux', arch: 'x64' },
] as const;

describe('fuse profiles', () => {
  it('release: no Node mode, no NODE_OPTIONS, no inspector; the asar only, integrity-checked; cookies encrypted', () => {
    const config = fuseConfig('release', { platform: 'linux', arch: 'x64' });
    expect(config.version).toBe(FuseVersion.V1);
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
  });

  it.each(PLATFORMS)('the release profile never turns the inspector on ($platform $arch)', (target) => {
    const config = fuseConfig('release', target);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
  });

  it('the e2e profile differs from release only in allowing the inspector (for Playwright)', () => {
    const release = fuseConfig('release', { platform: 'linux', arch: 'x64' });
    const e2e = fuseConfig('e2e', { platform: 'linux', arch: 'x64' });
    expect(e2e[FuseV1Options.EnableNodeCliInspectArguments]).toBe(true);
    expect({ ...e2e, [FuseV1Options.EnableNodeCliInspectArguments]: false }).toEqual(release);
  });

  it('is chosen by KOE_FUSES_PROFILE, release by default; an unknown name stops the build', () => {
    expect(fuseProfile({})).toBe('release');
    expect(fuseProfile({ KOE_FUSES_PROFILE: '' })).toBe('release');
    expect(fuseProfile({ KOE_FUSES_PROFILE: 'e2e' })).toBe('e2e');
    expect(() => fuseProfile({ KOE_FUSES_PROFILE: 'debug' })).toThrow(/not a fuse profile/);
    expect(FUSE_PROFILES).toEqual(['release', 'e2e']);
  });

  it('resets the ad-hoc signature only where Apple silicon needs it', () => {
    const reset = PLATFORMS.filter((t) => fuseConfig('release', t).resetAdHocDarwinSignature).map((t) => `${t.platform}-${t.arch}`);
    expect(reset).toEqual(['darwin-arm64', 'darwin-universal']);
  });

  it('finds the Electron binary where electron-builder packs it', () => {
    expect(electronBinaryPath({ appOutDir: 'out/dist/win-unpacked', platform: 'win32', productFilename: 'Koe' })).toBe('out/dist/win-unpacked/Koe.exe');
    expect(electronBinaryPath({ appOutDir: 'out/dist/mac-arm64/', platform: 'darwin', productFilename: 'Koe' })).toBe('out/dist/mac-arm64/Koe.app');
    expect(electronBinaryPath({ appOutDir: 'out/dist/linux-unpacked', platform: 'linux', productFilename: 'Koe', linuxExecutableName: 'koe' })).toBe('out/dist/linux-unpacked/koe');
  });
});

describe('the afterPack hook', () => {
  // An Electron-like binary: filler, the fuse sentinel, wire version 1, a wire of 9 fuses.
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  const ENABLE = 49;
  const DISABLE = 48;
  let dir: string;
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  function packedApp(opts: { unpacked: boolean }): string {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-afterpack-'));
    // Electron's defaults: RunAsNode, cookie encryption off, NODE_OPTIONS and inspector on, ...
    const wire = [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE, ENABLE];
    fs.writeFileSync(path.join(dir, 'koe'), Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, wire.length, ...wire]), Buffer.alloc(4096, 9)]));
    if (opts.unpacked) {
      const native = path.join(dir, 'resources', 'app.asar.unpacked', ...NATIVE_MODULE_FILE.split('/'));
      fs.mkdirSync(path.dirname(native), { recursive: true });
      fs.writeFileSync(native, 'native module');
    }
    return dir;
  }

  const context = (appOutDir: string) =>
    ({ appOutDir, electronPlatformName: 'linux', arch: Arch.x64, packager: { appInfo: { productFilename: 'Koe' }, executableName: 'koe' } }) as unknown as AfterPackContext;

  it.each(FUSE_PROFILES)('flips the %s profile into the binary and leaves other fuses alone', async (profile) => {
    const out = packedApp({ unpacked: true });
    const previous = process.env.KOE_FUSES_PROFILE;
    process.env.KOE_FUSES_PROFILE = profile;
    try {
      await afterPack(context(out));
    } finally {
      if (previous === undefined) delete process.env.KOE_FUSES_PROFILE;
      else process.env.KOE_FUSES_PROFILE = previous;
    }
    const wire = (await getCurrentFuseWire(path.join(out, 'koe'))) as unknown as Record<number, number>;
    for (const [index, on] of Object.entries(expectedWire(profile))) expect(wire[Number(index)]).toBe(on ? ENABLE : DISABLE);
    // Fuses Koe does not set keep Electron's value.
    expect([wire[6], wire[7], wire[8]]).toEqual([DISABLE, ENABLE, ENABLE]);
  });

  it('stops the build when the database module was not unpacked from the asar', async () => {
    const out = packedApp({ unpacked: false });
    await expect(afterPack(context(out))).rejects.toThrow(/not unpacked/);
  });
});
