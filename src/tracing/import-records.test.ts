import { describe, expect, it } from "vitest";
import { formatImportSummary, importRecords, type RecordSink } from "./import-records.ts";
import type { RecordDraft } from "./trace-record.ts";
import { parseRecordDate } from "./trace-record.ts";

function memorySink(existing: string | undefined = undefined): RecordSink & { stored: RecordDraft[] } {
  const stored: RecordDraft[] = [];
  return { stored, findExisting: () => existing, add: (draft) => stored.push(draft) };
}

describe("importRecords", () => {
  it("keeps every row, flags problems by line and summarises", async () => {
    const sink = memorySink();
    const rows = [
      { line: 2, row: { manufacturer: "Colt", model: "M4A1", serial: "W1004300–W1004399", shipped: "2011-03-14", exporter: "United States" } },
      { line: 3, row: { manufacturer: "Colt", model: "M4A1", serial: "W1004399–W1004300", shipped: "2011-03-14", exporter: "United States" } },
      { line: 4, row: { manufacturer: "", model: "M4A1", serial: "W 100-4400", holder: "depot" } },
      { line: 5, row: { manufacturer: "Colt", model: "M4A1", serial: "W1004300-W1004399", shipped: "14/03/2011", exporter: "United States" } },
      { line: 6, row: { manufacturer: "Colt", model: "M4A1", serial: "W1004500", exporter: "United States", shipped: "2011-05-01", received: "2011-04-01" } },
    ];
    const summary = await importRecords("list.csv", rows, sink);
    expect(sink.stored).toHaveLength(5);
    expect(summary).toMatchObject({ rows: 5, recordsStored: 5, rangesIndexed: 1, rowsNotIndexed: 1 });
    const codes = (line: number) => summary.problems.filter((problem) => problem.line === line).map((problem) => problem.code);
    expect(codes(3)).toEqual(["MALFORMED_SERIAL"]);
    expect(codes(4)).toContain("MISSING_MANUFACTURER");
    expect(codes(5)).toEqual(["DUPLICATE"]);
    expect(codes(6)).toEqual(["RECEIVED_BEFORE_SHIPPED"]);
    expect(sink.stored[2]).toMatchObject({ kind: "holding", sourceFile: "list.csv", sourceLine: 4, entries: [{ kind: "single", serial: { text: "W1004400" } }] });
    expect(formatImportSummary(summary)).toContain("5 rows read, 5 records stored (none dropped)");
  });

  it("flags rows an earlier import already holds", async () => {
    const summary = await importRecords("again.csv", [{ line: 2, row: { manufacturer: "Colt", model: "M4A1", serial: "W1" } }], memorySink("record 9"));
    expect(summary.problems[0]?.message).toContain("already recorded as record 9");
    expect(summary.entriesIndexed).toBe(0);
  });
});

describe("parseRecordDate", () => {
  it.each([
    ["2011-03-14", "2011-03-14"],
    ["2011-3", "2011-03"],
    ["2011", "2011"],
    ["14/03/2011", "2011-03-14"],
    ["14.3.2011", "2011-03-14"],
    ["14 March 2011", "2011-03-14"],
    ["Mar 2011", "2011-03"],
    ["31/02/2011", null],
    ["sometime", null],
  ])("%s → %s", (text, iso) => expect(parseRecordDate(text)).toBe(iso));
});
