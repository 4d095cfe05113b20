// Delivering one reply to the office's mail relay with nodemailer: the transport settings (TLS
// always verified, the office's CA added to the system's roots, never replacing them), the
// message itself (plain text only, UTF-8, the stable Message-ID and Date it was queued with),
// and what a failure means for the message.
import { rootCertificates } from 'node:tls';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpSecurity } from '../../shared/contract-mail.js';

export interface RelayConfig {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  password: string | null;
  /** The office's internal CA (PEM), added to the system's trusted roots. */
  caBundle?: string;
}

/** One message as it was queued: everything that goes on the wire is fixed here. */
export interface OutgoingMessage {
  messageId: string;
  /** RFC 3339; the Date header, fixed at queue time so a resend is the same message. */
  date: string;
  fromAddress: string;
  fromName: string | null;
  replyTo: string | null;
  recipient: string;
  subject: string;
  body: string;
}

export interface Delivery {
  response: string;
  accepted: string[];
}

export const isLoopbackHost = (host: string) => host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

export const CONNECTION_TIMEOUT_MS = 30_000;
export const SOCKET_TIMEOUT_MS = 60_000;

/**
 * nodemailer's transport options. STARTTLS is required, except to a relay on this machine (the
 * demo's sink), where it is used whenever the relay offers it. Either way a certificate that
 * does not verify ends the connection: there is no switch that turns verification off.
 */
export function transportOptions(c: RelayConfig, o: { timeoutsMs?: { connection: number; socket: number } } = {}): SMTPTransport.Options {
  const implicitTls = c.security === 'tls';
  return {
    host: c.host,
    port: c.port,
    secure: implicitTls,
    requireTLS: !implicitTls && !isLoopbackHost(c.host),
    ignoreTLS: false,
    opportunisticTLS: false,
    auth: c.username ? { user: c.username, pass: c.password ?? '' } : undefined,
    tls: {
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      ca: c.caBundle ? [...rootCertificates, c.caBundle] : undefined,
      servername: /^[\d.]+$|:/.test(c.host) ? undefined : c.host,
    },
    connectionTimeout: o.timeoutsMs?.connection ?? CONNECTION_TIMEOUT_MS,
    greetingTimeout: o.timeoutsMs?.connection ?? CONNECTION_TIMEOUT_MS,
    socketTimeout: o.timeoutsMs?.socket ?? SOCKET_TIMEOUT_MS,
    // The message is built only from the text given: nothing is fetched, nothing is read from disk.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  };
}

/** The message as nodemailer builds it: one text/plain part, UTF-8, no HTML, nothing added. */
export function mailOptions(m: OutgoingMessage): SMTPTransport.MailOptions {
  return {
    from: { name: m.fromName ?? '', address: m.fromAddress },
    replyTo: m.replyTo ?? undefined,
    to: m.recipient,
    subject: m.subject,
    text: m.body,
    messageId: m.messageId,
    date: new Date(m.date),
    // Exactly one recipient, whatever the headers say.
    envelope: { from: m.fromAddress, to: [m.recipient] },
    xMailer: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** Sends one message over a fresh connection and closes it. Throws nodemailer's error as it is. */
export async function deliver(c: RelayConfig, m: OutgoingMessage, o: { timeoutsMs?: { connection: number; socket: number } } = {}): Promise<Delivery> {
  const transport = nodemailer.createTransport(transportOptions(c, o));
  try {
    const info = await transport.sendMail(mailOptions(m));
    const accepted = (info.accepted ?? []).map(String);
    if (!accepted.includes(m.recipient)) {
      // The relay took the transaction but not the one recipient: nothing was delivered.
      throw Object.assign(new Error(`the relay did not accept the recipient: ${info.response}`), { responseCode: 550, permanent: true });
    }
    return { response: info.response, accepted };
  } finally {
    transport.close();
  }
}

export interface SmtpFailure {
  /** temporary: try again later; rejected: the relay refused this message for good; settings:
   * the relay cannot be used as configured (credentials, certificate, address). */
  kind: 'temporary' | 'rejected' | 'settings';
  message: string;
  responseCode: number | null;
}

const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|HOSTNAME|ERR_SSL|ERR_TLS|EPROTO/;

/** What a nodemailer error means for the message. The relay's own words are kept. */
export function classifySmtpError(err: unknown): SmtpFailure {
  const e = (err ?? {}) as { code?: string; originalCode?: string; responseCode?: number; permanent?: boolean; response?: string; message?: string };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const relaySaid = e.response?.trim() || e.message || String(err);
  const codes = `${e.code ?? ''} ${e.originalCode ?? ''} ${e.message ?? ''}`;
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || responseCode === 530 || responseCode === 534 || responseCode === 535 || responseCode === 538) {
    return { kind: 'settings', message: `the relay refused Koe's user name or password (${relaySaid})`, responseCode };
  }
  if (e.code === 'ETLS' || CERT_CODES.test(codes)) {
    return { kind: 'settings', message: `a secure connection to the relay could not be made: ${e.message ?? relaySaid}`, responseCode };
  }
  if (e.code === 'ECONFIG') return { kind: 'settings', message: `the relay settings are not valid: ${e.message ?? relaySaid}`, responseCode };
  if (responseCode !== null && (e.permanent === true || (e.permanent === undefined && responseCode >= 500 && responseCode !== 503))) {
    return { kind: 'rejected', message: relaySaid, responseCode };
  }
  return { kind: 'temporary', message: relaySaid, responseCode };
}

/**
 * `smtp://user:pass@host:port` (STARTTLS) or `smtps://…` (TLS from the first byte), as
 * KOE_SMTP_URL and the managed policy's smtpUrl give it. Null when it is not such a URL.
 */
export function parseSmtpUrl(value: string): (Omit<RelayConfig, 'caBundle'>) | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const security: SmtpSecurity | null = url.protocol === 'smtp:' ? 'starttls' : url.protocol === 'smtps:' ? 'tls' : null;
  if (!security || !url.hostname) return null;
  const port = url.port ? Number(url.port) : security === 'tls' ? 465 : 587;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return {
    host,
    port,
    security,
    username: url.username ? decodeURIComponent(url.username) : null,
    password: url.password ? decodeURIComponent(url.password) : null,
  };
}
