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
 * The first serial of `entry` whose text contains `fragment`, or undefined. Ranges are searched without
 * expanding them when the fragment is a tail of digits (the common case: a ground-off prefix).
 */
export function fragmentInEntry(entry: Pick<IndexedSerial, "stem" | "start" | "end">, fragment: string): string | undefined {
  const { prefix, width, suffix } = parseStem(entry.stem);
  if (entry.start === entry.end) {
    const serial = formatSerial(entry.stem, entry.start);
    return serial.includes(fragment) ? serial : undefined;
  }
  // Fragment ending in the digits: find a number in [start, end] whose last k digits spell it.
  const tailMatch = /^([A-Z]*)([0-9]+)$/u.exec(fragment);
  if (suffix === "" && tailMatch !== null) {
    const [, letters = "", digits = ""] = tailMatch;
    if (digits.length <= width && (letters === "" || (digits.length === width && prefix.endsWith(letters)))) {
      const modulus = 10 ** digits.length;
      const wanted = Number(digits);
      const first = entry.start - (entry.start % modulus) + wanted;
      const candidate = first >= entry.start ? first : first + modulus;
      if (candidate <= entry.end) return formatSerial(entry.stem, candidate);
    }
  }
  for (const probe of [entry.start, entry.end]) {
    const serial = formatSerial(entry.stem, probe);
    if (serial.includes(fragment)) return serial;
  }
  return undefined;
}

/** The serial an entry holds when it is a single, or the range text. */
export function describeIndexed(entry: Pick<IndexedSerial, "stem" | "start" | "end">): string {
  return entry.start === entry.end ? formatSerial(entry.stem, entry.start) : `${formatSerial(entry.stem, entry.start)}–${formatSerial(entry.stem, entry.end)}`;
}

export type { ParsedSerial };
