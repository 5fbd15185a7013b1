import { Readable } from "node:stream";
import { ArmtraceError } from "../errors.ts";
import type { ChangeAuthor, Event } from "./event.ts";
import type { EventDependencies } from "./event-dependencies.ts";
import type { EventState, EventWriteSession } from "./event-repository.ts";
import { contentOf } from "./update-event.ts";
import { createAcledConverter } from "./interchange/acled-csv.ts";
import { createGtdConverter } from "./interchange/gtd-csv.ts";
import type { ConvertContext, ImportedEvent, RowConverter, RowOutcome } from "./interchange/imported-event.ts";
import { readCsvRecords } from "./interchange/csv-records.ts";
import { convertJsonLine } from "./interchange/jsonl.ts";

export type ImportFormat = "acled" | "gtd" | "jsonl";
export const importFormats: readonly ImportFormat[] = ["acled", "gtd", "jsonl"];

/** File content as one string or as chunks (a stream), so a large file never has to fit in memory. */
export type TextInput = string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

export interface ImportEventsInput {
  format: ImportFormat;
  content: TextInput;
  /** Import the valid rows and report the others, instead of refusing the whole file. */
  skipInvalid?: boolean;
  /** An ACLED deletions list (CSV with an event_id_cnty column, or one id per line): those events are removed. */
  deletions?: TextInput;
  /** Rows written per batch inside the one transaction (default 2000). */
  batchSize?: number;
  /** Called after each batch is written, with the rows read so far (for progress output). */
  onProgress?: (rowsRead: number) => void;
  /**
   * After this many rows, query indexes and report rollups are rebuilt once at commit instead of row by row.
   * Default: as many rows as the database already holds events, at least 2,000 and at most 50,000 (rebuilding
   * costs about what the tables hold, so a first load takes the bulk path almost at once).
   */
  deferIndexesAfter?: number;
}

/** A line the import could not use, by its line number in the file (1 is the header). */
export interface RejectedLine {
  line: number;
  problems: string[];
}

/** What an import did; with `skipInvalid`, `skipped` lists the lines left out. */
export interface ImportReport {
  format: ImportFormat;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Deletion ids that named no event. */
  deletionsNotFound: string[];
  /** Rows of kinds armtrace does not record (ACLED protests, riots, …), by kind. */
  outOfScope: Record<string, number>;
  skipped: RejectedLine[];
}

const maxListedInMessage = 200;
const largeImportRows = 50_000;
const smallestBulkRows = 2_000;

/**
 * Imports an ACLED, GTD or armtrace JSON Lines file in one transaction: all of it or (on any error, a bad
 * line without `skipInvalid`, or a crash) none of it. Events already imported are updated in place, found
 * by ACLED `event_id_cnty`, GTD `eventid` or our own id, and left alone when nothing changed.
 */
export async function importEvents(deps: EventDependencies, input: ImportEventsInput, author: ChangeAuthor): Promise<ImportReport> {
  const at = deps.now();
  const context: ConvertContext = { at, actor: author.actor, ...(deps.actors ? { registry: deps.actors } : {}) };
  const change: ChangeAuthor = { actor: author.actor, reason: author.reason ?? `import ${input.format}` };
  const report: ImportReport = { format: input.format, rowsRead: 0, created: 0, updated: 0, unchanged: 0, deleted: 0, deletionsNotFound: [], outOfScope: {}, skipped: [] };
  const rejected: RejectedLine[] = [];
  const batchSize = input.batchSize ?? 2000;
  const bulk = deps.events.openBulkWrite();
  try {
    const lookups = bulk.write((session) => new KeyLookups(session));
    const storedEvents = bulk.write((session) => session.approximateEventCount());
    const bulkAfter = input.deferIndexesAfter ?? Math.min(largeImportRows, Math.max(smallestBulkRows, storedEvents));
    let batch: ImportedEvent[] = [];
    let written = 0;
    const flush = () => {
      const pending = batch;
      batch = [];
      written += pending.length;
      // A large load rebuilds the query indexes once at commit instead of updating them row by row.
      if (written >= bulkAfter) bulk.deferQueryIndexes();
      bulk.write((session) => {
        for (const imported of pending) applyImported(session, lookups, imported, change, at, report);
      });
      input.onProgress?.(report.rowsRead);
    };
    const rows = input.format === "jsonl" ? jsonLines(input.content) : csvRows(input.content, input.format === "acled" ? createAcledConverter() : createGtdConverter(), context);
    for await (const { line, outcome } of rows) {
      report.rowsRead += 1;
      if (outcome.kind === "invalid") {
        rejected.push({ line, problems: outcome.problems });
        if (line === 1) break;
      } else if (outcome.kind === "out_of_scope") {
        report.outOfScope[outcome.reason] = (report.outOfScope[outcome.reason] ?? 0) + 1;
      } else if (rejected.length === 0 || input.skipInvalid) {
        batch.push(outcome.event);
        if (batch.length >= batchSize) flush();
      }
    }
    const headerRejected = rejected[0]?.line === 1 && input.format !== "jsonl";
    if (rejected.length > 0 && (!input.skipInvalid || headerRejected)) throw refusal(rejected);
    flush();
    if (input.deletions !== undefined) {
      const ids = await readDeletionIds(input.deletions);
      bulk.write((session) => {
        for (const id of ids) {
          const event = session.currentByAcledId(id);
          if (event === undefined) report.deletionsNotFound.push(id);
          else {
            session.delete(event.id, { actor: author.actor, reason: author.reason ?? "listed in an ACLED deletions file" }, at);
            report.deleted += 1;
          }
        }
      });
    }
    bulk.commit();
  } catch (error) {
    bulk.rollback();
    throw error;
  }
  report.skipped = rejected;
  return report;
}

function refusal(rejected: RejectedLine[]): ArmtraceError {
  const listed = rejected.slice(0, maxListedInMessage).map((entry) => `line ${entry.line}: ${entry.problems.join("; ")}`);
  const more = rejected.length > maxListedInMessage ? `\n… and ${rejected.length - maxListedInMessage} more` : "";
  return new ArmtraceError(
    "INVALID_INPUT",
    `refused: ${rejected.length} bad line${rejected.length === 1 ? "" : "s"}, nothing imported (use --skip-invalid to import the rest)\n${listed.join("\n")}${more}`,
    { rejected },
  );
}

/**
 * Finds the stored event an imported row updates. When the database held no ACLED (GTD) ids before the import,
 * only ids this import already wrote can be found, so the others need no lookup.
 */
class KeyLookups {
  private readonly seen = { acled: new Set<string>(), gtd: new Set<string>() };
  private readonly isFirstLoad: { acled: boolean; gtd: boolean };

  constructor(session: EventWriteSession) {
    this.isFirstLoad = { acled: !session.hasKeyedEvents("acled"), gtd: !session.hasKeyedEvents("gtd") };
  }

  existing(session: EventWriteSession, key: ImportedEvent["key"]): Event | undefined {
    if (key.kind === "armtrace") return session.current(key.id);
    if (key.kind === "none") return undefined;
    if (this.isFirstLoad[key.kind]) {
      const seen = this.seen[key.kind];
      if (!seen.has(key.id)) {
        seen.add(key.id);
        return undefined;
      }
    }
    return key.kind === "acled" ? session.currentByAcledId(key.id) : session.currentByGtdId(key.id);
  }
}

function applyImported(session: EventWriteSession, lookups: KeyLookups, imported: ImportedEvent, author: ChangeAuthor, at: string, report: ImportReport): void {
  const existing = lookups.existing(session, imported.key);
  if (existing === undefined) {
    session.save({ id: null, expectedVersion: null, state: imported.state, change: "import", author, at, ...(imported.preserve ? { preserve: imported.preserve } : {}) });
    report.created += 1;
    return;
  }
  if (isSameEvent(existing, imported.state)) {
    report.unchanged += 1;
    return;
  }
  // Keep when and by whom unchanged source links were first added.
  const sources = imported.state.sources.map((link) => {
    const same = existing.sources.find((old) => old.sourceId === link.sourceId && old.citation === link.citation);
    return same && imported.preserve === undefined ? { ...link, addedAt: same.addedAt, addedBy: same.addedBy } : link;
  });
  session.save({
    id: existing.id,
    expectedVersion: existing.version,
    state: { ...imported.state, sources },
    change: "import",
    author,
    at,
    ...(imported.preserve ? { preserve: imported.preserve } : {}),
  });
  report.updated += 1;
}

/** True when importing `state` would change nothing an analyst can see. */
function isSameEvent(existing: Event, state: EventState): boolean {
  const comparable = (value: EventState) =>
    JSON.stringify([
      contentOf(value),
      value.reviewState,
      value.fatalities,
      value.injuries,
      value.mergedInto,
      value.sources.map((link) => [link.sourceId, link.citation, link.killed, link.injured, link.evidence, link.mergedFromEventId]),
    ]);
  return comparable(existing) === comparable(state);
}

async function* csvRows(content: TextInput, converter: RowConverter, context: ConvertContext): AsyncGenerator<{ line: number; outcome: RowOutcome }> {
  let width = 0;
  let isHeader = true;
  for await (const records of readCsvRecords(textChunks(content))) {
    for (const record of records) {
      if ("problem" in record) {
        yield { line: record.line, outcome: { kind: "invalid", problems: [`unreadable CSV: ${record.problem}`] } };
        continue;
      }
      const { line, fields } = record;
      if (isHeader) {
        isHeader = false;
        width = fields.length;
        const problems = converter.checkHeader(fields);
        if (problems.length > 0) {
          yield { line: 1, outcome: { kind: "invalid", problems } };
          return;
        }
        continue;
      }
      if (fields.length !== width) {
        yield { line, outcome: { kind: "invalid", problems: [`has ${fields.length} fields where the header has ${width}`] } };
        continue;
      }
      yield { line, outcome: converter.convert(fields, context) };
    }
  }
  if (isHeader) yield { line: 1, outcome: { kind: "invalid", problems: ["the file is empty (no header row)"] } };
}

async function* jsonLines(content: TextInput): AsyncGenerator<{ line: number; outcome: RowOutcome }> {
  let line = 0;
  for await (const text of textLines(content)) {
    line += 1;
    if (text.trim() === "") continue;
    yield { line, outcome: convertJsonLine(text) };
  }
}

/** Splits text input into lines without holding the whole file. */
async function* textLines(content: TextInput): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of toReadable(content)) {
    rest += typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    const lines = rest.split(/\r?\n/);
    rest = lines.pop() ?? "";
    yield* lines;
  }
  rest += decoder.decode();
  if (rest !== "") yield rest;
}

async function readDeletionIds(content: TextInput): Promise<string[]> {
  const ids: string[] = [];
  let column = -1;
  let isFirst = true;
  for await (const line of textLines(content)) {
    const fields = line.split(",").map((field) => field.trim().replace(/^"|"$/g, ""));
    if (isFirst) {
      isFirst = false;
      column = fields.findIndex((field) => field.toLowerCase() === "event_id_cnty");
      if (column >= 0) continue;
      column = 0;
    }
    const id = fields[column];
    if (id) ids.push(id);
  }
  return ids;
}

/** The input as chunks, without copying it. */
function textChunks(content: TextInput): AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> {
  return typeof content === "string" || content instanceof Uint8Array ? [content] : content;
}

function toReadable(content: TextInput): Readable {
  if (typeof content === "string" || content instanceof Uint8Array) return Readable.from([content]);
  return Readable.from(content as AsyncIterable<string | Uint8Array>);
}
