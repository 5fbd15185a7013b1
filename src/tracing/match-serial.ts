/**
 * Ranks record serials against a serial read off a seized weapon. Reads the seized serial every way the
 * rules allow (unreadable characters filled, confusable characters swapped, prefix or embedded letters
 * dropped, or a visible fragment), asks the SerialIndex for entries that hold each reading, and scores
 * each candidate with the reasons a reviewer needs to accept or reject it. Pure: no I/O of its own.
 */
import { ArmtraceError } from "../errors.ts";
import { normalizeManufacturer, normalizeModel } from "./maker-model.ts";
import { describeIndexed, type IndexedSerial, type SerialIndex } from "./serial-index.ts";
import { formatSerial, normalizeSerial, parseSerialText, parseStem, UNKNOWN } from "./serial.ts";

/** Characters commonly misread for each other on worn or photographed markings. */
export const CONFUSABLE_GROUPS: readonly string[] = ["0ODQ", "1IL", "2Z", "5S", "8B3", "6G"];

const CONFUSABLE_OF = new Map<string, string[]>();
for (const group of CONFUSABLE_GROUPS) {
  for (const char of group) CONFUSABLE_OF.set(char, [...group].filter((other) => other !== char));
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";

/** What a user knows about a seized weapon's identity. */
export interface MatchQuery {
  serial: string;
  manufacturer?: string | null;
  model?: string | null;
  /** Treat the serial as a visible fragment of a longer one; also implied by a leading/trailing "...". */
  isPartial?: boolean;
}

export interface MatchOptions {
  /** Unknown plus confusable characters allowed in one reading (default 2). */
  maxEdits?: number;
  /** Most candidates returned (default 20). */
  limit?: number;
}

/** One ranked candidate record, with why it was proposed. */
export interface MatchCandidate {
  /** The record serial that matched (the single serial, or the serial inside the range). */
  serial: string;
  manufacturer: string | null;
  model: string | null;
  record_ref: string;
  record_id: number;
  /** 0..1, higher is better; 1 is an exact match on manufacturer, model and serial. */
  score: number;
  reasons: string[];
}

interface Edit {
  kind: "unknown" | "confusable";
  position: number;
  read: string;
  taken: string;
}

interface Reading {
  text: string;
  edits: Edit[];
}

interface Hit {
  entry: IndexedSerial;
  serial: string;
  score: number;
  reasons: string[];
}

const MAX_UNKNOWN = 4;
const MAX_READINGS = 60_000;

/** Ranks candidates best first; throws INVALID_INPUT when the serial has nothing to match on. */
export function matchSerial(query: MatchQuery, index: SerialIndex, options: MatchOptions = {}): MatchCandidate[] {
  const maxEdits = options.maxEdits ?? 2;
  const limit = options.limit ?? 20;
  const trimmed = query.serial.trim();
  const isPartial = query.isPartial === true || /^(\.\.\.|…)|(\.\.\.|…)$/u.test(trimmed);
  const normalized = normalizeSerial(trimmed.replace(/^(\.\.\.|…)|(\.\.\.|…)$/gu, ""));
  if (normalized.text.replace(/\?/gu, "") === "") {
    throw new ArmtraceError("INVALID_INPUT", `serial "${query.serial}" has no readable letters or digits`);
  }
  if (normalized.unknownCount > MAX_UNKNOWN) {
    throw new ArmtraceError(
      "INVALID_INPUT",
      `serial "${query.serial}" has ${normalized.unknownCount} unreadable characters (at most ${MAX_UNKNOWN}); give the readable part as a fragment with --partial`,
    );
  }
  const manufacturerKey = normalizeManufacturer(query.manufacturer);
  const modelKey = normalizeModel(query.model, query.manufacturer);
  const hits = new Map<string, Hit>();
  const keep = (hit: Hit) => {
    const key = hit.entry.entryId;
    const previous = hits.get(key);
    if (previous === undefined || previous.score < hit.score) hits.set(key, hit);
  };

  if (isPartial) {
    for (const found of index.findFragment(normalized.text, 500)) {
      const coverage = normalized.text.length / Math.max(found.serial.length, 1);
      const where = found.serial.endsWith(normalized.text) ? "at the end of" : found.serial.startsWith(normalized.text) ? "at the start of" : "inside";
      keep({
        entry: found.entry,
        serial: found.serial,
        score: 0.3 + 0.4 * coverage,
        reasons: [`visible fragment ${normalized.text} found ${where} ${found.serial}${rangeNote(found.entry)}`],
      });
    }
  } else {
    const readings = readSerial(normalized.text, maxEdits);
    searchReadings(readings, index, keep);
  }

  const candidates: MatchCandidate[] = [];
  for (const hit of hits.values()) {
    let score = hit.score;
    const reasons = [...hit.reasons];
    score *= compareKeys("manufacturer", manufacturerKey, query.manufacturer, hit.entry.manufacturerKey, hit.entry.manufacturer, 0.45, reasons);
    score *= compareKeys("model", modelKey, query.model, hit.entry.modelKey, hit.entry.model, 0.6, reasons);
    candidates.push({
      serial: hit.serial,
      manufacturer: hit.entry.manufacturer,
      model: hit.entry.model,
      record_ref: hit.entry.recordRef,
      record_id: hit.entry.recordId,
      score: Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000,
      reasons,
    });
  }
  candidates.sort((a, b) => b.score - a.score || a.record_id - b.record_id || a.serial.localeCompare(b.serial));
  // Equal scores mean the reading cannot tell the records apart; say so rather than imply an order.
  const tied = new Map<number, number>();
  for (const candidate of candidates) tied.set(candidate.score, (tied.get(candidate.score) ?? 0) + 1);
  const shown = candidates.slice(0, limit);
  for (const candidate of shown) {
    const others = (tied.get(candidate.score) ?? 1) - 1;
    if (others > 0) candidate.reasons.push(`tied with ${others} other candidate(s) at this score: more readable characters or the maker/model are needed to decide`);
  }
  return shown;
}

/**
 * Every way to read `text` with at most `maxEdits` unknown-or-confusable characters: unknown positions are
 * filled (all characters when there are at most two, digits only beyond that) and spend the budget first;
 * what is left goes to confusable swaps.
 */
export function readSerial(text: string, maxEdits: number): Reading[] {
  const unknownPositions: number[] = [];
  for (let position = 0; position < text.length; position += 1) if (text[position] === UNKNOWN) unknownPositions.push(position);
  const fillAlphabet = unknownPositions.length <= 2 ? ALPHABET : DIGITS;
  let readings: Reading[] = [{ text, edits: [] }];
  for (const position of unknownPositions) {
    const next: Reading[] = [];
    for (const reading of readings) {
      for (const char of fillAlphabet) {
        next.push({
          text: reading.text.slice(0, position) + char + reading.text.slice(position + 1),
          edits: [...reading.edits, { kind: "unknown", position, read: UNKNOWN, taken: char }],
        });
      }
    }
    readings = next;
    if (readings.length > MAX_READINGS) {
      throw new ArmtraceError("INVALID_INPUT", `serial "${text}" has too many unreadable characters to try every reading`);
    }
  }
  const swapBudget = Math.max(0, maxEdits - unknownPositions.length);
  if (swapBudget === 0) return readings;
  const all: Reading[] = [...readings];
  let frontier = readings.map((reading) => ({ reading, after: -1 }));
  for (let round = 0; round < swapBudget; round += 1) {
    const next: Array<{ reading: Reading; after: number }> = [];
    for (const { reading, after } of frontier) {
      for (let position = after + 1; position < text.length; position += 1) {
        if (text[position] === UNKNOWN) continue;
        const read = reading.text[position] ?? "";
        for (const taken of CONFUSABLE_OF.get(read) ?? []) {
          const swapped: Reading = {
            text: reading.text.slice(0, position) + taken + reading.text.slice(position + 1),
            edits: [...reading.edits, { kind: "confusable", position, read, taken }],
          };
          next.push({ reading: swapped, after: position });
        }
      }
    }
    for (const item of next) all.push(item.reading);
    frontier = next;
    if (all.length > MAX_READINGS) break;
  }
  return all;
}

interface StemWork {
  stem: string;
  /** number → best reading that produced it under this stem, with the rule that moved it here. */
  numbers: Map<number, { reading: Reading; rule: string | null; penalty: number }>;
}

function searchReadings(readings: Reading[], index: SerialIndex, keep: (hit: Hit) => void): void {
  const stemsByShape = groupStems(index);
  const work = new Map<string, StemWork>();
  const add = (stem: string, value: number, reading: Reading, rule: string | null, penalty: number) => {
    let item = work.get(stem);
    if (item === undefined) {
      item = { stem, numbers: new Map() };
      work.set(stem, item);
    }
    const previous = item.numbers.get(value);
    if (previous === undefined || editCost(previous.reading) + previous.penalty > editCost(reading) + penalty) {
      item.numbers.set(value, { reading, rule, penalty });
    }
  };
  const relatedTried = new Set<string>();
  for (const reading of readings) {
    const parsed = parseSerialText(reading.text);
    if (index.hasStem(parsed.stem)) add(parsed.stem, parsed.number ?? 0, reading, null, 0);
    if (parsed.number === null) continue;
    // Prefix and embedded-letter rules: the same number under a related stem.
    const relatedKey = `${parsed.prefix}|${parsed.digits}|${parsed.suffix}`;
    if (reading.edits.length > 1 || relatedTried.has(relatedKey)) continue;
    relatedTried.add(relatedKey);
    for (const related of relatedStems(parsed.prefix, parsed.digits, parsed.suffix, stemsByShape)) {
      add(related.stem, related.value, reading, related.rule, related.penalty);
    }
  }
  for (const item of work.values()) {
    const values = [...item.numbers.keys()].sort((a, b) => a - b);
    const entries = new Map<string, IndexedSerial>();
    for (const [low, high] of mergeIntervals(values)) {
      for (const entry of index.findOverlapping(item.stem, low, high)) entries.set(entry.entryId, entry);
    }
    for (const entry of entries.values()) {
      let best: Hit | undefined;
      let inside = 0;
      for (const value of values) {
        if (value < entry.start || value > entry.end) continue;
        const found = item.numbers.get(value);
        if (found === undefined) continue;
        inside += 1;
        const hit = scoreReading(entry, formatSerial(item.stem, value), found.reading, found.rule, found.penalty);
        if (best === undefined || hit.score > best.score) best = hit;
      }
      if (best === undefined) continue;
      if (inside > 1) best.reasons.push(`${inside - 1} other reading(s) of the seized serial also fall in this record`);
      keep(best);
    }
  }
}

function editCost(reading: Reading): number {
  return reading.edits.reduce((sum, edit) => sum + (edit.kind === "unknown" ? 0.08 : 0.1), 0);
}

function scoreReading(entry: IndexedSerial, serial: string, reading: Reading, rule: string | null, penalty: number): Hit {
  const reasons: string[] = [];
  let score = 1;
  if (reading.edits.length === 0 && rule === null) reasons.push(entry.start === entry.end ? `exact serial ${serial}` : `serial ${serial} exactly`);
  for (const edit of reading.edits) {
    if (edit.kind === "unknown") {
      reasons.push(`unreadable character at position ${edit.position + 1} taken as ${edit.taken}`);
      score -= 0.08;
    } else {
      reasons.push(`character ${edit.position + 1} read as ${edit.read}, taken as confusable ${edit.taken}`);
      score -= 0.1;
    }
  }
  if (rule !== null) {
    reasons.push(rule);
    score -= penalty;
  }
  if (entry.start !== entry.end) {
    reasons.push(`inside recorded range ${describeIndexed(entry)}, not listed one by one`);
    score -= 0.02;
  }
  return { entry, serial, score, reasons };
}

function rangeNote(entry: IndexedSerial): string {
  return entry.start === entry.end ? "" : ` (inside recorded range ${describeIndexed(entry)})`;
}

/** Stems grouped by digit width and suffix, then by letters-free prefix, for the prefix rules. */
interface StemShapes {
  byWidthSuffix: Map<string, Array<{ stem: string; prefix: string }>>;
  byDigitsPrefix: Map<string, Array<{ stem: string; prefix: string; width: number; suffix: string }>>;
}

function groupStems(index: SerialIndex): StemShapes {
  const byWidthSuffix: StemShapes["byWidthSuffix"] = new Map();
  const byDigitsPrefix: StemShapes["byDigitsPrefix"] = new Map();
  for (const stem of index.stems()) {
    const { prefix, width, suffix } = parseStem(stem);
    const shape = `${width}|${suffix}`;
    const list = byWidthSuffix.get(shape) ?? [];
    list.push({ stem, prefix });
    byWidthSuffix.set(shape, list);
    const digitsOfPrefix = prefix.replace(/[^0-9]/gu, "");
    if (digitsOfPrefix !== prefix || /[A-Z]/u.test(suffix)) {
      const key = digitsOfPrefix;
      const others = byDigitsPrefix.get(key) ?? [];
      others.push({ stem, prefix, width, suffix });
      byDigitsPrefix.set(key, others);
    }
  }
  return { byWidthSuffix, byDigitsPrefix };
}

/**
 * Stems where the same digits could sit under the prefix rules: the record's letter prefix was not read on
 * the item (or the item carries extra leading marks, such as an import mark), or letters embedded among
 * the digits differ while every digit agrees.
 */
function relatedStems(
  prefix: string,
  digits: string,
  suffix: string,
  shapes: StemShapes,
): Array<{ stem: string; value: number; rule: string; penalty: number }> {
  const related: Array<{ stem: string; value: number; rule: string; penalty: number }> = [];
  const value = Number(digits);
  for (const other of shapes.byWidthSuffix.get(`${digits.length}|${suffix}`) ?? []) {
    if (other.prefix === prefix) continue;
    if (prefix === "" || other.prefix.endsWith(prefix)) {
      const missing = other.prefix.slice(0, other.prefix.length - prefix.length);
      related.push({ stem: other.stem, value, rule: `record prefix "${missing}" not read on the item (prefix rule)`, penalty: 0.15 });
    } else if (other.prefix === "" || prefix.endsWith(other.prefix)) {
      const extra = prefix.slice(0, prefix.length - other.prefix.length);
      related.push({ stem: other.stem, value, rule: `item carries extra leading "${extra}" not in the record, e.g. an import mark (prefix rule)`, penalty: 0.2 });
    }
    if (related.length > 200) break;
  }
  // Embedded letters: the digits of the item, with the letters removed, equal the record's digits.
  const itemDigits = (prefix + digits).replace(/[^0-9]/gu, "");
  for (let split = 0; split <= itemDigits.length; split += 1) {
    const lead = itemDigits.slice(0, split);
    for (const other of shapes.byDigitsPrefix.get(lead) ?? []) {
      if (other.width !== itemDigits.length - split || other.prefix === prefix) continue;
      if (other.suffix.replace(/[^0-9]/gu, "") !== "" || suffix.replace(/[^0-9]/gu, "") !== "") continue;
      const rest = itemDigits.slice(split);
      if (rest === "") continue;
      const recordText = `${other.prefix}${rest}${other.suffix}`;
      if (recordText === `${prefix}${digits}${suffix}`) continue;
      related.push({
        stem: other.stem,
        value: Number(rest),
        rule: `same digits with letters differing: item ${prefix}${digits}${suffix}, record ${recordText} (embedded-letter rule)`,
        penalty: 0.25,
      });
      if (related.length > 400) return related;
    }
  }
  return related;
}

function mergeIntervals(sorted: number[]): Array<[number, number]> {
  const intervals: Array<[number, number]> = [];
  for (const value of sorted) {
    const last = intervals[intervals.length - 1];
    if (last !== undefined && value === last[1] + 1) last[1] = value;
    else intervals.push([value, value]);
  }
  return intervals;
}

function compareKeys(
  label: string,
  queryKey: string,
  queryRaw: string | null | undefined,
  recordKey: string,
  recordRaw: string | null,
  mismatchFactor: number,
  reasons: string[],
): number {
  if (queryKey === "") return 1;
  if (recordKey === "") {
    reasons.push(`record gives no ${label}`);
    return 0.9;
  }
  if (queryKey === recordKey) {
    reasons.push(
      queryRaw !== undefined && queryRaw !== null && recordRaw !== null && queryRaw.trim() !== recordRaw.trim()
        ? `${label} matches ("${queryRaw.trim()}" = "${recordRaw}")`
        : `${label} matches`,
    );
    return 1;
  }
  reasons.push(`${label} differs: item "${queryRaw ?? ""}", record "${recordRaw ?? ""}"`);
  return mismatchFactor;
}
