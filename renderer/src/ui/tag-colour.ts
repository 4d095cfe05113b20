// A tag keeps the same colour everywhere and for everyone: derived from its text, not stored.
const PALETTE_SIZE = 8;

export function tagColourClass(tag: string): string {
  let h = 0;
  for (const ch of tag) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return `tag-c${h % PALETTE_SIZE}`;
}
