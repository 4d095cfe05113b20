// Stages the app folder that becomes app.asar, choosing files with electron-builder's own code
// (its file matchers, app walker, production node_modules collector and node_modules copier)
// and electron-builder.yml's patterns, without Electron. The package test packs the result with
// @electron/asar and lists it; a real `npm run dist` makes the same choices.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getCollectorByPackageManager, PM } from 'app-builder-lib/out/node-module-collector/index.js';
import { TmpDir, walk } from 'builder-util';
import type { Configuration } from 'electron-builder';

// electron-builder marks these @internal (they are missing from its type declarations), so they
// are loaded as plain modules with just the shape used here. Pinned by package-lock.json; the
// package test fails loudly if a new electron-builder changes them.
type Filter = (file: string, stat: fs.Stats) => boolean;
interface FileMatcher {
  readonly from: string;
  readonly patterns: string[];
  createFilter(): Filter;
}
interface Walker {
  readonly filter: Filter;
  readonly metadata: Map<string, fs.Stats>;
}
const load = createRequire(import.meta.url);
const { FileMatcher, getMainFileMatchers, getNodeModuleFileMatcher, excludedExts } = load('app-builder-lib/out/fileMatcher.js') as {
  FileMatcher: new (from: string, to: string, expand: (p: string) => string, patterns?: string[]) => FileMatcher;
  getMainFileMatchers(appDir: string, destination: string, expand: (p: string) => string, options: object, packager: object, outDir: string, electronCompile: boolean): FileMatcher[];
  getNodeModuleFileMatcher(appDir: string, destination: string, expand: (p: string) => string, options: object, packager: object): FileMatcher;
  excludedExts: string;
};
const { AppFileWalker } = load('app-builder-lib/out/util/AppFileWalker.js') as {
  AppFileWalker: new (matcher: FileMatcher, packager: object) => Walker & { consume(...args: unknown[]): unknown };
};
const { NodeModuleCopyHelper } = load('app-builder-lib/out/util/NodeModuleCopyHelper.js') as {
  NodeModuleCopyHelper: new (matcher: FileMatcher, packager: object) => Walker & {
    collectNodeModules(dep: object, excludedExts: string[], destination: string): Promise<string[]>;
  };
};

const same = (pattern: string) => pattern;

interface PackagerLike {
  appInfo: { type: string };
  config: Configuration;
  projectDir: string;
  buildResourcesDir: string;
  isPrepackedAppAsar: false;
  areNodeModulesHandledExternally: false;
  debugLogger: { isEnabled: false; add(): void };
  getWorkspaceRoot(): Promise<string>;
}

function packagerLike(appDir: string, config: Configuration): PackagerLike {
  return {
    appInfo: { type: 'module' },
    config,
    projectDir: appDir,
    buildResourcesDir: path.join(appDir, config.directories?.buildResources ?? 'build'),
    isPrepackedAppAsar: false,
    areNodeModulesHandledExternally: false,
    debugLogger: { isEnabled: false, add: () => undefined },
    getWorkspaceRoot: async () => appDir,
  };
}

/** package.json as electron-builder writes it into the app: no scripts, keywords or dev dependencies. */
export function packagedPackageJson(pkg: Record<string, unknown>): Record<string, unknown> {
  const drop = new Set(['scripts', 'keywords', 'devDependencies', 'build', 'directories', 'gitHead']);
  return Object.fromEntries(Object.entries(pkg).filter(([key]) => !drop.has(key) && !key.startsWith('_')));
}

/** The app's own files (relative to `appDir`) that the `files` patterns select. */
export async function selectAppFiles(appDir: string, config: Configuration, outDir: string): Promise<string[]> {
  const info = packagerLike(appDir, config);
  const [matcher] = getMainFileMatchers(appDir, appDir, same, {}, { info, config }, outDir, false);
  const walker = new AppFileWalker(matcher, info);
  const files = await walk(matcher.from, walker.filter, walker as never);
  return files.filter((file) => !walker.metadata.get(file)?.isDirectory()).map((file) => path.relative(appDir, file));
}

interface ModuleInfo {
  name: string;
  dir: string;
  dependencies?: ModuleInfo[];
}

/**
 * The production node_modules electron-builder would pack for the project at `projectDir`, as
 * (source file, path in the app) pairs.
 */
export async function selectNodeModuleFiles(projectDir: string, config: Configuration): Promise<{ from: string; to: string }[]> {
  const info = packagerLike(projectDir, config);
  const tmp = new TmpDir('koe-package');
  try {
    const collector = getCollectorByPackageManager(PM.NPM, projectDir, tmp);
    const pkg = JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { name: string };
    const { nodeModules } = (await collector.getNodeModules({ packageName: pkg.name })) as { nodeModules: ModuleInfo[] };
    const moduleMatcher = getNodeModuleFileMatcher(projectDir, projectDir, same, {}, info);
    // What electron-builder leaves out of every module on a non-Windows build.
    const excluded = ['.o', '.obj', ...excludedExts.split(',').map((ext) => `.${ext}`), '.pdb', '.dll', '.exe'];
    const result: { from: string; to: string }[] = [];
    const collect = async (dep: ModuleInfo, destination: string) => {
      const matcher = new FileMatcher(dep.dir, destination, same, moduleMatcher.patterns);
      const copier = new NodeModuleCopyHelper(matcher, info);
      const files = await copier.collectNodeModules(dep, excluded, destination);
      for (const file of files) {
        if (copier.metadata.get(file)?.isDirectory()) continue;
        result.push({ from: file, to: path.join(destination, path.relative(dep.dir, file)) });
      }
      for (const child of dep.dependencies ?? []) await collect(child, path.join(destination, 'node_modules', child.name));
    };
    for (const dep of nodeModules) await collect(dep, path.join('node_modules', dep.name));
    return result;
  } finally {
    await tmp.cleanup();
  }
}

/** Hard links where the file system allows (fast, no copy), a copy otherwise. */
export function placeFile(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}
