import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checksumLines, sha256File, verifyChecksums, writeChecksums } from './checksums.js';
import { CHECKSUM_FILE } from './layout.js';

let dir: string;
afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

const hasSha256sum = (() => {
  try {
    execFileSync('sha256sum', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('checksums', () => {
  it('hashes files as SHA-256 (known answers)', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-sums-'));
    fs.writeFileSync(path.join(dir, 'abc'), 'abc');
    fs.writeFileSync(path.join(dir, 'empty'), '');
    expect(await sha256File(path.join(dir, 'abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256File(path.join(dir, 'empty'))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('lists the installers in a folder, sorted, in the sha256sum format', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-sums-'));
    fs.writeFileSync(path.join(dir, 'Koe-0.1.0-linux-x64.deb'), 'abc');
    fs.writeFileSync(path.join(dir, 'Koe-0.1.0-linux-x86_64.rpm'), '');
    fs.writeFileSync(path.join(dir, 'Koe-0.1.0-linux-x86_64.AppImage'), 'abc');
    fs.writeFileSync(path.join(dir, 'builder-debug.yml'), 'not published');
    const file = await writeChecksums(dir);
    expect(path.basename(file)).toBe(CHECKSUM_FILE);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  Koe-0.1.0-linux-x64.deb\n' +
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  Koe-0.1.0-linux-x86_64.AppImage\n' +
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  Koe-0.1.0-linux-x86_64.rpm\n',
    );
    expect(await verifyChecksums(dir)).toEqual([]);
    fs.appendFileSync(path.join(dir, 'Koe-0.1.0-linux-x64.deb'), 'tampered');
    expect(await verifyChecksums(dir)).toEqual(['Koe-0.1.0-linux-x64.deb']);
  });

  it.runIf(hasSha256sum)('is what `sha256sum -c` accepts', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-sums-'));
    fs.writeFileSync(path.join(dir, 'Koe Setup 0.1.0.exe'), 'installer bytes');
    fs.writeFileSync(path.join(dir, 'Koe-0.1.0.msi'), 'msi bytes');
    await writeChecksums(dir);
    expect(execFileSync('sha256sum', ['-c', CHECKSUM_FILE], { cwd: dir, encoding: 'utf8' })).toBe('Koe Setup 0.1.0.exe: OK\nKoe-0.1.0.msi: OK\n');
  });

  it('refuses names that would break the list, and an empty folder', async () => {
    expect(() => checksumLines([{ name: 'a\nb', sha256: '0'.repeat(64) }])).toThrow();
    expect(() => checksumLines([{ name: 'sub/a.deb', sha256: '0'.repeat(64) }])).toThrow();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-sums-'));
    await expect(writeChecksums(dir)).rejects.toThrow(/no installers/);
  });
});
