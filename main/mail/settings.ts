// The relay and the office's reply identity. An admin keeps them in the encrypted database (the
// password too); a managed policy's smtpUrl decides host, port and security over that, and so
// does KOE_SMTP_URL for headless runs (the harness, the CLI, tests) — which may also carry the
// account. The policy's replyApproval, when set, cannot be changed here.
import { domainToASCII } from 'node:url';
import { isValidEmail } from '../../shared/email.js';
import type { MailSettingsView, SmtpSecurity } from '../../shared/contract-mail.js';
import type { Db } from '../store/db.js';
import { kvGetJson, kvSetJson } from '../store/statements.js';
import { parseSmtpUrl, type RelayConfig } from './smtp.js';

export interface StoredMailSettings {
  host: string | null;
  port: number | null;
  security: SmtpSecurity;
  username: string | null;
  password: string | null;
  fromAddress: string | null;
  fromName: string | null;
  replyTo: string | null;
  officeName: string | null;
  replyApproval: boolean;
}

/** What the doors know that the database does not: the policy, the environment, the office CA. */
export interface MailEnvironment {
  /** The managed policy's smtpUrl (no credentials), or null. */
  policySmtpUrl?: string | null;
  /** The managed policy's replyApproval, or null when the policy does not set it. */
  policyReplyApproval?: boolean | null;
  /** KOE_SMTP_URL, or the demo's mail sink. */
  smtpUrl?: string | null;
  caBundle?: string;
  demo?: boolean;
}

const KEY = 'mail_settings';

export const EMPTY_SETTINGS: StoredMailSettings = {
  host: null,
  port: null,
  security: 'starttls',
  username: null,
  password: null,
  fromAddress: null,
  fromName: null,
  replyTo: null,
  officeName: null,
  replyApproval: false,
};

/** Demo data replies as a made-up office, so `npm start` can send without any setup. */
const DEMO_IDENTITY = { fromAddress: 'kouchou@office.example', fromName: '政府広聴室（デモ）', officeName: '政府広聴室（デモ）' };

export function loadStoredSettings(db: Db): StoredMailSettings {
  return { ...EMPTY_SETTINGS, ...(kvGetJson<Partial<StoredMailSettings>>(db, KEY) ?? {}) };
}
export function saveStoredSettings(db: Db, s: StoredMailSettings): void {
  kvSetJson(db, KEY, s);
}

export interface EffectiveMailSettings {
  relay: RelayConfig | null;
  serverSource: MailSettingsView['serverSource'];
  fromAddress: string | null;
  fromName: string | null;
  replyTo: string | null;
  officeName: string | null;
  replyApproval: boolean;
  replyApprovalLocked: boolean;
  /** Null when replies can go out; else what is missing, in words an admin can act on. */
  problem: string | null;
}

export function effectiveSettings(stored: StoredMailSettings, env: MailEnvironment): EffectiveMailSettings {
  const policy = env.policySmtpUrl ? parseSmtpUrl(env.policySmtpUrl) : null;
  const fromEnv = env.smtpUrl ? parseSmtpUrl(env.smtpUrl) : null;
  let relay: RelayConfig | null = null;
  let serverSource: EffectiveMailSettings['serverSource'] = 'none';
  const account = { username: stored.username, password: stored.password };
  if (policy) {
    relay = { ...policy, ...account, caBundle: env.caBundle };
    serverSource = 'policy';
  } else if (fromEnv) {
    relay = { ...fromEnv, ...(fromEnv.username ? {} : account), caBundle: env.caBundle };
    serverSource = 'environment';
  } else if (stored.host && stored.port) {
    relay = { host: stored.host, port: stored.port, security: stored.security, ...account, caBundle: env.caBundle };
    serverSource = 'settings';
  }
  const demo = env.demo ? DEMO_IDENTITY : null;
  const fromAddress = stored.fromAddress ?? demo?.fromAddress ?? null;
  const problem = !relay
    ? 'The mail relay is not set up (SMTP settings).'
    : !fromAddress
      ? "The office's reply address (From) is not set (SMTP settings)."
      : !isValidEmail(fromAddress)
        ? `The office's reply address (${fromAddress}) is not a valid address.`
        : stored.replyTo && !isValidEmail(stored.replyTo)
          ? `The Reply-To address (${stored.replyTo}) is not a valid address.`
          : null;
  const locked = typeof env.policyReplyApproval === 'boolean';
  return {
    relay,
    serverSource,
    fromAddress,
    fromName: stored.fromName ?? demo?.fromName ?? null,
    replyTo: stored.replyTo,
    officeName: stored.officeName ?? demo?.officeName ?? null,
    replyApproval: locked ? (env.policyReplyApproval as boolean) : stored.replyApproval,
    replyApprovalLocked: locked,
    problem,
  };
}

export function settingsView(stored: StoredMailSettings, eff: EffectiveMailSettings): MailSettingsView {
  return {
    host: eff.relay && eff.serverSource !== 'settings' ? eff.relay.host : stored.host,
    port: eff.relay && eff.serverSource !== 'settings' ? eff.relay.port : stored.port,
    security: eff.relay && eff.serverSource !== 'settings' ? eff.relay.security : stored.security,
    username: stored.username,
    hasPassword: stored.password !== null && stored.password !== '',
    fromAddress: stored.fromAddress,
    fromName: stored.fromName,
    replyTo: stored.replyTo,
    officeName: stored.officeName,
    serverSource: eff.serverSource,
    replyApproval: eff.replyApproval,
    replyApprovalLocked: eff.replyApprovalLocked,
    problem: eff.problem,
  };
}

/** `<uuid@koe.office.example>`: made once per message, from the office's own domain. */
export function messageIdDomain(fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1);
  return `koe.${domainToASCII(domain) || 'localhost'}`;
}
