/**
 * The import-records use case: reads rows of a record list, checks each one, flags duplicates within the
 * list and against what is already stored, and hands every row (problems included) to the sink. Returns
 * a summary as data; one bad row never stops the batch.
 */
import { checkRecordRow, DuplicateTracker, type RecordDraft, type RecordProblemCode, type RecordRow } from "./trace-record.ts";
import { describeEntry, type SerialEntry } from "./serial.ts";

/** Where checked records go; storage implements it inside one transaction. */
export interface RecordSink {
  /** A reference to an already stored identical record (see recordIdentity) holding the same entry, if any. */
  findExisting(draft: RecordDraft, entry: SerialEntry): string | undefined;
  add(draft: RecordDraft): void;
}

export interface ImportRowProblem {
  line: number;
  code: RecordProblemCode;
  message: string;
}

export interface ImportSummary {
  file: string;
  rows: number;
  recordsStored: number;
  entriesIndexed: number;
  rangesIndexed: number;
  serialsCovered: number;
  rowsWithProblems: number;
  rowsNotIndexed: number;
  problemCounts: Partial<Record<RecordProblemCode, number>>;
  /** The first problems, row by row (all of them are stored with their record). */
  problems: ImportRowProblem[];
  problemsTruncated: boolean;
}

/** Checks and stores every row; `maxListedProblems` bounds the summary, not what is stored. */
export async function importRecords(
  file: string,
  rows: AsyncIterable<{ line: number; row: RecordRow }> | Iterable<{ line: number; row: RecordRow }>,
  sink: RecordSink,
  maxListedProblems = 200,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    file,
    rows: 0,
    recordsStored: 0,
    entriesIndexed: 0,
    rangesIndexed: 0,
    serialsCovered: 0,
    rowsWithProblems: 0,
    rowsNotIndexed: 0,
    problemCounts: {},
    problems: [],
    problemsTruncated: false,
  };
  const duplicates = new DuplicateTracker();
  for await (const { line, row } of rows) {
    summary.rows += 1;
    const draft = checkRecordRow(row, { file, line }, duplicates);
    const kept: SerialEntry[] = [];
    for (const entry of draft.entries) {
      const existing = sink.findExisting(draft, entry);
      if (existing === undefined) kept.push(entry);
      else draft.problems.push({ code: "DUPLICATE", message: `${describeEntry(entry)} is already recorded as ${existing}; kept, not indexed twice` });
    }
    draft.entries = kept;
    sink.add(draft);
    summary.recordsStored += 1;
    for (const entry of draft.entries) {
      summary.entriesIndexed += 1;
      if (entry.kind === "range") {
        summary.rangesIndexed += 1;
        summary.serialsCovered += entry.count;
      } else summary.serialsCovered += 1;
    }
    const significant = draft.problems.filter((problem) => problem.code !== "SERIAL_NORMALISED");
    if (significant.length > 0) summary.rowsWithProblems += 1;
    if (draft.problems.some((problem) => problem.isBlocking === true)) summary.rowsNotIndexed += 1;
    for (const problem of draft.problems) {
      summary.problemCounts[problem.code] = (summary.problemCounts[problem.code] ?? 0) + 1;
      if (summary.problems.length < maxListedProblems) summary.problems.push({ line, code: problem.code, message: problem.message });
      else summary.problemsTruncated = true;
    }
  }
  return summary;
}

/** A plain-text summary for the terminal: counts first, then the row-level problems with their lines. */
export function formatImportSummary(summary: ImportSummary): string {
  const lines = [
    `${summary.file}: ${summary.rows} rows read, ${summary.recordsStored} records stored (none dropped)`,
    `  ${summary.entriesIndexed} serial entries indexed (${summary.rangesIndexed} ranges), covering ${summary.serialsCovered} serials`,
    `  ${summary.rowsWithProblems} rows with problems, ${summary.rowsNotIndexed} rows stored without a usable serial`,
  ];
  for (const [code, count] of Object.entries(summary.problemCounts)) lines.push(`  ${code}: ${count}`);
  for (const problem of summary.problems) lines.push(`  line ${problem.line}: ${problem.code}: ${problem.message}`);
  if (summary.problemsTruncated) lines.push("  … more problems are stored with their records");
  return `${lines.join("\n")}\n`;
}
