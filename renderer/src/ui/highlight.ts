// Splits text around the words of a search so matches can be marked. The pieces are rendered
// as text nodes, never as HTML, so a search cannot inject markup either.
export interface Piece {
  text: string;
  hit: boolean;
}

export function searchTerms(query: string | undefined): string[] {
  if (!query) return [];
  // Longest first, so "子育て支援" wins over "子育て" where both match.
  return [...new Set(query.split(/[\s\u3000]+/).filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
}

export function splitHighlights(text: string, terms: readonly string[]): Piece[] {
  if (terms.length === 0 || text === '') return [{ text, hit: false }];
  const pattern = new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const at = m.index ?? 0;
    if (at > last) pieces.push({ text: text.slice(last, at), hit: false });
    pieces.push({ text: m[0], hit: true });
    last = at + m[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), hit: false });
  return pieces;
}
