/**
 * Serial numbers as armtrace stores and compares them. A serial is normalised (upper case, stray spaces,
 * dashes, dots and slashes removed, unreadable characters as "?") and split into a stem and a number:
 * `W1004321` → prefix "W", number 1004321 of width 7, suffix "". Records keep ranges as ranges
 * (`W1004300–W1004399`: stem + start + end), so ten million serials never become ten million rows.
 */

/** The one character armtrace uses for an unreadable position; `*` and `_` are read the same way. */
export const UNKNOWN = "?";

/** Longest digit run kept as a number; longer runs move their leading digits into the prefix. */
export const MAX_NUMBER_DIGITS = 15;

const SEPARATORS = /[\s\-\u2010-\u2015\u2212.\/\\,:]+/gu;
const UNKNOWN_MARKS = /[*_?]/gu;

/** A serial normalised and split: `prefix` + `digits` + `suffix` === `text`. */
export interface ParsedSerial {
  text: string;
  prefix: string;
  /** The final run of digits (at most MAX_NUMBER_DIGITS), "" when the serial has none. */
  digits: string;
  suffix: string;
  /** `digits` as a number, null when there are none. */
  number: number | null;
  /** Identifies serials that can be compared numerically: same prefix, digit width and suffix. */
  stem: string;
}

/** Result of normalising raw text: the canonical form plus what was removed or looked wrong. */
export interface NormalizedSerial {
  text: string;
  /** Human-readable notes on what normalisation changed ("removed '#'"); empty when nothing odd. */
  notes: string[];
  unknownCount: number;
}

/** Builds the stem key that groups numerically comparable serials. */
export function stemOf(prefix: string, width: number, suffix: string): string {
  return `${prefix}|${width}|${suffix}`;
}

/** Splits a stem key back into its parts. */
export function parseStem(stem: string): { prefix: string; width: number; suffix: string } {
  const [prefix = "", width = "0", suffix = ""] = stem.split("|");
  return { prefix, width: Number(width), suffix };
}

/**
 * Canonical text of a serial as read: upper case, separators dropped, `*`/`_` turned into "?". Characters
 * that cannot be part of a serial are removed and reported in `notes`, never silently.
 */
export function normalizeSerial(raw: string): NormalizedSerial {
  const notes: string[] = [];
  const folded = raw.normalize("NFKC").toUpperCase().replace(SEPARATORS, "").replace(UNKNOWN_MARKS, UNKNOWN);
  let text = "";
  const removed = new Set<string>();
  for (const char of folded) {
    if (/[A-Z0-9?]/u.test(char)) text += char;
    else removed.add(char);
  }
  if (removed.size > 0) notes.push(`removed characters that cannot be part of a serial: ${[...removed].map((c) => `'${c}'`).join(", ")}`);
  if (text !== raw.trim() && removed.size === 0 && /[\s\-\u2010-\u2015.\/]/u.test(raw.trim())) notes.push("removed spaces or dashes");
  let unknownCount = 0;
  for (const char of text) if (char === UNKNOWN) unknownCount += 1;
  return { text, notes, unknownCount };
}

/** Splits normalised, fully readable serial text into prefix, number and suffix. */
export function parseSerialText(text: string): ParsedSerial {
  let end = text.length;
  while (end > 0 && !isDigit(text.charCodeAt(end - 1))) end -= 1;
  let start = end;
  while (start > 0 && isDigit(text.charCodeAt(start - 1))) start -= 1;
  if (end - start > MAX_NUMBER_DIGITS) start = end - MAX_NUMBER_DIGITS;
  if (start === end) {
    start = text.length;
    end = text.length;
  }
  const prefix = text.slice(0, start);
  const digits = text.slice(start, end);
  const suffix = text.slice(end);
  return {
    text,
    prefix,
    digits,
    suffix,
    number: digits === "" ? null : Number(digits),
    stem: stemOf(prefix, digits.length, suffix),
  };
}

/** Normalises and parses one serial; throws on unknown characters (use the matcher for those). */
export function parseSerial(raw: string): ParsedSerial {
  return parseSerialText(normalizeSerial(raw).text);
}

/** Rebuilds serial text from a stem and a number (zero-padded to the stem's width). */
export function formatSerial(stem: string, value: number): string {
  const { prefix, width, suffix } = parseStem(stem);
  return width === 0 ? `${prefix}${suffix}` : `${prefix}${String(value).padStart(width, "0")}${suffix}`;
}

/** One entry of a record's serial column: a single serial or a range kept as a range. */
export type SerialEntry =
  | { kind: "single"; serial: ParsedSerial; start: number | null; end: number | null }
  | { kind: "range"; from: ParsedSerial; to: ParsedSerial; stem: string; start: number; end: number; count: number };

/** What a serial cell yields: entries, or a row-level message that says what is wrong. */
export type SerialSpecResult =
  | { ok: true; entries: SerialEntry[]; notes: string[] }
  | { ok: false; message: string; notes: string[] };

const RANGE_WORDS = /\s*(?:[\u2013\u2014]|\bto\b|\.\.)\s*/iu;
const HYPHENS = /[-\u2010-\u2012\u2212]/u;

/**
 * Parses a serial cell from a record: one serial, a range (`W1004300–W1004399`, `W1004300-W1004399`,
 * `W1004300 to W1004399`) or a list of those separated by `;`, `,` or new lines. A plain hyphen makes a
 * range only when both sides look like full serials (contain a digit, four characters or more); otherwise
 * it is a stray dash inside one serial. Malformed ranges are rejected with a message, never guessed.
 */
export function parseSerialSpec(raw: string): SerialSpecResult {
  const parts = raw.split(/[;,\n]+/u).map((part) => part.trim()).filter((part) => part !== "");
  if (parts.length === 0) return { ok: false, message: "serial is empty", notes: [] };
  const entries: SerialEntry[] = [];
  const notes: string[] = [];
  for (const part of parts) {
    const result = parseSerialPart(part);
    notes.push(...result.notes);
    if (!result.ok) return { ok: false, message: parts.length > 1 ? `in "${part}": ${result.message}` : result.message, notes };
    entries.push(result.entry);
  }
  return { ok: true, entries, notes: [...new Set(notes)] };
}

type PartResult = { ok: true; entry: SerialEntry; notes: string[] } | { ok: false; message: string; notes: string[] };

function parseSerialPart(part: string): PartResult {
  const sides = splitRange(part);
  if (sides === undefined) {
    const normalized = normalizeSerial(part);
    if (normalized.text === "") return { ok: false, message: `serial "${part}" has no letters or digits`, notes: normalized.notes };
    if (normalized.unknownCount > 0) {
      return { ok: false, message: `serial "${part}" has unreadable characters; a record must give the full serial`, notes: normalized.notes };
    }
    const serial = parseSerialText(normalized.text);
    return { ok: true, entry: { kind: "single", serial, start: serial.number, end: serial.number }, notes: normalized.notes };
  }
  return parseRange(part, sides[0], sides[1]);
}

function splitRange(part: string): [string, string] | undefined {
  const worded = part.split(RANGE_WORDS);
  if (worded.length === 2) return [worded[0] ?? "", worded[1] ?? ""];
  if (worded.length > 2) return [worded[0] ?? "", worded.slice(1).join("–")];
  if (!HYPHENS.test(part)) return undefined;
  // Try every hyphen as the split point: a range when exactly one split gives two full serials of one
  // stem (so "W 100-4400 - W100 4499" is a range); otherwise the first split with two full-looking sides
  // is returned, so a malformed range gets its message instead of passing as one long serial.
  const hyphenAt: number[] = [];
  for (let index = 0; index < part.length; index += 1) if (HYPHENS.test(part[index] ?? "")) hyphenAt.push(index);
  const looksFull = (side: string) => {
    const text = normalizeSerial(side).text;
    return text.length >= 4 && /[0-9]/u.test(text);
  };
  const plausible: Array<[string, string]> = [];
  const valid: Array<[string, string]> = [];
  for (const at of hyphenAt) {
    const left = part.slice(0, at);
    const right = part.slice(at + 1);
    if (!looksFull(left) || !looksFull(right)) continue;
    if (!isRangeShaped(normalizeSerial(left).text, normalizeSerial(right).text)) continue;
    plausible.push([left, right]);
    const from = parseSerialText(normalizeSerial(left).text);
    const to = parseSerialText(normalizeSerial(right).text);
    if (from.stem === to.stem && from.number !== null) valid.push([left, right]);
  }
  if (valid.length === 1) return valid[0];
  if (hyphenAt.length === 1 || (valid.length === 0 && plausible.length === 1)) return plausible[0];
  return undefined;
}

/**
 * Whether two hyphen-separated parts read as the ends of a range: both start alike (letter or digit), or
 * the right is a shortened end ("W1004300-4399", rejected later with its own message). "W100-4400" is one
 * serial with a stray dash.
 */
function isRangeShaped(left: string, right: string): boolean {
  const startsWithLetter = (text: string) => /^[A-Z]/u.test(text);
  if (startsWithLetter(left) === startsWithLetter(right)) return true;
  const leftDigits = /[0-9]+$/u.exec(left)?.[0] ?? "";
  return /^[0-9]+$/u.test(right) && right.length < leftDigits.length;
}

function parseRange(part: string, fromRaw: string, toRaw: string): PartResult {
  const fromNormalized = normalizeSerial(fromRaw);
  const toNormalized = normalizeSerial(toRaw);
  const notes = [...fromNormalized.notes, ...toNormalized.notes];
  const fail = (message: string): PartResult => ({ ok: false, message: `malformed range "${part}": ${message}`, notes });
  if (fromNormalized.text === "" || toNormalized.text === "") return fail("one end is empty");
  if (fromNormalized.unknownCount + toNormalized.unknownCount > 0) return fail("a range cannot contain unreadable characters");
  const from = parseSerialText(fromNormalized.text);
  const to = parseSerialText(toNormalized.text);
  if (from.number === null || to.number === null) return fail("both ends need a number");
  if (from.digits.length !== to.digits.length) {
    return fail(`ends have different widths (${from.digits.length} and ${to.digits.length} digits); write both ends in full`);
  }
  if (from.prefix !== to.prefix) return fail(`mixed prefixes "${from.prefix}" and "${to.prefix}"`);
  if (from.suffix !== to.suffix) return fail(`mixed suffixes "${from.suffix}" and "${to.suffix}"`);
  if (to.number < from.number) return fail(`end ${to.text} is before start ${from.text}`);
  return {
    ok: true,
    entry: { kind: "range", from, to, stem: from.stem, start: from.number, end: to.number, count: to.number - from.number + 1 },
    notes,
  };
}

/** Printable form of an entry: the serial, or `FROM–TO` for a range. */
export function describeEntry(entry: SerialEntry): string {
  return entry.kind === "single" ? entry.serial.text : `${entry.from.text}–${entry.to.text}`;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
