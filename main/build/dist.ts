// `npm run dist` / `npm run dist:unsigned`: Koe's installers for this machine's platform, on a
// build machine that has Electron's toolchain (see docs/IT.md, "Building and signing").
//
//  1. decides signing from the environment (signing.ts); stops when signing is not set up,
//     unless the build is explicitly unsigned (KOE_UNSIGNED=1);
//  2. compiles the renderer, main and preload (compile.ts) and writes dist/build-info.json;
//  3. runs electron-builder with electron-builder.yml: the SQLite module is rebuilt from source
//     for the pinned Electron, the fuses are flipped (after-pack.ts), the app is signed and
//     notarized;
//  4. writes SHA256SUMS beside the installers;
//  5. rebuilds the SQLite module for Node again, so the tests run on this checkout afterwards.
//
// Options: --unsigned (= KOE_UNSIGNED=1), --dir (an unpacked app only, no installers),
// --skip-node-rebuild.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildInfoJson, type BuildInfo } from '../about/build-info.js';
import { writeChecksums } from './checksums.js';
import { compileRelease } from './compile.js';
import { fuseProfile } from './fuses.js';
import { BUILD_INFO_FILE, DIST_OUTPUT_DIR, NATIVE_MODULE } from './layout.js';
import { signingPlan, unsignedArtifactNames, type TargetPlatform } from './signing.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

function commitOf(root: string): string | null {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^[0-9a-f]{40}$/.test(sha) ? sha : null;
  } catch {
    return null;
  }
}

/** SOURCE_DATE_EPOCH (reproducible builds) when set, else now. */
function builtAt(env: NodeJS.ProcessEnv): string {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return new Date(Number.isFinite(epoch) && epoch > 0 ? epoch * 1000 : Date.now()).toISOString();
}

async function main(): Promise<number> {
  const args = new Set(process.argv.slice(2));
  if (args.has('--unsigned')) process.env.KOE_UNSIGNED = '1';
  const platform = process.platform as TargetPlatform;
  if (!['win32', 'darwin', 'linux'].includes(platform)) {
    log(`koe: Koe is packaged on Windows, macOS or Linux, not ${process.platform}.`);
    return 1;
  }

  const profile = fuseProfile(process.env);
  const plan = signingPlan(process.env, platform, profile);
  if (!plan.ok) {
    log('koe: this build cannot be signed:');
    for (const problem of plan.problems) log(`  - ${problem}`);
    return 1;
  }
  for (const note of plan.notes) log(`koe: ${note}`);
  if (plan.state === 'unsigned') {
    for (const name of plan.clearEnv) delete process.env[name];
    process.env.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
  }

  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  log('koe: compiling the app…');
  await compileRelease(ROOT, path.join(ROOT, 'dist'));
  const info: BuildInfo = {
    format: 'koe-build-info',
    version: 1,
    appVersion: pkg.version,
    signing: plan.state,
    platform,
    fuses: profile,
    builtAt: builtAt(process.env),
    commit: commitOf(ROOT),
  };
  fs.writeFileSync(path.join(ROOT, BUILD_INFO_FILE), buildInfoJson(info));

  const { build, Platform } = await import('electron-builder');
  const { getConfig } = await import('app-builder-lib/out/util/config/config.js');
  const base = await getConfig(ROOT, null, null);
  const config = { ...plan.config, ...(plan.state === 'unsigned' ? unsignedArtifactNames(base) : {}) };
  const target = { win32: Platform.WINDOWS, darwin: Platform.MAC, linux: Platform.LINUX }[platform];
  log(`koe: packaging (${plan.state}, fuse profile ${profile})…`);
  let artifacts: string[];
  try {
    artifacts = await build({
      projectDir: ROOT,
      targets: target.createTarget(args.has('--dir') ? ['dir'] : undefined),
      config,
      publish: 'never',
    });
  } finally {
    if (!args.has('--skip-node-rebuild')) {
      // electron-builder rebuilt the SQLite module for Electron in place; the tests need Node's.
      log(`koe: rebuilding ${NATIVE_MODULE} for Node (--skip-node-rebuild to keep Electron's)…`);
      try {
        execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', NATIVE_MODULE], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
      } catch {
        log(`koe: could not rebuild ${NATIVE_MODULE} for Node; run \`npm rebuild ${NATIVE_MODULE}\` before the tests.`);
      }
    }
  }

  const out = path.join(ROOT, DIST_OUTPUT_DIR);
  const installers = artifacts.filter((file) => path.dirname(path.resolve(file)) === path.resolve(out)).map((file) => path.basename(file));
  if (installers.length) {
    const sums = await writeChecksums(out, installers.filter((name) => !name.endsWith('.yml')));
    log(`koe: ${sums}`);
  }
  for (const file of artifacts) process.stdout.write(`${file}\n`);
  if (plan.state === 'unsigned') log('koe: UNSIGNED build: for testing only; it says so in its file names and About box, and never updates itself.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`koe: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
