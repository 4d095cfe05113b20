// Opaque paging cursors: base64url of a small JSON with the feed, the position and the epoch
// it was issued in. Positions are stable (feeds only grow), so re-reading an old cursor is
// always safe, unless the "expire cursors" switch has bumped the epoch past it.

export interface CursorState {
  feed: string;
  position: number;
  epoch: number;
}

export function encodeCursor(c: CursorState): string {
  return Buffer.from(JSON.stringify({ f: c.feed, p: c.position, e: c.epoch })).toString('base64url');
}

/** Null for anything we did not issue for this feed. */
export function decodeCursor(raw: string, feed: string): CursorState | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(raw)) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof v !== 'object' || v === null) return null;
    const { f, p, e } = v as Record<string, unknown>;
    if (f !== feed || !Number.isSafeInteger(p) || (p as number) < 0 || !Number.isSafeInteger(e) || (e as number) < 0) return null;
    return { feed, position: p as number, epoch: e as number };
  } catch {
    return null;
  }
}
