import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppAsset, serveAppAsset } from './app-protocol.js';

const root = path.resolve('/srv/koe/dist/renderer');

describe('resolveAppAsset', () => {
  it.each([
    ['app://koe/', 'index.html'],
    ['app://koe', 'index.html'],
    ['app://koe/index.html', 'index.html'],
    ['app://koe/assets/app-1234.js', 'assets/app-1234.js'],
    ['app://koe/assets/app.js?v=1#x', 'assets/app.js'],
    ['app://KOE/index.html', 'index.html'],
    ['app://koe/fonts/%E5%A3%B0.woff2', 'fonts/声.woff2'],
    ['app://koe/a/../index.html', 'index.html'],
  ])('%s → %s', (url, relative) => {
    expect(resolveAppAsset(root, url)).toBe(path.join(root, relative));
  });

  it.each([
    // The URL parser already folds plain and singly-encoded dot segments back inside the root.
    ['app://koe/../secret.txt', 'secret.txt'],
    ['app://koe/%2e%2e/secret.txt', 'secret.txt'],
    ['app://koe/%2f%2fetc%2fpasswd/..', 'index.html'],
  ])('keeps %s inside the root', (url, relative) => {
    expect(resolveAppAsset(root, url)).toBe(path.join(root, relative));
  });

  it.each([
    'app://koe/%2E%2E%2Fsecret.txt',
    'app://koe/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://koe/..%2f..%2fetc%2fpasswd',
    'app://koe/..%5c..%5cWindows%5cwin.ini',
    'app://koe/index.html%00.png',
    'app://koe/%E0%A4%A',
    'app://koe.evil/index.html',
    'app://evil/index.html',
    'app://user@koe/index.html',
    'https://koe/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });
});

describe('serveAppAsset', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-protocol-'));
    fs.mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Koe</title>');
    fs.writeFileSync(path.join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves a file with its type and the CSP header', async () => {
    const res = await serveAppAsset(path.join(dir, 'renderer'), 'app://koe/assets/app.js', "default-src 'none'");
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('serves index.html at the root', async () => {
    const res = await serveAppAsset(path.join(dir, 'renderer'), 'app://koe/', 'csp');
    expect(await res.text()).toContain('<title>Koe</title>');
  });

  it.each(['app://koe/%2e%2e/secret.txt', 'app://koe/missing.js', 'app://koe/assets'])('answers 404 for %s', async (url) => {
    const res = await serveAppAsset(path.join(dir, 'renderer'), url, 'csp');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe('csp');
    expect(await res.text()).not.toContain('outside');
  });

  it('knows the renderer file types', () => {
    expect(contentTypeFor('x.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('x.bin')).toBe('application/octet-stream');
  });
});
