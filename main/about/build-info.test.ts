import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_INFO_FILE } from '../build/layout.js';
import { BUILD_INFO_PATH, buildFacts, buildInfoJson, readBuildInfo, type BuildInfo } from './build-info.js';

const info: BuildInfo = {
  format: 'koe-build-info',
  version: 1,
  appVersion: '0.3.1',
  signing: 'unsigned',
  platform: 'win32',
  fuses: 'release',
  builtAt: '2026-12-01T00:00:00.000Z',
  commit: 'abcdef0123456',
};
const runtime = { platform: 'win32', arch: 'x64', versions: { electron: '45.5.0', chrome: '142.0.0.0', node: '22.20.0' } };

let root: string;
afterEach(() => root && fs.rmSync(root, { recursive: true, force: true }));

describe('build info', () => {
  it('is read from where the build script writes it', () => {
    expect(BUILD_INFO_PATH.split(path.sep).join('/')).toBe(BUILD_INFO_FILE);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-build-info-'));
    fs.mkdirSync(path.join(root, 'dist'));
    fs.writeFileSync(path.join(root, BUILD_INFO_PATH), buildInfoJson(info));
    expect(readBuildInfo(root)).toEqual(info);
  });

  it('is absent when missing or malformed', () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-build-info-'));
    expect(readBuildInfo(root)).toBeNull();
    fs.mkdirSync(path.join(root, 'dist'));
    fs.writeFileSync(path.join(root, BUILD_INFO_PATH), JSON.stringify({ ...info, signing: 'trust me' }));
    expect(readBuildInfo(root)).toBeNull();
    fs.writeFileSync(path.join(root, BUILD_INFO_PATH), '{');
    expect(readBuildInfo(root)).toBeNull();
  });

  it('says UNSIGNED for an unsigned package and for a package without build info', () => {
    expect(buildFacts(info, { packaged: true, appVersion: '9.9.9', runtime })).toMatchObject({ appVersion: '0.3.1', signing: 'unsigned', fuses: 'release', electron: '45.5.0' });
    expect(buildFacts(null, { packaged: true, appVersion: '0.3.1', runtime })).toMatchObject({ signing: 'unsigned', fuses: null });
  });

  it('never lets a development build claim a signature', () => {
    expect(buildFacts({ ...info, signing: 'signed' }, { packaged: false, appVersion: '0.3.1', runtime })).toMatchObject({ signing: 'development', fuses: null, builtAt: null });
  });
});
