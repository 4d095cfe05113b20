import { describe, expect, it } from 'vitest';
import { rendererLocation } from './renderer-location.js';

const packaged = { origin: 'app://koe', startUrl: 'app://koe/index.html', dev: false };

describe('rendererLocation', () => {
  it('uses app://koe when packaged, whatever the environment says', () => {
    expect(rendererLocation({ packaged: true })).toEqual(packaged);
    expect(rendererLocation({ packaged: true, devServerUrl: 'http://localhost:5173' })).toEqual(packaged);
  });

  it('uses a local dev server in an unpackaged build', () => {
    expect(rendererLocation({ packaged: false, devServerUrl: 'http://localhost:5173/' })).toEqual({
      origin: 'http://localhost:5173',
      startUrl: 'http://localhost:5173/',
      dev: true,
    });
    expect(rendererLocation({ packaged: false, devServerUrl: 'http://127.0.0.1:4000' }).origin).toBe('http://127.0.0.1:4000');
  });

  it.each(['https://attacker.example', 'http://localhost.attacker.example:5173', 'http://user@localhost:5173', 'file:///tmp/index.html', 'javascript:1'])(
    'ignores a dev server URL that is not this machine: %s',
    (devServerUrl) => {
      expect(rendererLocation({ packaged: false, devServerUrl })).toEqual(packaged);
    },
  );

  it('uses app://koe in an unpackaged build without a dev server', () => {
    expect(rendererLocation({ packaged: false })).toEqual(packaged);
  });
});
