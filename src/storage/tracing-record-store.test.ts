import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkRecordRow, importRecords, matchSerial } from "../tracing/index.ts";
import { openDatabase, type ArmtraceDatabase } from "./database.ts";
import { readRecordCsv } from "./tracing-csv.ts";
import { createTraceRecordStore, sizeClassOf } from "./tracing-record-store.ts";

const fixture = join(import.meta.dirname, "../../test-fixtures/tracing/transfers-dirty.csv");
const folders: string[] = [];
const opened: ArmtraceDatabase[] = [];
async function freshDatabase(): Promise<ArmtraceDatabase> {
  const folder = mkdtempSync(join(tmpdir(), "armtrace-tracing-"));
  folders.push(folder);
  const database = await openDatabase({ path: join(folder, "armtrace.db") });
  opened.push(database);
  return database;
}
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function importFixture(database: ArmtraceDatabase) {
  const store = createTraceRecordStore(database);
  const csv = await readRecordCsv(fixture);
  const { result } = await store.withImport("transfers-dirty.csv", (sink) => importRecords("transfers-dirty.csv", csv.rows, sink));
  return { store, summary: result, csv };
}

describe("sizeClassOf", () => {
  it("bounds each range by a power of two", () => {
    expect(sizeClassOf(5, 5)).toBe(0);
    expect(sizeClassOf(1, 2)).toBe(1);
    expect(sizeClassOf(1004300, 1004399)).toBe(7);
    expect(sizeClassOf(0, 1023)).toBe(10);
  });
});

describe("importing a dirty record list", () => {
  it("keeps every row with its line, flags problems row by row, and indexes ranges as ranges", async () => {
    const database = await freshDatabase();
    const { store, summary, csv } = await importFixture(database);
    expect(csv.ignoredColumns).toEqual(["Remarks"]);
    expect(summary.rows).toBe(13);
    expect(summary.recordsStored).toBe(13);
    expect(store.countRecords()).toBe(13);
    expect(summary.problems.filter((problem) => problem.line === 14)).toEqual([]);
    expect(summary.problems.find((problem) => problem.line === 13)?.message).toContain('not imported: "EXTRA CELL"');
    expect(store.getRecord(12)).toMatchObject({ manufacturer: "Colt, Inc.", manufacturerKey: "colt" });
    const at = (line: number) => summary.problems.filter((problem) => problem.line === line).map((problem) => problem.code);
    expect(at(5)).toContain("MALFORMED_SERIAL");
    expect(summary.problems.find((problem) => problem.line === 5)?.message).toContain("before start");
    expect(summary.problems.find((problem) => problem.line === 6)?.message).toContain("mixed prefixes");
    expect(at(8)).toContain("DUPLICATE");
    expect(summary.problems.find((problem) => problem.line === 8)?.message).toContain("repeats the record on line 2");
    expect(at(7)).not.toContain("DUPLICATE");
    expect(at(9)).toContain("MISSING_SERIAL");
    expect(at(10)).toContain("MISSING_DATES");
    expect(at(11)).not.toContain("MISSING_DATES");
    expect(at(12)).toContain("UNREADABLE_DATE");
    expect(summary.rowsNotIndexed).toBe(3);
    expect(summary.rangesIndexed).toBe(2);
    const serials = database.sqlite!.prepare("SELECT count(*) AS n FROM trace_serials").get() as { n: number };
    expect(serials.n).toBe(summary.entriesIndexed);
    const third = store.getRecord(3);
    expect(third).toMatchObject({ sourceFile: "transfers-dirty.csv", sourceLine: 4, shipped: null, received: "2011-05-10", endUser: "Afghan National Police" });
    expect(store.getRecord(2)).toMatchObject({ shipped: "2011-03-14", received: "2011-04-02" });
    expect(store.getRecord(10).kind).toBe("holding");
  });

  it("flags rows already stored by an earlier import as duplicates", async () => {
    const database = await freshDatabase();
    await importFixture(database);
    const { summary } = await importFixture(database);
    expect(summary.recordsStored).toBe(13);
    expect(summary.entriesIndexed).toBe(0);
    expect(summary.problems.find((problem) => problem.line === 2)?.message).toContain("already recorded as FMS-AF-0001 (transfers-dirty.csv:2)");
  });

  it("rolls the whole import back when it fails midway", async () => {
    const database = await freshDatabase();
    const store = createTraceRecordStore(database);
    const rows = [{ line: 2, row: { manufacturer: "Colt", model: "M4", serial: "A1234" } }];
    await expect(
      store.withImport("x.csv", async (sink) => {
        await importRecords("x.csv", rows, sink);
        throw new Error("disk on fire");
      }),
    ).rejects.toThrow("disk on fire");
    expect(store.countRecords()).toBe(0);
  });
});

describe("the SQLite serial index", () => {
  it("answers the matcher like the specification says", async () => {
    const database = await freshDatabase();
    const { store } = await importFixture(database);
    const index = store.serialIndex();
    const exact = matchSerial({ serial: "W1004321", manufacturer: "Colt", model: "Colt M4A1 carbine" }, index);
    expect(exact[0]).toMatchObject({ serial: "W1004321", record_ref: "FMS-AF-0001 (transfers-dirty.csv:2)", score: 1 });
    expect(exact.map((candidate) => candidate.record_ref)).toContain("FMS-AF-0003 (transfers-dirty.csv:7)");
    expect(exact.map((candidate) => candidate.record_ref)).toContain("transfers-dirty.csv:14");
    const inRange = matchSerial({ serial: "W1004450" }, index);
    expect(inRange[0]?.record_ref).toBe("FMS-AF-0002 (transfers-dirty.csv:4)");
    const unknown = matchSerial({ serial: "W10044?0", manufacturer: "Colt" }, index);
    expect(unknown[0]?.reasons.join(" ")).toContain("other reading(s)");
    const confused = matchSerial({ serial: "W2OO8889" }, index);
    expect(confused[0]).toMatchObject({ serial: "W2008889", record_ref: "transfers-dirty.csv:11" });
    const fragment = matchSerial({ serial: "...4477" }, index);
    expect(fragment[0]?.serial).toBe("W1004477");
  });

  it("finds ranges of every size class and nothing outside them", async () => {
    const database = await freshDatabase();
    const store = createTraceRecordStore(database);
    const rows = [
      { manufacturer: "Colt", model: "M4", serial: "A000001-A100000" },
      { manufacturer: "Colt", model: "M4", serial: "A100001-A100002" },
      { manufacturer: "Colt", model: "M4", serial: "A100500" },
    ];
    store.addRecords(rows.map((row, index) => checkRecordRow(row, { file: "gen", line: index + 2 })));
    const index = store.serialIndex();
    expect(index.findOverlapping("A|6|", 50000, 50000)).toHaveLength(1);
    expect(index.findOverlapping("A|6|", 100000, 100001)).toHaveLength(2);
    expect(index.findOverlapping("A|6|", 100003, 100499)).toHaveLength(0);
    expect(index.findOverlapping("A|6|", 100500, 100500)).toHaveLength(1);
  });
});
