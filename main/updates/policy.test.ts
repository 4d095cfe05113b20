import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../policy/parse-policy.js';
import { EMPTY_POLICY } from '../policy/policy-definition.js';
import { resolveSettings } from '../policy/resolve-settings.js';
import {
  decideUpdates,
  detectInstallKind,
  installDecision,
  isSecureFeed,
  publisherNamesFromUpdateConfig,
  releaseNotesText,
  type UpdateContext,
} from './policy.js';

const FEED = 'https://updates.office.example.go.jp/koe/';
const quiet = { warn: () => undefined };

function ctx(over: Partial<UpdateContext> & { policy?: Record<string, unknown> } = {}): UpdateContext {
  const { policy, ...rest } = over;
  const settings = resolveSettings(policy ? parsePolicy(policy, 'test', quiet) : EMPTY_POLICY);
  return {
    packaged: true,
    platform: 'win32',
    signing: 'signed',
    installKind: 'nsis',
    updatesEnabled: settings.updatesEnabled,
    updateUrl: policy && 'updateUrl' in policy ? settings.updateUrl.value : FEED,
    publisherNames: ['Koe Public Affairs Office'],
    ...rest,
  };
}

describe('decideUpdates', () => {
  it('updates a signed NSIS install from the https feed IT set', () => {
    expect(decideUpdates(ctx())).toEqual({ enabled: true, feedUrl: FEED });
    expect(decideUpdates(ctx({ policy: { updateUrl: FEED } }))).toEqual({ enabled: true, feedUrl: FEED });
  });

  it('never updates an MSI install, even when the policy turns updates on', () => {
    expect(decideUpdates(ctx({ installKind: 'msi', policy: { updatesEnabled: true, updateUrl: FEED } }))).toEqual({ enabled: false, reason: 'msi' });
  });

  it('leaves deb and rpm installs to the package manager, and unknown layouts alone', () => {
    expect(decideUpdates(ctx({ platform: 'linux', signing: 'checksum-only', installKind: 'deb' }))).toEqual({ enabled: false, reason: 'package-manager' });
    expect(decideUpdates(ctx({ platform: 'linux', signing: 'checksum-only', installKind: 'rpm' }))).toEqual({ enabled: false, reason: 'package-manager' });
    expect(decideUpdates(ctx({ platform: 'linux', installKind: 'unknown' }))).toEqual({ enabled: false, reason: 'unsupported' });
  });

  it('updates an AppImage from the feed (its sha512 is checked)', () => {
    expect(decideUpdates(ctx({ platform: 'linux', signing: 'checksum-only', installKind: 'appimage', publisherNames: null }))).toEqual({ enabled: true, feedUrl: FEED });
  });

  it('lets the policy turn updates off, and says so', () => {
    expect(decideUpdates(ctx({ policy: { updatesEnabled: false, updateUrl: FEED } }))).toEqual({ enabled: false, reason: 'policy' });
  });

  it('an invalid updatesEnabled in the policy leaves updates at their default (on), locked', () => {
    const c = ctx({ policy: { updatesEnabled: 'no', updateUrl: FEED } });
    expect(c.updatesEnabled).toMatchObject({ value: true, locked: true });
    expect(decideUpdates(c).enabled).toBe(true);
  });

  it('does nothing without a feed, and refuses one that is not https', () => {
    expect(decideUpdates(ctx({ updateUrl: null }))).toEqual({ enabled: false, reason: 'no-feed' });
    // The policy schema already refuses http: the setting falls back to "no feed".
    expect(decideUpdates(ctx({ policy: { updateUrl: 'http://updates.example.go.jp/koe/' } }))).toEqual({ enabled: false, reason: 'no-feed' });
    for (const url of ['http://updates.example.go.jp/', 'ftp://updates.example.go.jp/', 'https://u:p@updates.example.go.jp/', 'not a url']) {
      expect(decideUpdates(ctx({ updateUrl: url }))).toEqual({ enabled: false, reason: 'insecure-feed' });
    }
  });

  it('never updates an unsigned or development build', () => {
    expect(decideUpdates(ctx({ signing: 'unsigned' }))).toEqual({ enabled: false, reason: 'unsigned' });
    expect(decideUpdates(ctx({ packaged: false }))).toEqual({ enabled: false, reason: 'development' });
    expect(decideUpdates(ctx({ platform: 'darwin', installKind: 'mac-app', signing: 'checksum-only' }))).toEqual({ enabled: false, reason: 'unsigned' });
  });

  it('on Windows, needs a publisher name to check the update’s signature against', () => {
    expect(decideUpdates(ctx({ publisherNames: null }))).toEqual({ enabled: false, reason: 'no-publisher' });
    expect(decideUpdates(ctx({ publisherNames: [] }))).toEqual({ enabled: false, reason: 'no-publisher' });
    expect(decideUpdates(ctx({ platform: 'darwin', installKind: 'mac-app', publisherNames: null }))).toEqual({ enabled: true, feedUrl: FEED });
  });

  it('accepts only https feeds', () => {
    expect(isSecureFeed(FEED)).toBe(true);
    expect(isSecureFeed('https://')).toBe(false);
    expect(isSecureFeed('HTTPS://UPDATES.EXAMPLE.GO.JP/')).toBe(true);
  });
});

describe('installDecision', () => {
  it('installs a downloaded update only when nothing is being sent', () => {
    expect(installDecision({ ready: true, sendInFlight: false })).toEqual({ started: true });
    expect(installDecision({ ready: true, sendInFlight: true })).toEqual({ started: false, reason: 'send-in-flight' });
    expect(installDecision({ ready: false, sendInFlight: false })).toEqual({ started: false, reason: 'not-ready' });
  });
});

describe('detectInstallKind', () => {
  const base = { productName: 'Koe', env: {}, readText: () => null, resourcesPath: '/opt/Koe/resources', exists: () => false };

  it('tells an NSIS install (its uninstaller beside the exe) from an MSI one', () => {
    const files = new Set(['C:\\Program Files\\Koe\\Uninstall Koe.exe']);
    expect(detectInstallKind({ ...base, platform: 'win32', exeDir: 'C:\\Program Files\\Koe', exists: (f) => files.has(f) })).toBe('nsis');
    expect(detectInstallKind({ ...base, platform: 'win32', exeDir: 'C:\\Program Files\\Koe\\', exists: (f) => files.has(f) })).toBe('nsis');
    expect(detectInstallKind({ ...base, platform: 'win32', exeDir: 'C:\\Program Files (x86)\\Koe', exists: (f) => files.has(f) })).toBe('msi');
  });

  it('reads the Linux package type electron-builder records, and knows an AppImage', () => {
    const read = (type: string) => (f: string) => (f === '/opt/Koe/resources/package-type' ? type : null);
    expect(detectInstallKind({ ...base, platform: 'linux', exeDir: '/opt/Koe', readText: read('deb\n') })).toBe('deb');
    expect(detectInstallKind({ ...base, platform: 'linux', exeDir: '/opt/Koe', readText: read('rpm') })).toBe('rpm');
    expect(detectInstallKind({ ...base, platform: 'linux', exeDir: '/tmp/.mount_Koe', env: { APPIMAGE: '/home/sato/Koe.AppImage' } })).toBe('appimage');
    expect(detectInstallKind({ ...base, platform: 'linux', exeDir: '/opt/Koe' })).toBe('unknown');
    expect(detectInstallKind({ ...base, platform: 'darwin', exeDir: '/Applications/Koe.app/Contents/MacOS' })).toBe('mac-app');
  });
});

describe('publisherNamesFromUpdateConfig', () => {
  it('reads the names electron-builder writes, inline or as a list', () => {
    expect(publisherNamesFromUpdateConfig('provider: generic\nurl: https://x\npublisherName:\n  - Koe Office\n  - "Koe Office 2"\nupdaterCacheDirName: koe-updater\n')).toEqual(['Koe Office', 'Koe Office 2']);
    expect(publisherNamesFromUpdateConfig("publisherName: 'Koe Office'\n")).toEqual(['Koe Office']);
    expect(publisherNamesFromUpdateConfig('publisherName: [A, "B"]\n')).toEqual(['A', 'B']);
  });

  it('finds none when there is no file or no name', () => {
    expect(publisherNamesFromUpdateConfig(null)).toBeNull();
    expect(publisherNamesFromUpdateConfig('provider: generic\nurl: https://x\n')).toBeNull();
    expect(publisherNamesFromUpdateConfig('publisherName:\nurl: https://x\n')).toBeNull();
  });
});

describe('releaseNotesText', () => {
  it('shows a feed’s HTML notes as plain text', () => {
    expect(releaseNotesText('<h2>0.2.0</h2><ul><li>返信の承認</li><li>Faster &amp; safer <b>sync</b></li></ul><script>alert(1)</script>')).toBe(
      '0.2.0\n• 返信の承認\n• Faster & safer sync\nalert(1)',
    );
  });

  it('joins notes of several versions, each under its version', () => {
    expect(releaseNotesText([{ version: '0.2.0', note: 'A' }, { version: '0.3.0', note: '<p>B</p>' }])).toBe('0.2.0\nA\n\n0.3.0\nB');
  });

  it('has nothing to show for no notes, and caps very long ones', () => {
    expect(releaseNotesText(null)).toBe('');
    expect(releaseNotesText('x'.repeat(50_000)).length).toBe(20_001);
  });
});
