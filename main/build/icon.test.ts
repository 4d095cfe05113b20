import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ICON_SIZES, iconFiles, iconSvg, renderIcon } from './icon.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Width, height and RGBA pixels of an 8-bit RGBA PNG without filters (what encodePng writes). */
function decodePng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(zlib.crc32(png.subarray(offset + 4, offset + 8 + length)) >>> 0);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const rows = zlib.inflateSync(Buffer.concat(data));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(rows[y * (width * 4 + 1)]).toBe(0);
    rows.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

describe('the icon', () => {
  it('SVG source is committed as generated (npm run icons)', () => {
    expect(fs.readFileSync(path.join(ROOT, 'resources/icon.svg'), 'utf8')).toBe(iconSvg());
  });

  it.each(ICON_SIZES)('%i px PNG is committed as drawn from the same shapes', (size) => {
    const png = decodePng(fs.readFileSync(path.join(ROOT, `resources/icons/${size}x${size}.png`)));
    expect([png.width, png.height]).toEqual([size, size]);
    expect(png.rgba.equals(renderIcon(size))).toBe(true);
  });

  it('is opaque accent blue in the middle of an edge and transparent in the corner', () => {
    const { rgba } = decodePng(iconFiles()['resources/icons/256x256.png']);
    const at = (x: number, y: number) => [...rgba.subarray((y * 256 + x) * 4, (y * 256 + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0);
    expect(at(128, 2)).toEqual([0x24, 0x50, 0xa6, 255]);
  });
});
