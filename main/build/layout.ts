// Where things are in Koe's package, named once for the build script, the afterPack hook, the
// package tests and the app that reads them.

/** The SQLite module's compiled part: rebuilt for Electron when packaging, kept outside the asar. */
export const NATIVE_MODULE = 'better-sqlite3-multiple-ciphers';
export const NATIVE_MODULE_FILE = `node_modules/${NATIVE_MODULE}/build/Release/better_sqlite3.node`;

/** Written by the build script next to the compiled app, read by main for the About box. */
export const BUILD_INFO_FILE = 'dist/build-info.json';

/** Where electron-builder writes installers (under the ignored out/). */
export const DIST_OUTPUT_DIR = 'out/dist';

/** The name of the checksum file published beside the Linux packages. */
export const CHECKSUM_FILE = 'SHA256SUMS';
