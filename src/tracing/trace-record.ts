/**
 * Stockpile and transfer records as armtrace keeps them, and the row-by-row checks applied to a dirty list
 * before it is stored. A row is never dropped: whatever is wrong with it becomes a problem stored with it.
 */
import { normalizeManufacturer, normalizeModel } from "./maker-model.ts";
import { describeEntry, parseSerialSpec, type SerialEntry } from "./serial.ts";

export type RecordKind = "transfer" | "holding";

export type RecordProblemCode =
  | "MISSING_SERIAL"
  | "MALFORMED_SERIAL"
  | "SERIAL_NORMALISED"
  | "DUPLICATE"
  | "MISSING_MANUFACTURER"
  | "MISSING_MODEL"
  | "MISSING_DATES"
  | "UNREADABLE_DATE"
  | "RECEIVED_BEFORE_SHIPPED"
  | "EXTRA_CELLS";

/** What is wrong with one row; `isBlocking` problems mean the row's serials could not be indexed. */
export interface RecordProblem {
  code: RecordProblemCode;
  message: string;
  isBlocking?: boolean;
}

/** A record ready to store: its fields, its serial entries and the problems found on the way. */
export interface RecordDraft {
  kind: RecordKind;
  manufacturer: string | null;
  manufacturerKey: string;
  model: string | null;
  modelKey: string;
  calibre: string | null;
  serialText: string;
  entries: SerialEntry[];
  holder: string | null;
  exporter: string | null;
  importer: string | null;
  endUser: string | null;
  reference: string | null;
  shipped: string | null;
  received: string | null;
  status: string | null;
  sourceFile: string | null;
  sourceLine: number | null;
  problems: RecordProblem[];
}

/** The columns a record list may have; only manufacturer, model and serial are expected in every list. */
export const RECORD_COLUMNS = [
  "manufacturer", "model", "serial", "calibre", "holder", "exporter", "importer", "end_user", "reference",
  "shipped", "received", "status", "kind",
] as const;

export type RecordRow = Partial<Record<(typeof RECORD_COLUMNS)[number], string>> & {
  /** Cells beyond the header: reported with the row, since they are not stored in a column. */
  extraCells?: string[];
};

/** Maps free header spellings ("End user", "Serial No.", "Date shipped") to the record columns. */
export function canonicalColumn(header: string): (typeof RECORD_COLUMNS)[number] | undefined {
  const simple = header.toLowerCase().replace(/[^a-z]+/gu, "_").replace(/^_|_$/gu, "");
  const aliases: Record<string, (typeof RECORD_COLUMNS)[number]> = {
    manufacturer: "manufacturer", maker: "manufacturer", make: "manufacturer", mfr: "manufacturer",
    model: "model", weapon: "model", type: "model",
    serial: "serial", serial_no: "serial", serial_number: "serial", serials: "serial", sn: "serial", serial_range: "serial",
    calibre: "calibre", caliber: "calibre",
    holder: "holder", unit: "holder",
    exporter: "exporter", importer: "importer",
    end_user: "end_user", enduser: "end_user", consignee: "end_user",
    reference: "reference", ref: "reference", contract: "reference", case: "reference", case_ref: "reference",
    shipped: "shipped", date_shipped: "shipped", shipped_on: "shipped", ship_date: "shipped",
    received: "received", date_received: "received", received_on: "received",
    status: "status", kind: "kind",
  };
  return aliases[simple];
}

/**
 * What makes two rows the same record rather than the same weapon seen twice: the same weapon legitimately
 * appears in a transfer and later in a holding, and both must stay matchable.
 */
export function recordIdentity(draft: Pick<RecordDraft, "reference" | "holder" | "exporter" | "importer" | "endUser" | "shipped" | "received">): string {
  return [draft.reference, draft.holder, draft.exporter, draft.importer, draft.endUser, draft.shipped, draft.received].map((value) => value ?? "").join("\u0001");
}

/**
 * Tracks what an import has seen so far, to flag duplicate records (same manufacturer, model, serial or
 * range, and the same reference, parties and dates) with the line they repeat.
 */
export class DuplicateTracker {
  private readonly seen = new Map<string, number>();

  /** Returns the line of an earlier identical entry of an identical record, or undefined, and remembers this one. */
  check(draft: Pick<RecordDraft, "manufacturerKey" | "modelKey" | "reference" | "holder" | "exporter" | "importer" | "endUser" | "shipped" | "received">, entry: SerialEntry, line: number): number | undefined {
    const key = `${draft.manufacturerKey}\u0000${draft.modelKey}\u0000${describeEntry(entry)}\u0000${recordIdentity(draft)}`;
    const earlier = this.seen.get(key);
    if (earlier === undefined) this.seen.set(key, line);
    return earlier;
  }
}

/** Turns one CSV row into a record draft with every problem found; never throws on bad content. */
export function checkRecordRow(row: RecordRow, source: { file: string | null; line: number | null }, duplicates?: DuplicateTracker): RecordDraft {
  const problems: RecordProblem[] = [];
  const text = (value: string | undefined) => {
    const trimmed = value?.trim() ?? "";
    return trimmed === "" ? null : trimmed;
  };
  const manufacturer = text(row.manufacturer);
  const model = text(row.model);
  const serialText = text(row.serial) ?? "";
  if (manufacturer === null) problems.push({ code: "MISSING_MANUFACTURER", message: "no manufacturer: matches on serial alone will score lower" });
  if (model === null) problems.push({ code: "MISSING_MODEL", message: "no model" });
  let entries: SerialEntry[] = [];
  if (serialText === "") {
    problems.push({ code: "MISSING_SERIAL", message: "no serial: the record is kept but cannot be matched", isBlocking: true });
  } else {
    const parsed = parseSerialSpec(serialText);
    for (const note of parsed.notes) problems.push({ code: "SERIAL_NORMALISED", message: `serial "${serialText}": ${note}` });
    if (parsed.ok) entries = parsed.entries;
    else problems.push({ code: "MALFORMED_SERIAL", message: parsed.message, isBlocking: true });
  }
  const manufacturerKey = normalizeManufacturer(manufacturer);
  const modelKey = normalizeModel(model, manufacturer);
  const extra = (row.extraCells ?? []).filter((cell) => cell.trim() !== "");
  if (extra.length > 0) {
    problems.push({ code: "EXTRA_CELLS", message: `${extra.length} cell(s) beyond the header not imported: ${extra.map((cell) => JSON.stringify(cell)).join(", ")}` });
  }
  const shipped = readDate("shipped", row.shipped, problems);
  const received = readDate("received", row.received, problems);
  const exporter = text(row.exporter);
  const importer = text(row.importer);
  const kindText = text(row.kind)?.toLowerCase();
  const kind: RecordKind =
    kindText === "holding" || kindText === "transfer"
      ? kindText
      : exporter !== null || importer !== null || text(row.shipped) !== null || text(row.received) !== null
        ? "transfer"
        : "holding";
  if (kind === "transfer" && text(row.shipped) === null && text(row.received) === null) {
    problems.push({ code: "MISSING_DATES", message: "transfer without shipped or received date" });
  }
  if (shipped !== null && received !== null && received < shipped.slice(0, received.length)) {
    problems.push({ code: "RECEIVED_BEFORE_SHIPPED", message: `received ${received} is before shipped ${shipped}` });
  }
  const draft: RecordDraft = {
    kind,
    manufacturer,
    manufacturerKey,
    model,
    modelKey,
    calibre: text(row.calibre),
    serialText,
    entries,
    holder: text(row.holder),
    exporter,
    importer,
    endUser: text(row.end_user),
    reference: text(row.reference),
    shipped,
    received,
    status: text(row.status),
    sourceFile: source.file,
    sourceLine: source.line,
    problems,
  };
  if (duplicates !== undefined && source.line !== null) {
    const line = source.line;
    draft.entries = entries.filter((entry) => {
      const earlier = duplicates.check(draft, entry, line);
      if (earlier === undefined) return true;
      problems.push({ code: "DUPLICATE", message: `${describeEntry(entry)} (${manufacturer ?? "?"} ${model ?? "?"}) repeats the record on line ${earlier}; kept, not indexed twice` });
      return false;
    });
  }
  return draft;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * Reads a date as ISO (YYYY, YYYY-MM or YYYY-MM-DD). Accepts ISO, DD/MM/YYYY, DD.MM.YYYY and
 * "12 Mar 2019"; anything else is reported with the text as written.
 */
export function parseRecordDate(value: string): string | null {
  const text = value.trim();
  let match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/u.exec(text);
  if (match !== null) return isoDate(match[1], match[2], match[3]);
  match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/u.exec(text);
  if (match !== null) return isoDate(match[3], match[2], match[1]);
  match = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})$/u.exec(text);
  if (match !== null) {
    const month = MONTHS.indexOf((match[2] ?? "").toLowerCase());
    if (month >= 0) return isoDate(match[3], String(month + 1), match[1]);
  }
  match = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/u.exec(text);
  if (match !== null) {
    const month = MONTHS.indexOf((match[1] ?? "").toLowerCase());
    if (month >= 0) return isoDate(match[2], String(month + 1), undefined);
  }
  return null;
}

function isoDate(year: string | undefined, month: string | undefined, day: string | undefined): string | null {
  if (year === undefined) return null;
  if (month === undefined) return year;
  const m = Number(month);
  if (m < 1 || m > 12) return null;
  const mm = String(m).padStart(2, "0");
  if (day === undefined) return `${year}-${mm}`;
  const d = Number(day);
  const iso = `${year}-${mm}-${String(d).padStart(2, "0")}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.getUTCDate() !== d ? null : iso;
}

function readDate(label: string, value: string | undefined, problems: RecordProblem[]): string | null {
  const text = value?.trim() ?? "";
  if (text === "") return null;
  const iso = parseRecordDate(text);
  if (iso === null) problems.push({ code: "UNREADABLE_DATE", message: `${label} date "${text}" is not a date armtrace can read; left empty` });
  return iso;
}

/** The reference a user sees for a record: its own reference and/or where it was imported from. */
export function recordRef(record: { id: number; reference: string | null; sourceFile: string | null; sourceLine: number | null }): string {
  const where = record.sourceFile !== null ? `${record.sourceFile}:${record.sourceLine ?? "?"}` : `record ${record.id}`;
  return record.reference !== null ? `${record.reference} (${where})` : where;
}
