// What the admin calls report about this installation beyond the store: how it was built, the
// policy in force and the updater. The Electron app supplies the real facts at start
// (configureAppFacts in main/app/main.ts); the browser harness and the tests get the defaults
// below: a development build, the machine's policy, no updates.
import { fileURLToPath } from 'node:url';
import type { BuildFacts, InstallUpdateResult, UpdateStatus } from '../../shared/contract-admin.js';
import type { Policy } from '../policy/policy-definition.js';
import { readManagedPolicy } from '../policy/read-policy.js';
import { buildFacts, readBuildInfo } from './build-info.js';

export interface AppFacts {
  build(): BuildFacts;
  policy(): Promise<Policy>;
  updates(): UpdateStatus;
  checkForUpdates(): Promise<UpdateStatus>;
  installUpdate(): InstallUpdateResult;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

function developmentFacts(version: () => string): AppFacts {
  let policy: Promise<Policy> | null = null;
  const off: UpdateStatus = { state: 'off', reason: 'development' };
  return {
    build: () => buildFacts(readBuildInfo(REPO_ROOT), { packaged: false, appVersion: version() }),
    policy: () => (policy ??= readManagedPolicy({ platform: process.platform, log: { warn: (m) => process.stderr.write(`koe: ${m}\n`) } })),
    updates: () => off,
    checkForUpdates: async () => off,
    installUpdate: () => ({ started: false, reason: 'not-ready' }),
  };
}

let configured: AppFacts | null = null;
let development: AppFacts | null = null;

/** Called once by the Electron app before its window opens. */
export function configureAppFacts(facts: AppFacts | null): void {
  configured = facts;
}

export function appFacts(version: () => string): AppFacts {
  return configured ?? (development ??= developmentFacts(version));
}
