/**
 * The contract between the matcher and wherever record serials live (SQLite in production, an array in
 * tests). The matcher only asks two questions: which stems exist, and which entries of a stem overlap a
 * numeric interval; storage decides how to answer them fast without expanding ranges.
 */
import { formatSerial, parseStem, type ParsedSerial } from "./serial.ts";

/** One stored serial entry (a single serial has start === end) with the record it belongs to. */
export interface IndexedSerial {
  /** Unique per stored entry, e.g. "record:seq". */
  entryId: string;
  recordId: number;
  /** Human-readable reference of the record: its reference, or file:line it was imported from. */
  recordRef: string;
  stem: string;
  start: number;
  end: number;
  manufacturer: string | null;
  model: string | null;
  manufacturerKey: string;
  modelKey: string;
}

/** Synchronous lookups over record serials; the SQLite implementation answers each from an index. */
export interface SerialIndex {
  /** Every stem that has at least one entry (kept small: prefix × width × suffix combinations). */
  stems(): Iterable<string>;
  hasStem(stem: string): boolean;
  /** Entries of `stem` whose [start, end] overlaps [low, high]. */
  findOverlapping(stem: string, low: number, high: number): IndexedSerial[];
  /** Entries whose serial text contains `fragment` (for partial serials); may be slow, bounded by `limit`. */
  findFragment(fragment: string, limit: number): Array<{ entry: IndexedSerial; serial: string }>;
}

/** An in-memory SerialIndex for tests and small batches; storage provides the indexed one. */
export function createMemorySerialIndex(entries: readonly IndexedSerial[]): SerialIndex {
  const byStem = new Map<string, IndexedSerial[]>();
  for (const entry of entries) {
    const list = byStem.get(entry.stem) ?? [];
    list.push(entry);
    byStem.set(entry.stem, list);
  }
  return {
    stems: () => byStem.keys(),
    hasStem: (stem) => byStem.has(stem),
    findOverlapping(stem, low, high) {
      return (byStem.get(stem) ?? []).filter((entry) => entry.start <= high && entry.end >= low);
    },
    findFragment(fragment, limit) {
      const found: Array<{ entry: IndexedSerial; serial: string }> = [];
      for (const entry of entries) {
        const serial = fragmentInEntry(entry, fragment);
        if (serial !== undefined) found.push({ entry, serial });
        if (found.length >= limit) break;
      }
      return found;
    },
  };
}

/**
 * Where `fragment` can sit inside the serials of `stem`: for each offset where it agrees with the stem's
 * fixed prefix and suffix, the digit positions [from, to) it pins and the value they must spell (null when
 * the fragment covers no digits, so every serial of the stem holds it). Lets storage turn a fragment into
 * arithmetic on numbers instead of formatting every serial.
 */
export function fragmentPlacements(stem: string, fragment: string): Array<{ from: number; to: number; value: number | null }> {
  const { prefix, width, suffix } = parseStem(stem);
  const length = prefix.length + width + suffix.length;
  const placements: Array<{ from: number; to: number; value: number | null }> = [];
  for (let offset = 0; offset + fragment.length <= length; offset += 1) {
    let digits = "";
    let from = -1;
    let isPossible = true;
    for (let index = 0; index < fragment.length && isPossible; index += 1) {
      const position = offset + index;
      const char = fragment[index]!;
      if (position < prefix.length) isPossible = prefix[position] === char;
      else if (position < prefix.length + width) {
        isPossible = char >= "0" && char <= "9";
        if (from < 0) from = position - prefix.length;
        digits += char;
      } else isPossible = suffix[position - prefix.length - width] === char;
    }
    if (!isPossible) continue;
    placements.push(digits === "" ? { from: 0, to: 0, value: null } : { from, to: from + digits.length, value: Number(digits) });
  }
  return placements;
}

/**
 * The smallest number in [start, end] whose digits [from, to) (of `width`, zero-padded) spell `value`, or
 * undefined: n = (h·10^(to−from) + value)·10^(width−to) + r, so it is found arithmetically, not by scanning.
 */
export function firstNumberWithDigits(start: number, end: number, width: number, from: number, to: number, value: number): number | undefined {
  const block = 10 ** (width - to);
  const modulus = 10 ** (to - from);
  const firstBlock = Math.floor(start / block);
  const wantedBlock = firstBlock + ((((value - (firstBlock % modulus)) % modulus) + modulus) % modulus);
  const candidate = wantedBlock === firstBlock ? start : wantedBlock * block;
  return candidate <= end ? candidate : undefined;
}

/** The first serial of `entry` whose text contains `fragment`, or undefined; ranges are never expanded. */
export function fragmentInEntry(entry: Pick<IndexedSerial, "stem" | "start" | "end">, fragment: string): string | undefined {
  const { width } = parseStem(entry.stem);
  let best: number | undefined;
  for (const placement of fragmentPlacements(entry.stem, fragment)) {
    const found = placement.value === null ? entry.start : firstNumberWithDigits(entry.start, entry.end, width, placement.from, placement.to, placement.value);
    if (found !== undefined && (best === undefined || found < best)) best = found;
  }
  return best === undefined ? undefined : formatSerial(entry.stem, best);
}

/** The serial an entry holds when it is a single, or the range text. */
export function describeIndexed(entry: Pick<IndexedSerial, "stem" | "start" | "end">): string {
  return entry.start === entry.end ? formatSerial(entry.stem, entry.start) : `${formatSerial(entry.stem, entry.start)}–${formatSerial(entry.stem, entry.end)}`;
}

export type { ParsedSerial };
