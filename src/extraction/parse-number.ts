/**
 * Cardinal numbers as news text writes them: digits with thousands separators ("1,200", "1.200"),
 * decimals with scale words ("7.2 billion"), ISPR's "2x", number words ("twenty-three", "a dozen",
 * "one hundred and five") and vague amounts ("dozens", "several"), which parse as vague (value null).
 */
import type { Token } from "./tokenize.ts";

export interface ParsedNumber {
  /** null for vague amounts ("dozens", "several", "scores"). */
  value: number | null;
  /** Index of the first and one past the last token of the number. */
  from: number;
  to: number;
  isVague: boolean;
  /** True when the number is the article "a"/"an" or the word "one"/"another" (counts only before a noun). */
  isArticle: boolean;
}

const units: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19,
};
const tens: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const scales: Record<string, number> = {
  hundred: 100, thousand: 1_000, lakh: 100_000, lakhs: 100_000, million: 1_000_000, crore: 10_000_000,
  billion: 1_000_000_000, trillion: 1_000_000_000_000, mn: 1_000_000, bn: 1_000_000_000,
};
const vagueWords = new Set([
  "dozens", "scores", "several", "many", "numerous", "hundreds", "thousands", "some", "multiple", "few",
  "various", "countless", "tens", "millions",
]);

/** The value of a digit token: "1,200" and "1.200" → 1200, "7.2" → 7.2, "2x" → 2; NaN when not a number. */
export function parseDigits(raw: string): number {
  let s = raw.endsWith("x") ? raw.slice(0, -1) : raw;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  else if (/^\d{1,3}(\.\d{3}){2,}$/.test(s) || /^\d{1,3}\.\d{3}$/.test(s)) s = s.replace(/\./g, "");
  else if (/^\d+,\d{1,2}$/.test(s)) s = s.replace(",", ".");
  else if (/^\d+(,\d+)+$/.test(s)) s = s.replace(/,/g, "");
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** Number word value (units and tens only), or undefined. */
export function numberWordValue(word: string): number | undefined {
  return units[word] ?? tens[word];
}

/** Parses a number starting at token `i`, or returns undefined. */
export function parseNumberAt(tokens: readonly Token[], i: number): ParsedNumber | undefined {
  const token = tokens[i];
  if (token === undefined) return undefined;
  const word = token.norm;
  if (token.isNumber) {
    let value = parseDigits(word);
    if (Number.isNaN(value)) return undefined;
    let to = i + 1;
    const next = tokens[to];
    const scale = next === undefined ? undefined : scales[next.norm];
    if (scale !== undefined && scale >= 1000) {
      value = Math.round(value * scale);
      to++;
    }
    return { value, from: i, to, isVague: false, isArticle: false };
  }
  if (vagueWords.has(word)) {
    // "hundreds of", "dozens of": vague; "some 40" is a qualifier, handled by the caller.
    if (word === "some" || word === "few") return undefined;
    return { value: null, from: i, to: i + 1, isVague: true, isArticle: false };
  }
  if (word === "a" || word === "an") {
    const next = tokens[i + 1]?.norm;
    if (next === "dozen") return { value: 12, from: i, to: i + 2, isVague: false, isArticle: false };
    if (next === "hundred" || next === "thousand") return { value: scales[next] ?? null, from: i, to: i + 2, isVague: false, isArticle: false };
    return { value: 1, from: i, to: i + 1, isVague: false, isArticle: true };
  }
  if (word === "another" || word === "single") return { value: 1, from: i, to: i + 1, isVague: false, isArticle: true };
  if (word === "both" || word === "pair") return { value: 2, from: i, to: i + 1, isVague: false, isArticle: true };
  if (word === "dozen") return { value: 12, from: i, to: i + 1, isVague: false, isArticle: false };
  if (units[word] === undefined && tens[word] === undefined) return undefined;
  // Compose number words: "one hundred and twenty-three", "two thousand five hundred".
  let total = 0;
  let current = 0;
  let j = i;
  let lastWasNumber = false;
  while (j < tokens.length) {
    const w = tokens[j]!.norm;
    const unit = units[w];
    const ten = tens[w];
    const scale = scales[w];
    if (unit !== undefined) {
      if (lastWasNumber && current % 10 !== 0 && current !== 0) break;
      current += unit;
      lastWasNumber = true;
    } else if (ten !== undefined) {
      if (lastWasNumber && current % 100 !== 0) break;
      current += ten;
      lastWasNumber = true;
    } else if (scale !== undefined && lastWasNumber) {
      if (scale === 100) current *= 100;
      else {
        total += current * scale;
        current = 0;
      }
      lastWasNumber = true;
    } else if ((w === "-" || w === "and") && lastWasNumber && tokens[j + 1] !== undefined && (units[tokens[j + 1]!.norm] !== undefined || tens[tokens[j + 1]!.norm] !== undefined)) {
      if (w === "and" && current < 100 && total === 0) break;
      lastWasNumber = false;
    } else if (w === "dozen" && lastWasNumber) {
      current *= 12;
    } else break;
    j++;
  }
  while (j > i && !(units[tokens[j - 1]!.norm] !== undefined || tens[tokens[j - 1]!.norm] !== undefined || scales[tokens[j - 1]!.norm] !== undefined || tokens[j - 1]!.norm === "dozen")) j--;
  const value = total + current;
  return { value, from: i, to: j, isVague: false, isArticle: word === "one" && j === i + 1 };
}
