// What two submissions must share to count as "the same text": the characters that carry
// meaning. Campaign senders re-type, re-punctuate and re-space a template, and citizens mix
// full-width and half-width forms, so those differences are removed before comparing.

/** Whitespace, punctuation, symbols and control/format characters: none of them say anything. */
const NOISE = /[\p{P}\p{S}\p{Z}\p{C}\s]+/gu;

/** NFKC (full-width ↔ half-width, compatibility forms), lower case, and only letters/digits/marks. */
export function normalizeForSimilarity(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOISE, '');
}

/** The normalized text as code points (kanji outside the BMP count as one character). */
export function codePoints(normalized: string): Uint32Array {
  const out = new Uint32Array(normalized.length);
  let n = 0;
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized.codePointAt(i)!;
    if (c > 0xffff) i++;
    out[n++] = c;
  }
  return out.subarray(0, n);
}
