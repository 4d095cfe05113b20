import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender.js';

const top = (url: string) => ({ url, parent: null });

describe('isTrustedSender', () => {
  it.each([
    ['app://koe/index.html', 'app://koe', true],
    ['app://koe/', 'app://koe', true],
    ['app://KOE/index.html', 'app://koe', true],
    ['http://localhost:5173/', 'http://localhost:5173', true],
    ['http://localhost:5173/inbox?x=1#y', 'http://localhost:5173', true],
    ['app://koe.evil/index.html', 'app://koe', false],
    ['app://evil/index.html', 'app://koe', false],
    ['app://koe@evil/index.html', 'app://koe', false],
    ['https://koe/index.html', 'app://koe', false],
    ['http://localhost:5174/', 'http://localhost:5173', false],
    ['http://localhost:5173.attacker.com/', 'http://localhost:5173', false],
    ['https://localhost:5173/', 'http://localhost:5173', false],
    ['javascript:alert(1)', 'app://koe', false],
    ['data:text/html,<script>1</script>', 'app://koe', false],
    ['file:///etc/passwd', 'app://koe', false],
    ['about:blank', 'app://koe', false],
    ['', 'app://koe', false],
    ['not a url', 'app://koe', false],
  ])('%s from %s → %s', (url, origin, expected) => {
    expect(isTrustedSender(top(url), origin)).toBe(expected);
  });

  it('refuses a subframe even on the app origin', () => {
    expect(isTrustedSender({ url: 'app://koe/index.html', parent: { url: 'app://koe/' } }, 'app://koe')).toBe(false);
  });

  it('refuses a missing frame', () => {
    expect(isTrustedSender(null, 'app://koe')).toBe(false);
    expect(isTrustedSender(undefined, 'app://koe')).toBe(false);
  });

  it('refuses a frame whose parent is not exactly null', () => {
    expect(isTrustedSender({ url: 'app://koe/', parent: undefined }, 'app://koe')).toBe(false);
  });
});
