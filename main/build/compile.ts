// Compiles what Electron loads: the renderer (Vite, renderer/vite.config.ts), the main process
// as ES modules with its packages left external (they are packed as node_modules), and the
// sandboxed preload as one CommonJS file. `npm start` and the packaging build use the same
// settings, so what staff run is what developers run. No source maps are emitted.
//
// A release build (the installers) leaves out the office API simulator that `npm start` runs
// for demo data: an installed Koe never starts it, and its fake people and test mail server
// have no place in what is installed on a staff workstation.
import path from 'node:path';
import type { Plugin } from 'vite';
import { RENDERER_CONFIG } from '../harness/renderer-build.js';

const NO_SIMULATOR = '\0koe-no-demo-simulator';

/** Replaces main's `import('../simulator/server.js')` with a module that refuses to start. */
function withoutDemoSimulator(): Plugin {
  return {
    name: 'koe-without-demo-simulator',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer && /[\\/]main[\\/]app[\\/]/.test(importer) && /(^|\/)simulator\/server(\.[jt]s)?$/.test(source)) return NO_SIMULATOR;
      return null;
    },
    load(id) {
      if (id !== NO_SIMULATOR) return null;
      return 'export async function startSimulator() { throw new Error("An installed Koe has no demo simulator; IT sets the office API with the managed policy setting officeApiUrl."); }\n';
    },
  };
}

export async function compileRenderer(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: RENDERER_CONFIG, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
}

/** Writes `<outRoot>/main/app/main.js` (+ chunks) and `<outRoot>/preload/preload.cjs`. */
export async function compileMainProcess(root: string, outRoot: string, opts: { release?: boolean } = {}): Promise<void> {
  const { build } = await import('vite');
  const common = { configFile: false as const, root, logLevel: 'warn' as const };
  await build({
    ...common,
    plugins: opts.release ? [withoutDemoSimulator()] : [],
    build: {
      ssr: path.join(root, 'main/app/main.ts'),
      outDir: path.join(outRoot, 'main/app'),
      emptyOutDir: true,
      target: 'node22',
      sourcemap: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'main.js' } },
    },
  });
  await build({
    ...common,
    // The sandbox gives a preload `require('electron')` and nothing else: all else is bundled in.
    ssr: { noExternal: true, external: ['electron'] },
    build: {
      ssr: path.join(root, 'main/app/preload.ts'),
      outDir: path.join(outRoot, 'preload'),
      emptyOutDir: true,
      target: 'chrome130',
      sourcemap: false,
      rollupOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: 'preload.cjs' } },
    },
  });
}

/** The whole app as it is packaged, under `<outRoot>`: renderer/, main/, preload/. */
export async function compileRelease(root: string, outRoot: string): Promise<void> {
  await compileRenderer(path.join(outRoot, 'renderer'));
  await compileMainProcess(root, outRoot, { release: true });
}
