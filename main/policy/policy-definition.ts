// Every setting an IT department can manage, defined once: its name, what values are valid,
// the value Koe uses when nobody sets it, and what it means (shown in the settings screen and
// the admin documentation). The readers and the resolver all work from this table, and so do
// the templates IT imports (JSON Schema, Group Policy ADMX/ADML: ./templates.ts): the `pattern`
// metadata on a refined string is its JSON Schema twin, checked against the refinement in tests.
import path from 'node:path';
import { z } from 'zod';

/** Where a policy reader reports what it ignored; main sends it to the app log. */
export interface PolicyLog {
  warn(message: string): void;
}

/** How a value is stored, so a registry DWORD can become a boolean. */
export type SettingKind = 'string' | 'integer' | 'boolean';

interface SettingDefinition<S extends z.ZodType> {
  kind: SettingKind;
  schema: S;
  default: z.output<S>;
  /** A short name for the setting: the Group Policy editor's list, the settings screen. */
  title: { ja: string; en: string };
  /** False: only a managed policy may set it (a staff member must not weaken it for themselves). */
  userSettable: boolean;
  description: { ja: string; en: string };
}

function setting<S extends z.ZodType>(def: SettingDefinition<S>): SettingDefinition<S> {
  return def;
}

const isLoopback = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

/** An https URL; plain http only to this machine (the office API simulator). */
const serviceUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    const url = tryUrl(value);
    if (!url || url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  }, 'must be an https:// URL (http:// only for localhost), without a user name or password')
  .meta({ pattern: String.raw`^(?:https://[^/?#@\s]+|http://(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?)(?:[/?#]\S*)?$` });

const httpsUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    const url = tryUrl(value);
    return !!url && url.protocol === 'https:' && !url.username && !url.password;
  }, 'must be an https:// URL without a user name or password')
  .meta({ pattern: String.raw`^https://[^/?#@\s]+(?:[/?#]\S*)?$` });

/** SMTP credentials are not taken from a policy file that every user can read. */
const smtpUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    const url = tryUrl(value);
    return !!url && (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '' && !url.username && !url.password;
  }, 'must be an smtp:// or smtps:// URL without a user name or password')
  .meta({ pattern: String.raw`^smtps?://[^/?#@\s]+(?:[/?#]\S*)?$` });

const absolutePath = z
  .string()
  .min(1)
  .max(1024)
  .refine((value) => !value.includes('\0') && (path.posix.isAbsolute(value) || path.win32.isAbsolute(value)), 'must be an absolute path')
  .meta({ pattern: String.raw`^(?:/|\\|[A-Za-z]:[\\/])[^\u0000]*$` });

export const SETTINGS = {
  officeApiUrl: setting({
    title: { ja: '本庁APIのURL', en: 'Office API URL' },
    kind: 'string',
    schema: serviceUrl.nullable(),
    default: null,
    userSettable: true,
    description: {
      ja: '意見を受け付ける本庁APIのURL。インストールしたKoeはこの設定がないと起動しません（開発版はデモデータで動作します）。',
      en: "The office API's URL. An installed Koe does not start without it (a developer build runs on demo data instead).",
    },
  }),
  smtpUrl: setting({
    title: { ja: 'SMTPリレー', en: 'SMTP relay' },
    kind: 'string',
    schema: smtpUrl.nullable(),
    default: null,
    userSettable: true,
    description: {
      ja: '返信メールを送るSMTPサーバー（smtp:// または smtps://）。認証情報は含めないでください。',
      en: 'The SMTP server replies are sent through (smtp:// or smtps://), without credentials.',
    },
  }),
  caBundlePath: setting({
    title: { ja: '庁内認証局の証明書', en: 'Office CA certificates' },
    kind: 'string',
    schema: absolutePath.nullable(),
    default: null,
    userSettable: false,
    description: {
      ja: '庁内認証局の証明書（PEM）のパス。OSの信頼済み証明書に追加されます。検証を無効にする設定はありません。',
      en: "Path to the office's internal CA certificates (PEM), added to the system's trusted roots. Verification is never turned off.",
    },
  }),
  updateUrl: setting({
    title: { ja: '更新の配布元URL', en: 'Update feed URL' },
    kind: 'string',
    schema: httpsUrl.nullable(),
    default: null,
    userSettable: false,
    description: {
      ja: '更新を配布するhttpsのURL（情報システム部門が設定）。',
      en: 'The https feed updates are downloaded from (set by IT).',
    },
  }),
  updatesEnabled: setting({
    title: { ja: '自動更新', en: 'Automatic updates' },
    kind: 'boolean',
    schema: z.boolean(),
    default: true,
    userSettable: true,
    description: {
      ja: '自動更新を行うかどうか。MSIで配布する場合は無効にします。',
      en: 'Whether Koe updates itself. Turn off for MSI deployments.',
    },
  }),
  syncIntervalMinutes: setting({
    title: { ja: '同期の間隔（分）', en: 'Sync interval (minutes)' },
    kind: 'integer',
    schema: z.number().int().min(1).max(1440),
    default: 5,
    userSettable: true,
    description: {
      ja: '本庁APIと同期する間隔（分）。',
      en: 'Minutes between syncs with the office API.',
    },
  }),
  retentionDays: setting({
    title: { ja: '保存期間（日）', en: 'Retention (days)' },
    kind: 'integer',
    schema: z.number().int().min(1).max(3650),
    default: 365,
    userSettable: true,
    description: {
      ja: '意見を保存する日数。これを過ぎたデータは削除されます。',
      en: 'Days an opinion is kept; older data is deleted.',
    },
  }),
  suppressionThreshold: setting({
    title: { ja: '秘匿の閾値', en: 'Suppression threshold' },
    kind: 'integer',
    schema: z.number().int().min(1).max(1000),
    default: 5,
    userSettable: true,
    description: {
      ja: '公表用の集計で、この件数未満のセルを非表示にします。',
      en: 'Cells with fewer items than this are hidden in publication exports.',
    },
  }),
  replyApproval: setting({
    title: { ja: '返信の承認', en: 'Reply approval' },
    kind: 'boolean',
    schema: z.boolean(),
    default: false,
    userSettable: true,
    description: {
      ja: '返信の送信前に監督者の承認を必要とするかどうか。',
      en: 'Whether a supervisor must approve each reply before it is sent.',
    },
  }),
  backupIntervalHours: setting({
    title: { ja: 'バックアップの間隔（時間）', en: 'Backup interval (hours)' },
    kind: 'integer',
    schema: z.number().int().min(1).max(168),
    default: 24,
    userSettable: false,
    description: {
      ja: '暗号化したバックアップを自動で作成する間隔。',
      en: 'How often Koe makes an encrypted backup by itself.',
    },
  }),
  backupsKept: setting({
    title: { ja: '保持するバックアップの数', en: 'Backups kept' },
    kind: 'integer',
    schema: z.number().int().min(1).max(100),
    default: 7,
    userSettable: false,
    description: {
      ja: '保持するバックアップの数。これより古いものは削除されます。',
      en: 'How many backups are kept; older ones are deleted.',
    },
  }),
  allowBasicTextKeystore: setting({
    title: { ja: '平文の鍵保存を許可（Linux）', en: 'Allow the basic_text key store (Linux)' },
    kind: 'boolean',
    schema: z.boolean(),
    default: false,
    userSettable: false,
    description: {
      ja: 'Linuxでキーリングがない場合（basic_text）にデータベースの鍵の保存を許可します。鍵が実質的に平文で保存されるため、推奨しません。',
      en: "Allows storing the database key with Linux's basic_text store when no keyring is available. The key is then effectively in clear; not recommended.",
    },
  }),
  dataDirectory: setting({
    title: { ja: 'データの保存先', en: 'Data directory' },
    kind: 'string',
    schema: absolutePath.nullable(),
    default: null,
    userSettable: false,
    description: {
      ja: 'データの保存先（ローカルディスクの絶対パス）。未設定の場合はOSごとの既定の場所です。',
      en: "Where Koe keeps its data (an absolute path on a local disk). When unset, the platform's usual place.",
    },
  }),
} as const;

export type SettingName = keyof typeof SETTINGS;
export type SettingValues = { [K in SettingName]: z.output<(typeof SETTINGS)[K]['schema']> };
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** What a managed policy says, after validation. */
export interface Policy {
  /** The settings the policy sets with a valid value. */
  values: Partial<SettingValues>;
  /** Settings the policy names with an invalid value: locked to their safe default. */
  invalid: SettingName[];
  /** Where it was read from, for diagnostics; null when there is no policy. */
  source: string | null;
}

export const EMPTY_POLICY: Policy = Object.freeze({ values: Object.freeze({}), invalid: Object.freeze([]) as unknown as SettingName[], source: null });

export function isSettingName(name: string): name is SettingName {
  return Object.hasOwn(SETTINGS, name);
}

function tryUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
