// SHA-256 sums published beside the installers, in the format `sha256sum -c` reads
// ("<hex>  <file name>"), so IT can check a download on any Linux machine (and with
// `Get-FileHash` or `shasum -a 256` elsewhere). dist.ts writes them after a build;
// `npm run dist:checksums -- <dir>` writes them for a folder of installers.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHECKSUM_FILE } from './layout.js';

/** The files a release publishes: installers and the archives updates are made from. */
export const PUBLISHED = /\.(deb|rpm|AppImage|exe|msi|dmg|zip|blockmap)$/;

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function checksumLines(entries: readonly { name: string; sha256: string }[]): string {
  for (const { name } of entries) {
    // One name per line, no folders: what sha256sum -c expects beside the files.
    if (/[\r\n]/.test(name) || name.includes('/') || name.includes('\\')) throw new Error(`cannot list "${name}" in ${CHECKSUM_FILE}`);
  }
  return [...entries]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => `${e.sha256}  ${e.name}\n`)
    .join('');
}

/** Writes `<dir>/SHA256SUMS` for the given files (all in `dir`); returns its path. */
export async function writeChecksums(dir: string, names?: readonly string[]): Promise<string> {
  const files = names ?? fs.readdirSync(dir).filter((n) => PUBLISHED.test(n) && fs.statSync(path.join(dir, n)).isFile());
  if (files.length === 0) throw new Error(`no installers in ${dir} to list in ${CHECKSUM_FILE}`);
  const entries = await Promise.all(files.map(async (name) => ({ name, sha256: await sha256File(path.join(dir, name)) })));
  const out = path.join(dir, CHECKSUM_FILE);
  fs.writeFileSync(out, checksumLines(entries));
  return out;
}

/** Checks every line of a SHA256SUMS file; returns the names that do not match (or are missing). */
export async function verifyChecksums(dir: string): Promise<string[]> {
  const bad: string[] = [];
  for (const line of fs.readFileSync(path.join(dir, CHECKSUM_FILE), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) {
      bad.push(line);
      continue;
    }
    const file = path.join(dir, match[2]);
    if (!fs.existsSync(file) || (await sha256File(file)) !== match[1]) bad.push(match[2]);
  }
  return bad;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: npm run dist:checksums -- <folder of installers>\n');
    process.exit(2);
  }
  writeChecksums(path.resolve(dir)).then(
    (file) => process.stdout.write(`${file}\n`),
    (error: unknown) => {
      process.stderr.write(`koe: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
