/**
 * Word tokens with character offsets, over the normalised copy of a sentence. Hyphens, apostrophes and
 * other punctuation are their own tokens, so "Fitna-al-Khawarij" and "Fitna al Khawarij" read alike;
 * numbers keep their separators ("1,200", "7.2") and ISPR's "2x".
 */
export interface Token {
  /** Normalised (lower-case) form. */
  norm: string;
  start: number;
  end: number;
  isWord: boolean;
  isNumber: boolean;
}

const tokenPattern = /\d+(?:[.,]\d+)*(?:x\b)?|[a-z\u00c0-\u024f\u0600-\u06ff]+(?:'s\b)?|[^\s]/g;

/** Tokenises `normalized` between `from` and `to` (absolute offsets are kept). */
export function tokenize(normalized: string, from = 0, to = normalized.length): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = from;
  let match: RegExpExecArray | null;
  while ((match = tokenPattern.exec(normalized)) !== null) {
    const start = match.index;
    if (start >= to) break;
    let norm = match[0];
    let end = start + norm.length;
    if (end > to) {
      norm = norm.slice(0, to - start);
      end = to;
    }
    const first = norm.charCodeAt(0);
    const isNumber = first >= 48 && first <= 57;
    const isWord = isNumber || (first >= 0x61 && first <= 0x7a) || (first >= 0xc0 && first <= 0x24f) || (first >= 0x600 && first <= 0x6ff);
    if (norm.endsWith("'s") && norm.length > 2) norm = norm.slice(0, -2);
    tokens.push({ norm, start, end, isWord, isNumber });
  }
  return tokens;
}
