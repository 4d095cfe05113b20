// Whether a build is signed, decided from the build machine's environment only: certificates
// and notarization credentials are never in the repository. A build that cannot be signed stops
// with the list of what is missing, unless someone asked for an unsigned build on purpose
// (`npm run dist:unsigned`, KOE_UNSIGNED=1); such a build says UNSIGNED in every file name and
// in its About box, and never updates itself. Pure: dist.ts applies the plan.
import type { Configuration } from 'electron-builder';
import type { FuseProfile } from './fuses.js';

type Env = Record<string, string | undefined>;
export type TargetPlatform = 'win32' | 'darwin' | 'linux';

/**
 * signed: signed (and on macOS notarized) with the office's identity.
 * unsigned: built without signing on purpose; for testing only.
 * checksum-only: Linux packages, which are not code-signed; the published SHA-256 sums are
 * what proves them.
 */
export type SigningState = 'signed' | 'unsigned' | 'checksum-only';

export type SigningPlan =
  | { ok: true; state: SigningState; config: Configuration; clearEnv: string[]; notes: string[] }
  | { ok: false; problems: string[] };

/** Every variable electron-builder reads to sign; an unsigned build runs without them. */
export const SIGNING_ENV = [
  'CSC_LINK',
  'CSC_KEY_PASSWORD',
  'CSC_NAME',
  'WIN_CSC_LINK',
  'WIN_CSC_KEY_PASSWORD',
  'APPLE_ID',
  'APPLE_APP_SPECIFIC_PASSWORD',
  'APPLE_TEAM_ID',
  'APPLE_API_KEY',
  'APPLE_API_KEY_ID',
  'APPLE_API_ISSUER',
  'APPLE_KEYCHAIN',
  'APPLE_KEYCHAIN_PROFILE',
] as const;

/** Azure Trusted Signing: the account (not secret) plus an Entra ID identity (AZURE_*, read by Azure's own tooling). */
const AZURE_ACCOUNT_ENV = ['KOE_AZURE_ENDPOINT', 'KOE_AZURE_ACCOUNT', 'KOE_AZURE_CERT_PROFILE', 'KOE_WIN_PUBLISHER_NAME'] as const;
const AZURE_IDENTITY_ENV = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID'] as const;
const AZURE_SECRET_ENV = ['AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_USERNAME'] as const;

const has = (env: Env, name: string) => (env[name] ?? '').trim() !== '';
const missing = (env: Env, names: readonly string[]) => names.filter((n) => !has(env, n));

export function wantsUnsigned(env: Env): boolean {
  return ['1', 'true', 'yes'].includes((env.KOE_UNSIGNED ?? '').trim().toLowerCase());
}

/** "-UNSIGNED" before the extension of an electron-builder artifactName pattern. */
export function unsignedName(pattern: string): string {
  return pattern.includes('.${ext}') ? pattern.replace('.${ext}', '-UNSIGNED.${ext}') : `${pattern}-UNSIGNED`;
}

/**
 * The artifact names of an unsigned build: every pattern the config sets, and the default
 * (electron-builder's) for targets that set none, each marked UNSIGNED.
 */
export function unsignedArtifactNames(base: Configuration): Configuration {
  const named = (section: { artifactName?: string | null } | null | undefined, fallback: string) => ({ artifactName: unsignedName(section?.artifactName ?? fallback) });
  const top = base.artifactName ?? '${productName}-${version}-${arch}.${ext}';
  return {
    artifactName: unsignedName(top),
    nsis: { ...base.nsis, ...named(base.nsis, '${productName} Setup ${version}.${ext}') },
    msi: { ...base.msi, ...named(base.msi, top) },
    dmg: { ...base.dmg, ...named(base.dmg, top) },
    deb: { ...base.deb, ...named(base.deb, top) },
    rpm: { ...base.rpm, ...named(base.rpm, top) },
    appImage: { ...base.appImage, ...named(base.appImage, top) },
  } as Configuration;
}

function windowsSigning(env: Env): { config: Configuration; problems: string[]; notes: string[] } {
  const azureAccount = missing(env, AZURE_ACCOUNT_ENV);
  const azureStarted = azureAccount.length < AZURE_ACCOUNT_ENV.length;
  if (azureStarted) {
    const problems = [
      ...azureAccount.map((n) => `${n} is not set (Azure Trusted Signing)`),
      ...missing(env, AZURE_IDENTITY_ENV).map((n) => `${n} is not set (the Entra ID identity that signs)`),
      ...(AZURE_SECRET_ENV.some((n) => has(env, n)) ? [] : ['none of AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_USERNAME is set (how the identity signs in)']),
    ];
    return {
      problems,
      notes: ['Windows: Azure Trusted Signing'],
      config: {
        win: {
          azureSignOptions: {
            endpoint: env.KOE_AZURE_ENDPOINT ?? '',
            codeSigningAccountName: env.KOE_AZURE_ACCOUNT ?? '',
            certificateProfileName: env.KOE_AZURE_CERT_PROFILE ?? '',
            publisherName: env.KOE_WIN_PUBLISHER_NAME ?? '',
          },
        },
      },
    };
  }
  if (has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK')) {
    // The publisher name is read from the certificate unless given; updates are checked against it.
    const publisher = env.KOE_WIN_PUBLISHER_NAME?.trim();
    return {
      problems: [],
      notes: [`Windows: certificate from ${has(env, 'WIN_CSC_LINK') ? 'WIN_CSC_LINK' : 'CSC_LINK'}`],
      config: publisher ? { win: { signtoolOptions: { publisherName: publisher } } } : {},
    };
  }
  return {
    problems: ['Windows signing is not configured: set KOE_AZURE_ENDPOINT, KOE_AZURE_ACCOUNT, KOE_AZURE_CERT_PROFILE, KOE_WIN_PUBLISHER_NAME and the AZURE_* identity (Azure Trusted Signing), or WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD (a certificate file)'],
    notes: [],
    config: {},
  };
}

function macSigning(env: Env): { config: Configuration; problems: string[]; notes: string[] } {
  const problems: string[] = [];
  if (!has(env, 'CSC_LINK') && !has(env, 'CSC_NAME')) {
    problems.push('macOS signing is not configured: set CSC_LINK and CSC_KEY_PASSWORD (a Developer ID Application certificate), or CSC_NAME (an identity in the keychain)');
  }
  const apiKey = ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'];
  const appleId = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'];
  const keychain = ['APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE'];
  const way = [apiKey, appleId, keychain].find((names) => missing(env, names).length === 0);
  if (!way) {
    problems.push('notarization is not configured: set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER, or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID');
  }
  return { problems, notes: way ? [`macOS: notarized with ${way[0]}`] : [], config: { mac: { notarize: true } } };
}

export function signingPlan(env: Env, platform: TargetPlatform, profile: FuseProfile): SigningPlan {
  if (wantsUnsigned(env)) {
    return {
      ok: true,
      state: 'unsigned',
      // Explicitly off, even if the machine has a certificate or a keychain identity.
      config: { forceCodeSigning: false, mac: { identity: null, notarize: false } },
      clearEnv: [...SIGNING_ENV],
      notes: ['UNSIGNED build: for testing only, never for staff'],
    };
  }
  if (profile !== 'release') {
    return { ok: false, problems: [`the "${profile}" fuse profile is for end-to-end tests only; build it with KOE_UNSIGNED=1 (npm run dist:unsigned)`] };
  }
  if (platform === 'linux') {
    return { ok: true, state: 'checksum-only', config: {}, clearEnv: [], notes: ['Linux: packages are not code-signed; SHA256SUMS is published beside them'] };
  }
  const part = platform === 'win32' ? windowsSigning(env) : macSigning(env);
  if (part.problems.length) return { ok: false, problems: [...part.problems, 'or build unsigned on purpose with `npm run dist:unsigned` (KOE_UNSIGNED=1)'] };
  // electron-builder stops instead of quietly producing an unsigned installer.
  return { ok: true, state: 'signed', config: { forceCodeSigning: true, ...part.config }, clearEnv: [], notes: part.notes };
}
