// Reading a received message back: header unfolding, RFC 2047 encoded words, quoted-printable
// and base64 bodies. Just enough for the SMTP sink's listing and for tests that check what Koe
// put on the wire, written apart from the library that built the message.

export interface ReadMessage {
  /** Header names lower-cased, values unfolded but not decoded, in order. */
  headers: [string, string][];
  header(name: string): string | null;
  /** Every value of a header (e.g. two Received lines). */
  headerAll(name: string): string[];
  /** The header with encoded words decoded. */
  decoded(name: string): string | null;
  contentType: string;
  charset: string | null;
  transferEncoding: string;
  /** The decoded text of a single-part text message; null for anything else. */
  text: string | null;
  /** The body as it was on the wire. */
  rawBody: string;
}

export function readMessage(raw: Buffer | string): ReadMessage {
  const s = typeof raw === 'string' ? raw : raw.toString('latin1');
  const split = s.search(/\r?\n\r?\n/);
  const head = split < 0 ? s : s.slice(0, split);
  const rawBody = split < 0 ? '' : s.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: [string, string][] = [];
  for (const line of head.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).replace(/\r?\n[ \t]/g, ' ').trim()]);
  }
  const headerAll = (name: string) => headers.filter(([n]) => n === name.toLowerCase()).map(([, v]) => v);
  const header = (name: string) => headerAll(name)[0] ?? null;
  const ct = header('content-type') ?? 'text/plain; charset=us-ascii';
  const contentType = ct.split(';')[0].trim().toLowerCase();
  const charset = /charset="?([^";\s]+)"?/i.exec(ct)?.[1]?.toLowerCase() ?? null;
  const transferEncoding = (header('content-transfer-encoding') ?? '7bit').toLowerCase();
  let text: string | null = null;
  if (contentType.startsWith('text/')) {
    const bytes =
      transferEncoding === 'base64'
        ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64')
        : transferEncoding === 'quoted-printable'
          ? decodeQuotedPrintable(rawBody)
          : Buffer.from(rawBody, 'latin1');
    text = decodeCharset(bytes, charset ?? 'us-ascii').replace(/\r\n/g, '\n');
  }
  return {
    headers,
    header,
    headerAll,
    decoded: (name) => {
      const v = header(name);
      return v === null ? null : decodeWords(v);
    },
    contentType,
    charset,
    transferEncoding,
    text,
    rawBody,
  };
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

export function decodeQuotedPrintable(s: string): Buffer {
  const body = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(body.slice(i + 1, i + 3))) {
      out.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(body.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** RFC 2047: `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=`; whitespace between adjacent encoded words is dropped. */
export function decodeWords(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  const joined = value.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1');
  // Adjacent words may split one character's bytes: decode runs of same-charset words together.
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  const flush = () => {
    if (pending) out += decodeCharset(Buffer.concat(pending.bytes), pending.charset);
    pending = null;
  };
  for (const m of joined.matchAll(word)) {
    const start = m.index ?? 0;
    if (start > last) {
      flush();
      out += joined.slice(last, start);
    }
    const charset = m[1].toLowerCase().split('*')[0];
    const bytes = m[2].toUpperCase() === 'B' ? Buffer.from(m[3], 'base64') : decodeQuotedPrintable(m[3].replace(/_/g, ' '));
    if (pending && pending.charset !== charset) flush();
    if (!pending) pending = { charset, bytes: [] };
    pending.bytes.push(bytes);
    last = start + m[0].length;
  }
  flush();
  return out + joined.slice(last);
}

/** The address inside `Name <address>`, or the value itself. */
export function addressOf(value: string | null): string | null {
  if (value === null) return null;
  const m = /<([^>]+)>/.exec(value);
  return (m ? m[1] : value).trim();
}
