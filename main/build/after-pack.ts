// electron-builder's afterPack hook (named in electron-builder.yml): runs on the packed app
// folder, before signing and before the installers are made. It flips Koe's fuses into the
// Electron binary, reads them back, and checks the native database module was unpacked from the
// asar; any surprise stops the build rather than shipping a weaker app.
import fs from 'node:fs';
import path from 'node:path';
import { flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { Arch, type AfterPackContext } from 'electron-builder';
import { electronBinaryPath, expectedWire, fuseConfig, fuseProfile } from './fuses.js';
import { NATIVE_MODULE_FILE } from './layout.js';

/** @electron/fuses' wire states: '1' (49) on, '0' (48) off. */
const ENABLE = 49;
const DISABLE = 48;

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const platform = context.electronPlatformName as NodeJS.Platform | 'mas';
  const profile = fuseProfile(process.env);
  const packager = context.packager as AfterPackContext['packager'] & { executableName?: string };
  const binary = electronBinaryPath({
    appOutDir: context.appOutDir,
    platform,
    productFilename: packager.appInfo.productFilename,
    linuxExecutableName: packager.executableName,
  });

  await flipFuses(binary, fuseConfig(profile, { platform, arch: Arch[context.arch] }));
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
  for (const [index, on] of Object.entries(expectedWire(profile))) {
    if (wire[Number(index)] !== (on ? ENABLE : DISABLE)) {
      throw new Error(`Fuse ${index} of ${binary} is not ${on ? 'on' : 'off'} after flipping; the build stops.`);
    }
  }
  process.stdout.write(`  • fuses set (profile ${profile}) on ${path.basename(binary)}\n`);

  // The SQLite module must be a real file on disk: Node cannot load a .node from inside an asar.
  const resources = platform === 'darwin' || platform === 'mas' ? path.join(binary, 'Contents', 'Resources') : path.join(context.appOutDir, 'resources');
  const unpacked = path.join(resources, 'app.asar.unpacked', ...NATIVE_MODULE_FILE.split('/'));
  if (!fs.existsSync(unpacked)) {
    throw new Error(`The database module was not unpacked from the asar (${unpacked} is missing); check asarUnpack in electron-builder.yml.`);
  }
}
