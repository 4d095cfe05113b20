// The production app.asar, built here without Electron: the app compiled as `npm run dist`
// compiles it, files chosen by electron-builder's own code from electron-builder.yml, packed
// with @electron/asar, then listed. It must hold what Koe needs to run, its SQLite module
// unpacked, and nothing else: no sources, tests, fixtures, source maps or dev dependencies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import asar from '@electron/asar';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInfoJson } from '../about/build-info.js';
import { packagedPackageJson, placeFile, selectAppFiles, selectNodeModuleFiles } from './app-package.js';
import { compileRelease } from './compile.js';
import { BUILD_INFO_FILE, NATIVE_MODULE, NATIVE_MODULE_FILE } from './layout.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let work: string;
let stage: string;
let archive: string;
let entries: string[];
let appFiles: string[];

beforeAll(async () => {
  // Outside the repository, so nothing packed can be found in its node_modules by accident
  // (placeFile hard-links where it can, so this costs no copying on one file system).
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-package-test-'));
  const appDir = path.join(work, 'app');
  await compileRelease(ROOT, path.join(appDir, 'dist'));
  fs.writeFileSync(
    path.join(appDir, BUILD_INFO_FILE),
    buildInfoJson({ format: 'koe-build-info', version: 1, appVersion: String(pkg.version), signing: 'unsigned', platform: 'linux', fuses: 'release', builtAt: new Date(0).toISOString(), commit: null }),
  );
  fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify(pkg));

  const config = (await getConfig(ROOT, null, null)) as Configuration;
  stage = path.join(work, 'stage');
  appFiles = await selectAppFiles(appDir, config, path.join(appDir, 'out'));
  for (const file of appFiles) {
    if (file === 'package.json') {
      fs.mkdirSync(stage, { recursive: true });
      fs.writeFileSync(path.join(stage, file), JSON.stringify(packagedPackageJson(pkg), null, 2));
    } else placeFile(path.join(appDir, file), path.join(stage, file));
  }
  for (const { from, to } of await selectNodeModuleFiles(ROOT, config)) placeFile(from, path.join(stage, to));

  archive = path.join(work, 'app.asar');
  const unpack = (config.asarUnpack as string[]).map((p) => `**/${p}`);
  await asar.createPackageWithOptions(stage, archive, { unpack: unpack.length === 1 ? unpack[0] : `{${unpack.join(',')}}` });
  entries = asar.listPackage(archive, { isPack: false }).map((e) => e.split(path.sep).join('/'));
}, 120_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const files = () => entries.filter((e) => asar.statFile(archive, e.slice(1), false) && !('files' in asar.statFile(archive, e.slice(1), false)));
const topLevelPackages = () =>
  new Set(
    entries
      .map((e) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(e)?.[1])
      .filter((name): name is string => !!name),
  );

describe('the packaged app.asar', () => {
  it('takes from the repository only the compiled app and package.json', () => {
    expect(appFiles.every((f) => f === 'package.json' || f.startsWith(`dist${path.sep}`))).toBe(true);
  });

  it('holds the compiled main process, preload, renderer and build info', () => {
    expect(entries).toEqual(
      expect.arrayContaining(['/package.json', `/${pkg.main}`, '/dist/preload/preload.cjs', '/dist/renderer/index.html', `/${BUILD_INFO_FILE}`]),
    );
    expect(entries.some((e) => /^\/dist\/renderer\/assets\/index-[\w-]+\.js$/.test(e))).toBe(true);
  });

  it('carries a package.json without scripts or development dependencies', () => {
    const packaged = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(packaged.main).toBe(pkg.main);
    expect(packaged.devDependencies).toBeUndefined();
    expect(packaged.scripts).toBeUndefined();
  });

  it('keeps the SQLite module’s compiled part outside the archive, and its sources out altogether', () => {
    const native = NATIVE_MODULE_FILE;
    expect(entries).toContain(`/${native}`);
    expect((asar.statFile(archive, native, false) as { unpacked?: boolean }).unpacked).toBe(true);
    expect(fs.existsSync(path.join(`${archive}.unpacked`, ...native.split('/')))).toBe(true);
    expect(entries).toContain(`/node_modules/${NATIVE_MODULE}/lib/index.js`);
    expect(entries.filter((e) => e.startsWith(`/node_modules/${NATIVE_MODULE}/`) && /\/(deps|src|obj|obj\.target)\/|\.(a|c|cc|cpp|h|mk|gyp)$/.test(e))).toEqual([]);
  });

  it('has every package the main process imports', () => {
    const packages = topLevelPackages();
    const builtins = new Set(['electron']);
    const imported = new Set<string>();
    for (const entry of files().filter((e) => e.startsWith('/dist/main/') && e.endsWith('.js'))) {
      const code = asar.extractFile(archive, entry.slice(1)).toString('utf8');
      // Static imports (one per line in Vite's output), dynamic imports and requires of packages.
      for (const m of code.matchAll(/(?:^import\s[^;\n]*?\bfrom\s*|^import\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([@\w][\w@/.-]*)["']/gm)) {
        const spec = m[1];
        if (spec.startsWith('node:') || builtins.has(spec)) continue;
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    expect([...imported].filter((name) => !packages.has(name))).toEqual([]);
    expect(imported).toContain(NATIVE_MODULE);
    expect(imported).toContain('electron-updater');

    // And each of them loads from what was packed (Node here; the SQLite module is Node's build
    // until packaging rebuilds it for Electron), so no exclusion broke one.
    const script = [
      ...[...imported].map((name, i) => `const m${i} = await import(${JSON.stringify(name)});`),
      `const Database = (await import(${JSON.stringify(NATIVE_MODULE)})).default;`,
      `new Database(':memory:').prepare('SELECT 1').get();`,
      `console.log(JSON.stringify(${JSON.stringify([...imported])}.map((name) => import.meta.resolve(name))));`,
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '--eval', script], { cwd: stage, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
    const resolved = JSON.parse(out.trim().split('\n').pop()!) as string[];
    for (const url of resolved) expect(fileURLToPath(url).startsWith(path.join(stage, 'node_modules') + path.sep), url).toBe(true);
  });

  it('leaves out the demo simulator (fake people, test mail server)', () => {
    const main = files().filter((e) => e.startsWith('/dist/main/') && e.endsWith('.js'));
    const code = main.map((e) => asar.extractFile(archive, e.slice(1)).toString('utf8')).join('\n');
    expect(code).toContain('An installed Koe has no demo simulator');
    expect(code).not.toMatch(/smtp-server|phrasebook|seedSubmissions/);
  });

  it('contains no sources, tests, fixtures or source maps', () => {
    const offending = entries.filter(
      (e) =>
        /\.map$/.test(e) ||
        /\.(ts|tsx|mts|cts)$/.test(e) ||
        /\.(test|spec)\.[cm]?js$/.test(e) ||
        /\/(test|tests|__tests__|__mocks__|fixtures|__fixtures__)(\/|$)/.test(e) ||
        /^\/(main|renderer|shared|e2e|bench|docs|resources|src|\.git)(\/|$)/.test(e) ||
        /^\/(electron-builder\.yml|tsconfig\.json|vitest\.config\.ts|eslint\.config\.js|package-lock\.json)$/.test(e),
    );
    expect(offending).toEqual([]);
  });

  it('contains no development dependency, and none of the packages only the renderer uses', () => {
    const packages = topLevelPackages();
    const dev = Object.keys(pkg.devDependencies).filter((name) => !(name in pkg.dependencies));
    expect(dev.filter((name) => packages.has(name))).toEqual([]);
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages)
      .filter(([key, entry]) => key.startsWith('node_modules/') && entry.dev === true)
      .map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(devOnly.filter((name) => packages.has(name) && !Object.entries(lock.packages).some(([k, e]) => k.endsWith(`node_modules/${name}`) && !e.dev))).toEqual([]);
    for (const name of ['react', 'react-dom', 'recharts', '@expo-google-fonts/noto-sans-jp', '@tanstack/react-query', 'vite', 'vitest', 'electron', 'electron-builder', 'typescript']) {
      expect(packages.has(name), name).toBe(false);
    }
  });
});
