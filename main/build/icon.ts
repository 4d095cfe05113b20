// Koe's icon, drawn once as a few shapes: a speech bubble (what citizens send) holding the bars
// of a voice (声), on the app's accent blue. The same shapes give the SVG source and the PNGs the
// installers need (electron-builder makes .ico and .icns from the 512 px PNG), so the build needs
// no image tools. `npm run icons` writes them into resources/; a test checks they are current.
import zlib from 'node:zlib';

/** On a 1024-unit square. */
type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; r: number; fill: string }
  | { kind: 'polygon'; points: [number, number][]; fill: string };

const ACCENT = '#2450a6';
const WHITE = '#ffffff';

export const ICON_SHAPES: readonly Shape[] = [
  { kind: 'rect', x: 0, y: 0, w: 1024, h: 1024, r: 224, fill: ACCENT },
  { kind: 'rect', x: 176, y: 224, w: 672, h: 480, r: 128, fill: WHITE },
  { kind: 'polygon', points: [[300, 680], [452, 680], [248, 852]], fill: WHITE },
  { kind: 'rect', x: 356, y: 384, w: 72, h: 160, r: 36, fill: ACCENT },
  { kind: 'rect', x: 476, y: 316, w: 72, h: 296, r: 36, fill: ACCENT },
  { kind: 'rect', x: 596, y: 384, w: 72, h: 160, r: 36, fill: ACCENT },
];

export const ICON_SIZES = [512, 256] as const;

export function iconSvg(): string {
  const body = ICON_SHAPES.map((s) =>
    s.kind === 'rect'
      ? `  <rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`
      : `  <polygon points="${s.points.map(([x, y]) => `${x},${y}`).join(' ')}" fill="${s.fill}"/>`,
  );
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024" width="1024" height="1024">',
    '  <title>Koe</title>',
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

function inside(shape: Shape, x: number, y: number): boolean {
  if (shape.kind === 'rect') {
    if (x < shape.x || x > shape.x + shape.w || y < shape.y || y > shape.y + shape.h) return false;
    // Distance from the nearest corner's centre, only in the corner squares.
    const cx = Math.min(Math.max(x, shape.x + shape.r), shape.x + shape.w - shape.r);
    const cy = Math.min(Math.max(y, shape.y + shape.r), shape.y + shape.h - shape.r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= shape.r ** 2;
  }
  let hit = false;
  const p = shape.points;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
    const [xi, yi] = p[i];
    const [xj, yj] = p[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** RGBA pixels, anti-aliased with a 4×4 grid of samples per pixel. */
export function renderIcon(size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const grid = 4;
  const scale = 1024 / size;
  const colours = ICON_SHAPES.map((s) => rgb(s.fill));
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const x = (px + (sx + 0.5) / grid) * scale;
          const y = (py + (sy + 0.5) / grid) * scale;
          // The topmost shape under the sample paints it.
          for (let i = ICON_SHAPES.length - 1; i >= 0; i--) {
            if (!inside(ICON_SHAPES[i], x, y)) continue;
            r += colours[i][0];
            g += colours[i][1];
            b += colours[i][2];
            a += 255;
            break;
          }
        }
      }
      const n = grid * grid;
      const covered = a / 255;
      const o = (py * size + px) * 4;
      // Colour averaged over the covered samples (straight alpha), coverage as alpha.
      pixels[o] = covered ? Math.round(r / covered) : 0;
      pixels[o + 1] = covered ? Math.round(g / covered) : 0;
      pixels[o + 2] = covered ? Math.round(b / covered) : 0;
      pixels[o + 3] = Math.round(a / n);
    }
  }
  return pixels;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A PNG (8-bit RGBA, no filter) of the given RGBA pixels. */
export function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every icon file, by its path under the repository root. */
export function iconFiles(): Record<string, Buffer> {
  const files: Record<string, Buffer> = { 'resources/icon.svg': Buffer.from(iconSvg()) };
  for (const size of ICON_SIZES) files[`resources/icons/${size}x${size}.png`] = encodePng(size, renderIcon(size));
  return files;
}
