// electron-builder.yml, loaded and validated the way electron-builder itself does (its own JSON
// schema), and the promises it carries: installers, signing from the environment only, the
// native module, the fuse hook, the update feed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { MACOS_POLICY_DOMAIN } from '../policy/macos-policy.js';
import { NATIVE_MODULE_FILE } from './layout.js';
import { signingPlan, unsignedArtifactNames, SIGNING_ENV } from './signing.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const YAML = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');

/** The config electron-builder would use: the YAML with the build script's overrides merged in. */
async function load(overrides: Configuration | null = null): Promise<Configuration> {
  return getConfig(ROOT, null, overrides ? structuredClone(overrides) : null);
}
const validate = (config: Configuration) => validateConfiguration(config, new DebugLogger(false));

const targets = (section: Configuration['win'] | Configuration['mac'] | Configuration['linux']) =>
  ((section?.target ?? []) as { target: string }[]).map((t) => (typeof t === 'string' ? t : t.target));

const AZURE = {
  KOE_AZURE_ENDPOINT: 'https://eus.codesigning.azure.net',
  KOE_AZURE_ACCOUNT: 'koe-signing',
  KOE_AZURE_CERT_PROFILE: 'koe-public',
  KOE_WIN_PUBLISHER_NAME: 'Koe Public Affairs Office',
  AZURE_TENANT_ID: 'tenant',
  AZURE_CLIENT_ID: 'client',
  AZURE_CLIENT_SECRET: 'secret',
};
const MAC = { CSC_LINK: '/secure/developer-id.p12', CSC_KEY_PASSWORD: 'pw', APPLE_API_KEY: '/secure/AuthKey.p8', APPLE_API_KEY_ID: 'KEYID', APPLE_API_ISSUER: 'issuer' };

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    await expect(validate(await load())).resolves.toBeUndefined();
  });

  it('would be caught by that schema if an option were misspelt', async () => {
    const config = await load();
    await expect(validate({ ...config, nsis: { ...config.nsis, oneClik: false } as Configuration['nsis'] })).rejects.toThrow(/configuration\.nsis/);
  });

  it('is the only packaging config: package.json has no "build" section and never rebuilds on install', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { build?: unknown; scripts: Record<string, string> };
    expect(pkg.build).toBeUndefined();
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook] ?? '').not.toMatch(/rebuild|electron-builder/);
    expect(pkg.scripts.dist).toBe('tsx main/build/dist.ts');
    expect(pkg.scripts['dist:unsigned']).toContain('--unsigned');
  });

  it('identifies the app as the macOS managed-preferences domain', async () => {
    const config = await load();
    expect(config.appId).toBe(MACOS_POLICY_DOMAIN);
    expect(config.productName).toBe('Koe');
  });

  it('builds an assisted per-machine NSIS installer and an MSI with a fixed upgrade code', async () => {
    const config = await load();
    expect(targets(config.win)).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, allowElevation: true, deleteAppDataOnUninstall: false });
    expect(config.msi).toMatchObject({ perMachine: true, upgradeCode: 'BC4EFDEB-A030-4EB5-B772-DE1974BE34A8' });
    expect(config.msi?.upgradeCode).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    // The silent-install flags IT uses are documented where the targets are.
    expect(YAML).toContain('/S /allusers');
    expect(YAML).toContain('msiexec /i Koe-<version>-x64.msi /qn ALLUSERS=1');
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
  });

  it('signs macOS builds with the hardened runtime and the minimal entitlements, and notarizes them', async () => {
    const config = await load();
    expect(targets(config.mac)).toEqual(['dmg', 'zip']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true, entitlements: 'resources/entitlements.mac.plist', entitlementsInherit: 'resources/entitlements.mac.plist' });
    const plist = fs.readFileSync(path.join(ROOT, 'resources/entitlements.mac.plist'), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    // V8's JIT needs allow-jit under the hardened runtime; nothing else is granted.
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    expect(plist.replace(/<!--[\s\S]*?-->/g, '')).not.toMatch(/allow-unsigned-executable-memory|disable-library-validation|device\.|personal-information/);
  });

  it('builds deb, rpm and AppImage for Linux', async () => {
    const config = await load();
    expect(targets(config.linux)).toEqual(['deb', 'rpm', 'AppImage']);
  });

  it('rebuilds the SQLite module for Electron when packaging and keeps it out of the asar', async () => {
    const config = await load();
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
    expect(config.asar).toBe(true);
    expect((config.asarUnpack as string[]).some((pattern) => minimatch(NATIVE_MODULE_FILE, pattern))).toBe(true);
  });

  it('flips the fuses in an afterPack hook that `npm run dist` (tsx) can load', async () => {
    const config = await load();
    expect(config.afterPack).toBe('./main/build/after-pack.ts');
    expect(config.electronFuses).toBeUndefined();
    const script = [
      "const { resolveFunction } = require('app-builder-lib/out/util/resolve.js');",
      "resolveFunction(undefined, './main/build/after-pack.ts', 'afterPack', process.cwd()).then((f) => console.log(typeof f));",
    ].join('\n');
    const out = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['--eval', script], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim().split('\n').pop()).toBe('function');
  });

  it('keeps sources, tests, maps and renderer-only packages out of the app', async () => {
    // electron-builder normalises the list into one file set.
    const files = ((await load()).files as { filter: string[] }[])[0].filter;
    expect(files).toEqual(expect.arrayContaining(['dist/main/**/*', 'dist/preload/**/*', 'dist/renderer/**/*', 'dist/build-info.json', 'package.json', '!**/*.map']));
    expect(files.some((f) => f.startsWith('!') && f.includes('test'))).toBe(true);
  });

  it('publishes a generic feed; the URL actually used is the https one IT sets by policy', async () => {
    const publish = (await load()).publish as { provider: string; url: string }[];
    expect(publish).toHaveLength(1);
    expect(publish[0].provider).toBe('generic');
    expect(publish[0].url).toMatch(/^https:\/\//);
  });

  it('holds no secret: credentials come from the environment only', () => {
    const text = YAML.replace(/#.*$/gm, '');
    expect(text).not.toMatch(/cscLink|cscKeyPassword|certificatePassword|certificateFile|password|secret|apiKey|appleId/i);
    for (const name of SIGNING_ENV) expect(text).not.toContain(name);
  });
});

describe('signing', () => {
  it('refuses to build for Windows or macOS without signing set up, naming what is missing', () => {
    const win = signingPlan({}, 'win32', 'release');
    expect(win.ok).toBe(false);
    expect(!win.ok && win.problems.join('\n')).toMatch(/KOE_AZURE_ENDPOINT[\s\S]*WIN_CSC_LINK[\s\S]*npm run dist:unsigned/);
    const mac = signingPlan({ CSC_LINK: '/secure/id.p12' }, 'darwin', 'release');
    expect(!mac.ok && mac.problems.join('\n')).toMatch(/notarization is not configured/);
    const partial = signingPlan({ KOE_AZURE_ENDPOINT: AZURE.KOE_AZURE_ENDPOINT }, 'win32', 'release');
    expect(!partial.ok && partial.problems.join('\n')).toMatch(/KOE_AZURE_ACCOUNT is not set[\s\S]*AZURE_TENANT_ID is not set/);
  });

  it('signs with Azure Trusted Signing from the environment, with the publisher name updates are checked against', async () => {
    const plan = signingPlan(AZURE, 'win32', 'release');
    expect(plan).toMatchObject({ ok: true, state: 'signed' });
    if (!plan.ok) return;
    const config = await load(plan.config);
    await expect(validate(config)).resolves.toBeUndefined();
    expect(config.forceCodeSigning).toBe(true);
    expect(config.win?.azureSignOptions).toEqual({
      endpoint: AZURE.KOE_AZURE_ENDPOINT,
      codeSigningAccountName: AZURE.KOE_AZURE_ACCOUNT,
      certificateProfileName: AZURE.KOE_AZURE_CERT_PROFILE,
      publisherName: AZURE.KOE_WIN_PUBLISHER_NAME,
    });
    // The YAML's other Windows settings survive the merge.
    expect(targets(config.win)).toEqual(['nsis', 'msi']);
    expect(JSON.stringify(config)).not.toContain(AZURE.AZURE_CLIENT_SECRET);
  });

  it('signs with a certificate file from the environment', async () => {
    const plan = signingPlan({ WIN_CSC_LINK: 'C:\\secure\\koe.pfx', WIN_CSC_KEY_PASSWORD: 'pw' }, 'win32', 'release');
    expect(plan).toMatchObject({ ok: true, state: 'signed', config: { forceCodeSigning: true } });
    if (plan.ok) expect(JSON.stringify(plan.config)).not.toContain('koe.pfx');
  });

  it('signs and notarizes macOS builds from the environment', async () => {
    const plan = signingPlan(MAC, 'darwin', 'release');
    expect(plan).toMatchObject({ ok: true, state: 'signed', config: { forceCodeSigning: true, mac: { notarize: true } } });
    if (plan.ok) await expect(validate(await load(plan.config))).resolves.toBeUndefined();
  });

  it('builds unsigned only when asked, drops every credential, and says UNSIGNED in every file name', async () => {
    const plan = signingPlan({ KOE_UNSIGNED: '1', ...MAC }, 'darwin', 'release');
    expect(plan).toMatchObject({ ok: true, state: 'unsigned', config: { forceCodeSigning: false, mac: { identity: null, notarize: false } } });
    if (!plan.ok) return;
    expect(plan.clearEnv).toEqual(expect.arrayContaining(['CSC_LINK', 'CSC_KEY_PASSWORD', 'WIN_CSC_LINK', 'APPLE_API_KEY', 'APPLE_ID']));
    const config = await load({ ...plan.config, ...unsignedArtifactNames(await load()) });
    await expect(validate(config)).resolves.toBeUndefined();
    const names = [config.artifactName, config.nsis?.artifactName, config.msi?.artifactName, config.dmg?.artifactName, config.deb?.artifactName, config.rpm?.artifactName, config.appImage?.artifactName];
    for (const name of names) expect(name).toMatch(/-UNSIGNED\.\$\{ext\}$/);
    // The YAML's own names are kept, only marked.
    expect(config.nsis?.artifactName).toBe('${productName}-Setup-${version}-${arch}-UNSIGNED.${ext}');
  });

  it('treats Linux packages as proved by their checksums', () => {
    expect(signingPlan({}, 'linux', 'release')).toMatchObject({ ok: true, state: 'checksum-only' });
  });

  it('never signs the end-to-end fuse profile', () => {
    expect(signingPlan({ ...AZURE }, 'win32', 'e2e')).toMatchObject({ ok: false });
    expect(signingPlan({ ...AZURE, KOE_UNSIGNED: '1' }, 'win32', 'e2e')).toMatchObject({ ok: true, state: 'unsigned' });
  });
});
