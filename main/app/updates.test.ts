import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { CHECK_INTERVAL_MS, FIRST_CHECK_DELAY_MS } from '../updates/policy.js';
import { startUpdates, type AutoUpdaterLike } from './updates.js';

const FEED = 'https://updates.office.example.go.jp/koe/';

function fakeUpdater() {
  const emitter = new EventEmitter();
  const updater = Object.assign(emitter, {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    allowDowngrade: true,
    allowPrerelease: true,
    logger: null as AutoUpdaterLike['logger'],
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => {
      emitter.emit('checking-for-update');
      return null;
    }),
    quitAndInstall: vi.fn(),
  });
  return updater;
}

function start(opts: { sending?: () => boolean } = {}) {
  const updater = fakeUpdater();
  const timers = { setTimeout: vi.fn(), setInterval: vi.fn(), clearTimeout: vi.fn(), clearInterval: vi.fn() };
  const updates = startUpdates({
    decision: { enabled: true, feedUrl: FEED },
    updater: () => updater as unknown as AutoUpdaterLike,
    isSendInFlight: opts.sending ?? (() => false),
    log: vi.fn(),
    timers: timers as unknown as NonNullable<Parameters<typeof startUpdates>[0]['timers']>,
  });
  return { updater, updates, timers };
}

describe('startUpdates', () => {
  it('leaves electron-updater untouched when updates are off', async () => {
    const updater = vi.fn();
    const updates = startUpdates({ decision: { enabled: false, reason: 'msi' }, updater, isSendInFlight: () => false, log: vi.fn() });
    expect(updater).not.toHaveBeenCalled();
    expect(updates.status()).toEqual({ state: 'off', reason: 'msi' });
    expect(await updates.check()).toEqual({ state: 'off', reason: 'msi' });
    expect(updates.install()).toEqual({ started: false, reason: 'not-ready' });
  });

  it('uses only the feed IT set, downloads in the background and never installs on quit', () => {
    const { updater, timers } = start();
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: FEED });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.allowPrerelease).toBe(false);
    expect(timers.setTimeout).toHaveBeenCalledWith(expect.any(Function), FIRST_CHECK_DELAY_MS);
    expect(timers.setInterval).toHaveBeenCalledWith(expect.any(Function), CHECK_INTERVAL_MS);
  });

  it('follows a check through download to ready, with the release notes as text', async () => {
    const { updater, updates } = start();
    expect(await updates.check()).toEqual({ state: 'checking' });
    updater.emit('update-available', { version: '0.2.0' });
    updater.emit('download-progress', { percent: 41.6 });
    expect(updates.status()).toEqual({ state: 'downloading', version: '0.2.0', percent: 42 });
    updater.emit('update-downloaded', { version: '0.2.0', releaseDate: '2026-12-01T00:00:00Z', releaseNotes: '<p>返信の承認に対応</p>' });
    expect(updates.status()).toEqual({ state: 'ready', version: '0.2.0', releaseDate: '2026-12-01T00:00:00Z', releaseNotes: '返信の承認に対応' });
    // A later failed check does not lose the downloaded update.
    updater.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
    expect(updates.status().state).toBe('ready');
  });

  it('reports a failed check briefly', () => {
    const { updater, updates } = start();
    updater.emit('error', new Error('sha512 checksum mismatch\n at somewhere'));
    expect(updates.status()).toEqual({ state: 'error', message: 'sha512 checksum mismatch' });
  });

  it('does not install while a send is in flight, and installs once it is done', () => {
    let sending = true;
    const { updater, updates } = start({ sending: () => sending });
    expect(updates.install()).toEqual({ started: false, reason: 'not-ready' });
    updater.emit('update-downloaded', { version: '0.2.0', releaseNotes: null });
    expect(updates.install()).toEqual({ started: false, reason: 'send-in-flight' });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    sending = false;
    expect(updates.install()).toEqual({ started: true });
    expect(updater.quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  it('stops its timers', () => {
    const { updates, timers } = start();
    updates.stop();
    expect(timers.clearTimeout).toHaveBeenCalled();
    expect(timers.clearInterval).toHaveBeenCalled();
  });
});
