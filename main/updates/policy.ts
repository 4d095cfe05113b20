// When Koe may update itself, and when a downloaded update may be installed. Pure decisions;
// main/app/updates.ts only wires them to electron-updater.
//
// An update comes only from the https feed IT sets (policy updateUrl), is checked by
// electron-updater against the sha512 in the feed, and on Windows against the publisher name
// of the installed build's signature. Installs IT manages itself (MSI, deb, rpm) never update
// themselves, and nothing installs while a send is in flight or before the staff member has seen
// what will change.
import type { BuildSigning, InstallUpdateResult, UpdateOffReason } from '../../shared/contract-admin.js';
import type { ResolvedSetting } from '../policy/resolve-settings.js';

/** How this copy of Koe was installed, which decides who updates it. */
export type InstallKind = 'nsis' | 'msi' | 'mac-app' | 'appimage' | 'deb' | 'rpm' | 'unknown';

export interface UpdateContext {
  packaged: boolean;
  platform: NodeJS.Platform;
  signing: BuildSigning;
  installKind: InstallKind;
  updatesEnabled: ResolvedSetting<boolean>;
  updateUrl: string | null;
  /** Windows: the names in app-update.yml that an update's signature must match. */
  publisherNames: string[] | null;
}

export type UpdateDecision = { enabled: true; feedUrl: string } | { enabled: false; reason: UpdateOffReason };

/** The first check waits for start-up to settle; then every few hours. */
export const FIRST_CHECK_DELAY_MS = 60_000;
export const CHECK_INTERVAL_MS = 4 * 60 * 60_000;

export function decideUpdates(ctx: UpdateContext): UpdateDecision {
  const off = (reason: UpdateOffReason): UpdateDecision => ({ enabled: false, reason });
  if (!ctx.packaged) return off('development');
  // Whatever the policy says: IT deploys the next MSI, or the next deb/rpm through its repository.
  if (ctx.installKind === 'msi') return off('msi');
  if (ctx.installKind === 'deb' || ctx.installKind === 'rpm') return off('package-manager');
  if (ctx.installKind === 'unknown') return off('unsupported');
  if (!ctx.updatesEnabled.value) return off(ctx.updatesEnabled.source === 'policy' ? 'policy' : 'setting');
  if (ctx.signing === 'unsigned' || ctx.signing === 'development') return off('unsigned');
  // Squirrel.Mac only accepts an update signed like the running app.
  if (ctx.platform === 'darwin' && ctx.signing !== 'signed') return off('unsigned');
  if (!ctx.updateUrl) return off('no-feed');
  if (!isSecureFeed(ctx.updateUrl)) return off('insecure-feed');
  // Without a publisher name electron-updater skips the signature check on Windows: no updates then.
  if (ctx.platform === 'win32' && !ctx.publisherNames?.length) return off('no-publisher');
  return { enabled: true, feedUrl: ctx.updateUrl };
}

export function isSecureFeed(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname !== '' && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/** A downloaded update installs only when asked, and never while a send is in flight. */
export function installDecision(opts: { ready: boolean; sendInFlight: boolean }): InstallUpdateResult {
  if (!opts.ready) return { started: false, reason: 'not-ready' };
  if (opts.sendInFlight) return { started: false, reason: 'send-in-flight' };
  return { started: true };
}

/**
 * How this copy was installed. Windows: the NSIS installer leaves its uninstaller next to the
 * executable and an MSI does not, so anything without it is treated as managed by IT (never
 * self-updating). Linux: electron-builder records deb/rpm in resources/package-type; an AppImage
 * runs with $APPIMAGE set.
 */
export function detectInstallKind(opts: {
  platform: NodeJS.Platform;
  exeDir: string;
  productName: string;
  env: Record<string, string | undefined>;
  exists(file: string): boolean;
  readText(file: string): string | null;
  resourcesPath: string;
}): InstallKind {
  const join = (dir: string, name: string) => `${dir.replace(/[\\/]+$/, '')}${opts.platform === 'win32' ? '\\' : '/'}${name}`;
  switch (opts.platform) {
    case 'win32':
      return opts.exists(join(opts.exeDir, `Uninstall ${opts.productName}.exe`)) ? 'nsis' : 'msi';
    case 'darwin':
      return 'mac-app';
    case 'linux': {
      if (opts.env.APPIMAGE) return 'appimage';
      const type = opts.readText(join(opts.resourcesPath, 'package-type'))?.trim();
      return type === 'deb' || type === 'rpm' ? type : 'unknown';
    }
    default:
      return 'unknown';
  }
}

/** The publisher names electron-builder wrote into app-update.yml (inline or as a list). */
export function publisherNamesFromUpdateConfig(yaml: string | null): string[] | null {
  if (!yaml) return null;
  const lines = yaml.split(/\r?\n/);
  const at = lines.findIndex((line) => /^publisherName:/.test(line));
  if (at === -1) return null;
  const unquote = (v: string) => v.trim().replace(/^(['"])(.*)\1$/, '$2');
  const inline = lines[at].slice('publisherName:'.length).trim();
  if (inline) {
    const list = /^\[(.*)\]$/.exec(inline);
    const names = list ? list[1].split(',').map(unquote) : [unquote(inline)];
    return names.filter(Boolean).length ? names.filter(Boolean) : null;
  }
  const names: string[] = [];
  for (const line of lines.slice(at + 1)) {
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (!item) break;
    names.push(unquote(item[1]));
  }
  return names.filter(Boolean).length ? names.filter(Boolean) : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const MAX_NOTES = 20_000;

/**
 * The feed's release notes as plain text for the confirmation screen. Feeds may carry HTML;
 * Koe shows text, never markup, so tags become line breaks or nothing.
 */
export function releaseNotesText(notes: string | readonly { version: string; note?: string | null }[] | null | undefined): string {
  const plain = (html: string) =>
    html
      .replace(/<\s*(br|\/p|\/li|\/h\d|\/div)\s*\/?>/gi, '\n')
      .replace(/<\s*li[^>]*>/gi, '• ')
      .replace(/<[^>]*>/g, '')
      .replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (whole, entity: string) => {
        if (entity[0] === '#') {
          const code = entity[1].toLowerCase() === 'x' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
          return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
        }
        return ENTITIES[entity.toLowerCase()] ?? whole;
      })
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  let text: string;
  if (!notes) text = '';
  else if (typeof notes === 'string') text = plain(notes);
  else text = notes.map((n) => [n.version, plain(n.note ?? '')].filter(Boolean).join('\n')).join('\n\n');
  return text.length > MAX_NOTES ? `${text.slice(0, MAX_NOTES)}…` : text;
}
