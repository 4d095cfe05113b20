// Koe's SMTP delivery against a real SMTP server (smtp-server) on loopback: what goes on the
// wire, TLS verification with the office's CA, and what each failure means for the message.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../simulator/smtp-sink.js';
import { readMessage } from '../simulator/mail-read.js';
import { hasOpenssl, makeTestCa, type TestCa } from '../test-support/test-ca.js';
import { classifySmtpError, deliver, parseSmtpUrl, transportOptions, type OutgoingMessage, type RelayConfig } from './smtp.js';

const JA_SUBJECT = '【政府広聴室】ご意見をお寄せいただきありがとうございます';
const JA_BODY = [
  'このたびは、2026年11月28日に「経済」に関するご意見をお寄せいただき、誠にありがとうございました。',
  '',
  'いただいたご意見は、担当部署と共有し、今後の政策の検討に当たって参考とさせていただきます。'.repeat(3),
  '— 政府広聴室 担当：佐藤 花子',
  'A line with an = sign and trailing space ',
].join('\n');

function message(over: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    messageId: '<0b7c5c0e-5d4e-4f57-9d5a-6f3e8d1f2a10@koe.office.example>',
    date: '2026-11-28T10:00:00.000Z',
    fromAddress: 'kouchou@office.example',
    fromName: '内閣府 政府広聴室',
    replyTo: 'iken@office.example',
    recipient: 'citizen@example.jp',
    subject: JA_SUBJECT,
    body: JA_BODY,
    ...over,
  };
}

const QUICK = { timeoutsMs: { connection: 5000, socket: 5000 } };
let sink: SmtpSink | null = null;
afterEach(async () => {
  await sink?.close();
  sink = null;
});

describe('the message on the wire', () => {
  it('is one UTF-8 text/plain part with encoded-word headers, the stable Message-ID and Date, and only the citizen as recipient', async () => {
    sink = await startSmtpSink({ auth: { user: 'koe', pass: 's3cret' } });
    const relay: RelayConfig = { host: '127.0.0.1', port: sink.port, security: 'starttls', username: 'koe', password: 's3cret' };
    const d = await deliver(relay, message(), QUICK);
    expect(d.accepted).toEqual(['citizen@example.jp']);

    expect(sink.messages).toHaveLength(1);
    const got = sink.messages[0];
    expect(got.mailFrom).toBe('kouchou@office.example');
    expect(got.rcptTo).toEqual(['citizen@example.jp']);
    expect(got.user).toBe('koe');

    const raw = got.raw.toString('latin1');
    // Headers are 7-bit: Japanese travels as RFC 2047 encoded words.
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(/^[\x20-\x7e\r\n\t]*$/.test(head)).toBe(true);
    expect(head).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);

    const m = readMessage(got.raw);
    expect(m.header('message-id')).toBe('<0b7c5c0e-5d4e-4f57-9d5a-6f3e8d1f2a10@koe.office.example>');
    expect(m.header('date')).toBe('Sat, 28 Nov 2026 10:00:00 +0000');
    expect(m.decoded('subject')).toBe(JA_SUBJECT);
    expect(m.decoded('from')).toBe('内閣府 政府広聴室 <kouchou@office.example>');
    expect(m.header('reply-to')).toBe('iken@office.example');
    expect(m.header('to')).toBe('citizen@example.jp');
    expect(m.header('mime-version')).toBe('1.0');
    expect(m.contentType).toBe('text/plain');
    expect(m.charset).toBe('utf-8');
    expect(['base64', 'quoted-printable']).toContain(m.transferEncoding);
    expect(m.text).toBe(JA_BODY);
    // Nothing else: no Cc/Bcc, no HTML, no tracking, no mailer advertisement.
    for (const h of ['cc', 'bcc', 'x-mailer', 'list-unsubscribe', 'disposition-notification-to', 'return-receipt-to']) expect(m.header(h)).toBeNull();
    expect(raw).not.toMatch(/text\/html|<img|multipart/i);
    // Lines stay within SMTP's limit.
    expect(raw.split('\r\n').every((l) => l.length <= 998)).toBe(true);
  });

  it('sends an English reply in the same shape', async () => {
    sink = await startSmtpSink();
    await deliver({ host: '127.0.0.1', port: sink.port, security: 'starttls', username: null, password: null }, message({ subject: '[Office] Thank you', body: 'Thank you for your message.\n', fromName: null, replyTo: null }), QUICK);
    const m = readMessage(sink.messages[0].raw);
    expect(m.header('subject')).toBe('[Office] Thank you');
    expect(m.header('from')).toBe('kouchou@office.example');
    expect(m.header('reply-to')).toBeNull();
    expect(m.text).toBe('Thank you for your message.\n');
  });
});

describe('TLS with the office’s own CA', () => {
  let ca: TestCa | null = null;
  beforeAll(() => {
    if (hasOpenssl()) ca = makeTestCa();
  });

  for (const implicitTls of [false, true]) {
    const label = implicitTls ? 'TLS from the first byte (smtps)' : 'STARTTLS';
    it(`${label}: verified with the CA bundle, refused without it`, async (ctx) => {
      if (!ca) ctx.skip();
      sink = await startSmtpSink({ tls: { key: ca!.serverKey, cert: ca!.serverCert }, implicitTls, auth: { user: 'koe', pass: 'pw' } });
      const relay: RelayConfig = { host: 'localhost', port: sink.port, security: implicitTls ? 'tls' : 'starttls', username: 'koe', password: 'pw' };

      await expect(deliver(relay, message(), QUICK)).rejects.toThrow(/certificate/i);
      let failure;
      try {
        await deliver(relay, message(), QUICK);
      } catch (err) {
        failure = classifySmtpError(err);
      }
      expect(failure?.kind).toBe('settings');
      expect(sink.messages).toHaveLength(0);

      await deliver({ ...relay, caBundle: ca!.caCert }, message(), QUICK);
      expect(sink.messages).toHaveLength(1);
      expect(sink.messages[0].secure).toBe(true);
    });
  }

  it('requires STARTTLS from a relay that is not on this machine and never turns verification off', () => {
    const o = transportOptions({ host: 'smtp.office.example', port: 587, security: 'starttls', username: 'u', password: 'p', caBundle: 'PEM' });
    expect(o.requireTLS).toBe(true);
    expect(o.secure).toBe(false);
    expect(o.tls?.rejectUnauthorized).toBe(true);
    expect(Array.isArray(o.tls?.ca) && o.tls.ca.length > 1).toBe(true); // the system roots plus the office CA
    expect(transportOptions({ host: 'smtp.office.example', port: 465, security: 'tls', username: null, password: null }).secure).toBe(true);
    expect(transportOptions({ host: '127.0.0.1', port: 2525, security: 'starttls', username: null, password: null }).requireTLS).toBe(false);
  });
});

describe('what a failure means', () => {
  const relayOf = (s: SmtpSink, password = 'pw'): RelayConfig => ({ host: '127.0.0.1', port: s.port, security: 'starttls', username: 'koe', password });
  const failureOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return classifySmtpError(err);
    }
    throw new Error('expected the delivery to fail');
  };

  it('a wrong password is a settings problem, with the relay’s words', async () => {
    sink = await startSmtpSink({ auth: { user: 'koe', pass: 'pw' } });
    const f = await failureOf(deliver(relayOf(sink, 'wrong'), message(), QUICK));
    expect(f).toMatchObject({ kind: 'settings', responseCode: 535 });
    expect(f.message).toContain('535');
    expect(sink.messages).toHaveLength(0);
  });

  it('4xx is temporary; the same message then goes through', async () => {
    sink = await startSmtpSink({ auth: { user: 'koe', pass: 'pw' } });
    sink.setFaults({ refuseNext: 1, refuseCode: 451, refuseMessage: '4.3.0 Mail server temporarily unavailable' });
    const f = await failureOf(deliver(relayOf(sink), message(), QUICK));
    expect(f).toMatchObject({ kind: 'temporary', responseCode: 451 });
    await deliver(relayOf(sink), message(), QUICK);
    expect(sink.messages).toHaveLength(1);
  });

  it('5xx is a refusal of this message, with the relay’s reason', async () => {
    sink = await startSmtpSink({ auth: { user: 'koe', pass: 'pw' } });
    sink.setFaults({ refuseNext: 1, refuseCode: 554, refuseMessage: '5.7.1 Message rejected as spam' });
    const f = await failureOf(deliver(relayOf(sink), message(), QUICK));
    expect(f).toEqual({ kind: 'rejected', responseCode: 554, message: '554 5.7.1 Message rejected as spam' });
  });

  it('a connection dropped in the middle of DATA is temporary, and nothing was accepted', async () => {
    sink = await startSmtpSink({ auth: { user: 'koe', pass: 'pw' } });
    sink.setFaults({ dropNext: 1 });
    const f = await failureOf(deliver(relayOf(sink), message({ body: 'x'.repeat(200_000) }), QUICK));
    expect(f.kind).toBe('temporary');
    expect(sink.messages).toHaveLength(0);
    expect(sink.attempts).toBe(1);
  });

  it('a relay that is not there is temporary', async () => {
    sink = await startSmtpSink();
    const port = sink.port;
    await sink.close();
    sink = null;
    const f = await failureOf(deliver({ host: '127.0.0.1', port, security: 'starttls', username: null, password: null }, message(), QUICK));
    expect(f.kind).toBe('temporary');
  });
});

describe('KOE_SMTP_URL', () => {
  it('reads smtp:// as STARTTLS and smtps:// as TLS, with the account percent-decoded', () => {
    expect(parseSmtpUrl('smtp://koe%40office:p%3Ass@relay.office.example:2525')).toEqual({
      host: 'relay.office.example',
      port: 2525,
      security: 'starttls',
      username: 'koe@office',
      password: 'p:ss',
    });
    expect(parseSmtpUrl('smtps://relay.office.example')).toMatchObject({ port: 465, security: 'tls', username: null });
    expect(parseSmtpUrl('smtp://relay.office.example')).toMatchObject({ port: 587 });
    expect(parseSmtpUrl('http://relay.office.example')).toBeNull();
    expect(parseSmtpUrl('not a url')).toBeNull();
  });
});
