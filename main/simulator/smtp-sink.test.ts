// The simulator's mail sink: beside the API when asked for, listing what it accepted.
import { afterEach, describe, expect, it } from 'vitest';
import { deliver, parseSmtpUrl } from '../mail/smtp.js';
import { startSimulator, type SimulatorHandle } from './server.js';

let sim: SimulatorHandle | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('simulator mail sink', () => {
  it('runs on loopback beside the API and lists accepted messages, decoded, at GET /__sim/mail', async () => {
    sim = await startSimulator({ count: 5, smtpSink: true });
    expect(sim.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    const relay = parseSmtpUrl(sim.smtpUrl!.replace('smtp://', 'smtp://any:thing@'))!;
    await deliver(relay, {
      messageId: '<m1@koe.office.example>',
      date: '2026-11-28T01:00:00.000Z',
      fromAddress: 'kouchou@office.example',
      fromName: '政府広聴室',
      replyTo: null,
      recipient: 'citizen@example.jp',
      subject: 'ご意見ありがとうございました',
      body: '本文です。',
    });
    const res = await fetch(`${sim.url}/__sim/mail`);
    const { items } = (await res.json()) as { items: Record<string, unknown>[] };
    expect(items).toEqual([
      expect.objectContaining({
        mailFrom: 'kouchou@office.example',
        rcptTo: ['citizen@example.jp'],
        messageId: '<m1@koe.office.example>',
        from: '政府広聴室 <kouchou@office.example>',
        to: 'citizen@example.jp',
        subject: 'ご意見ありがとうございました',
        contentType: 'text/plain',
        text: '本文です。',
      }),
    ]);
  });

  it('is off unless asked for', async () => {
    sim = await startSimulator({ count: 5 });
    expect(sim.smtpUrl).toBeNull();
    expect(((await (await fetch(`${sim.url}/__sim/mail`)).json()) as { items: unknown[] }).items).toEqual([]);
  });
});
