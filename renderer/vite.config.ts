// Builds the renderer into dist/renderer, served by the Electron app's `app://koe` protocol and
// by the browser harness alike. Everything is emitted as files: the CSP allows no inline script
// or style and no data: fonts, so nothing may be inlined.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Vite's config loader gives the config file its own path here, so the build works from any cwd.
const here = import.meta.dirname;

/**
 * The dev server's hot reload injects an inline script that the meta CSP would block; in
 * development the Electron window's CSP header applies instead, so the meta tag is dropped there.
 */
function dropMetaCspInDev(): Plugin {
  return {
    name: 'koe-drop-meta-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), dropMetaCspInDev()],
  build: {
    outDir: `${here}/../dist/renderer`,
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
    // Chromium preloads modules natively; the polyfill would only add code.
    modulePreload: { polyfill: false },
    target: 'chrome130',
    reportCompressedSize: false,
  },
});
