/**
 * Reads a record list (CSV) from disk as rows keyed by record column, each with its line number, so every
 * stored record can point back to its source line. Header spellings are mapped; unknown columns are
 * reported, a missing serial column stops the import before anything is written.
 */
import { parse } from "csv-parse";
import { createReadStream, existsSync } from "node:fs";
import { ArmtraceError } from "../errors.ts";
import { canonicalColumn, type RecordRow } from "../tracing/index.ts";

export interface RecordCsv {
  /** Header names armtrace does not use (kept in the file, not imported). */
  ignoredColumns: string[];
  rows: AsyncIterable<{ line: number; row: RecordRow }>;
}

/** Opens `path`; throws UNREADABLE_FILE or INVALID_INPUT with the reason before yielding any row. */
export async function readRecordCsv(path: string): Promise<RecordCsv> {
  if (!existsSync(path)) throw new ArmtraceError("UNREADABLE_FILE", `no such file: ${path}`);
  const parser = createReadStream(path).pipe(
    parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, trim: false }),
  );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await iterator.next().catch((error: Error) => {
    throw new ArmtraceError("UNREADABLE_FILE", `cannot read ${path} as CSV: ${error.message}`);
  });
  if (first.done === true) throw new ArmtraceError("INVALID_INPUT", `${path} is empty: expected a header with manufacturer, model, serial`);
  const headers = first.value.record.map((header) => header.trim());
  const columns = headers.map((header) => canonicalColumn(header));
  if (!columns.includes("serial")) {
    throw new ArmtraceError("INVALID_INPUT", `${path} has no serial column (headers: ${headers.join(", ")}); expected at least manufacturer, model, serial`);
  }
  const ignoredColumns = headers.filter((_, index) => columns[index] === undefined);
  async function* rows(): AsyncIterable<{ line: number; row: RecordRow }> {
    while (true) {
      let next: IteratorResult<{ record: string[]; info: { lines: number } }>;
      try {
        next = await iterator.next();
      } catch (error) {
        throw new ArmtraceError("UNREADABLE_FILE", `cannot read ${path} as CSV: ${(error as Error).message}`);
      }
      if (next.done === true) return;
      const row: RecordRow = {};
      next.value.record.forEach((value, index) => {
        if (index >= headers.length) {
          row.extraCells = [...(row.extraCells ?? []), value];
          return;
        }
        const column = columns[index];
        if (column !== undefined && row[column] === undefined) row[column] = value;
      });
      yield { line: next.value.info.lines, row };
    }
  }
  return { ignoredColumns, rows: rows() };
}
