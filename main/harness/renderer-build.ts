// Where the built renderer lives, and building it once when it is missing so `npm run start:web`
// works on a fresh checkout. Vite's own logging goes to stderr: stdout carries only the URL.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RENDERER_DIST = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
export const RENDERER_CONFIG = fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url));

export async function ensureRendererBuilt(log: (line: string) => void): Promise<string> {
  if (existsSync(`${RENDERER_DIST}index.html`)) return RENDERER_DIST;
  log(`building the renderer into ${RENDERER_DIST} (one time)…`);
  await buildRenderer();
  return RENDERER_DIST;
}

export async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  // 'warn' keeps Vite's progress lines (console.log, i.e. stdout) quiet; warnings go to stderr.
  await build({ configFile: RENDERER_CONFIG, logLevel: 'warn' });
}
