/**
 * Same-length normalisation for matching: every character maps to exactly one character, so an offset in
 * the normalised copy is an offset in the original text. Folds odd spaces, dashes, quotes and
 * Eastern-Arabic/Urdu digits, and lower-cases.
 */

const charMap = new Map<number, string>();
for (const code of [0x00a0, 0x1680, 0x202f, 0x205f, 0x3000, 0x200b, 0x200c, 0x200d, 0xfeff, 0x2028, 0x2029]) charMap.set(code, " ");
for (let code = 0x2000; code <= 0x200a; code++) charMap.set(code, " ");
for (const code of [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0x2e3a, 0x2e3b, 0xfe31, 0xfe32, 0xfe58, 0xfe63, 0xff0d]) charMap.set(code, "-");
for (const code of [0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x00b4, 0x0060]) charMap.set(code, "'");
for (const code of [0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x00ab, 0x00bb]) charMap.set(code, '"');
for (let d = 0; d <= 9; d++) {
  charMap.set(0x0660 + d, String(d)); // Arabic-Indic
  charMap.set(0x06f0 + d, String(d)); // Extended (Urdu/Persian)
  charMap.set(0x0966 + d, String(d)); // Devanagari
}
charMap.set(0x066b, "."); // Arabic decimal separator
charMap.set(0x066c, ","); // Arabic thousands separator

/** Returns a lower-cased copy of `text` with the same length, for pattern matching. */
export function normalizeForMatching(text: string): string {
  let out = "";
  let runStart = 0;
  const lower = text.toLowerCase();
  const sameLength = lower.length === text.length;
  const source = sameLength ? lower : text;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code < 0x80) continue;
    const mapped = charMap.get(code);
    if (mapped === undefined) continue;
    out += source.slice(runStart, i) + mapped;
    runStart = i + 1;
  }
  out += source.slice(runStart);
  if (!sameLength) {
    // Rare characters whose lower case has another length: lower-case char by char where it is safe.
    let fixed = "";
    for (const ch of out) {
      const low = ch.toLowerCase();
      fixed += low.length === ch.length ? low : ch;
    }
    out = fixed;
  }
  return out;
}
