import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateAcledFile } from "../../bench/events.bench.ts";
import { importEvents, type ImportEventsInput, type ImportReport } from "../events/import-events.ts";
import { listEvents } from "../events/list-events.ts";
import { openTestEvents, type TestEvents } from "../events/testing/open-test-events.ts";

/**
 * The bulk path (deferred indexes and rollups, set-based detail rows for new events, no per-row lookups on a
 * first load) must leave exactly what the per-row path leaves. The same files go into two databases, one
 * through each path, and every table an import writes is compared row by row, together with full-text hits,
 * list queries and the import reports.
 */

const importer = { actor: "importer", reason: "bulk test" };
/** Far above any test's row count: the per-row path throughout. */
const never = 1_000_000_000;

let perRow: TestEvents;
let bulk: TestEvents;
beforeEach(async () => {
  perRow = await openTestEvents();
  bulk = await openTestEvents();
});
afterEach(async () => {
  await perRow.cleanup();
  await bulk.cleanup();
});

const tables: Record<string, string> = {
  events: `SELECT * FROM events ORDER BY id`,
  event_actors: `SELECT rowid, * FROM event_actors ORDER BY rowid`,
  event_sources: `SELECT * FROM event_sources ORDER BY id`,
  event_versions: `SELECT * FROM event_versions ORDER BY event_id, version`,
  events_fts: `SELECT rowid, notes, location, actors FROM events_fts ORDER BY rowid`,
  report_rollup: `SELECT * FROM report_rollup ORDER BY 1, 2, 3, 4, 5, 6, 7`,
  report_border_rollup: `SELECT * FROM report_border_rollup ORDER BY 1, 2, 3, 4, 5, 6`,
  report_actor_rollup: `SELECT * FROM report_actor_rollup ORDER BY 1, 2, 3, 4, 5, 6, 7`,
  sqlite_sequence: `SELECT * FROM sqlite_sequence ORDER BY name`,
  // The bulk path's closing PRAGMA optimize adds sqlite_stat tables: statistics, not data.
  schema: `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name`,
};

function contents(t: TestEvents): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(tables).map(([name, query]) => [name, t.database.sqlite!.prepare(query).all()]));
}

function ftsHits(t: TestEvents, terms: string[]): Record<string, number[]> {
  const match = t.database.sqlite!.prepare(`SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid`);
  return Object.fromEntries(terms.map((term) => [term, (match.all(term) as Array<{ rowid: number }>).map((row) => row.rowid)]));
}

/** Imports into both databases: the per-row path in one, the bulk path from the first row (small batches) in the other. */
async function importBoth(input: ImportEventsInput): Promise<ImportReport> {
  const viaRows = await importEvents(perRow.deps, { ...input, deferIndexesAfter: never }, importer);
  const viaBulk = await importEvents(bulk.deps, { ...input, deferIndexesAfter: 1, batchSize: 97 }, importer);
  expect(viaBulk).toEqual(viaRows);
  return viaRows;
}

async function expectSameDatabases(): Promise<void> {
  const expected = contents(perRow);
  const actual = contents(bulk);
  for (const [name, rows] of Object.entries(expected)) {
    expect(actual[name]!.length, name).toBe(rows.length);
    rows.forEach((row, index) => expect(actual[name]![index], `${name} row ${index}`).toEqual(row));
  }
  const terms = ["Quetta", "Tehrik", "taliban", "security", "Bannu killed", "Majeed", "Khost"];
  expect(ftsHits(bulk, terms)).toEqual(ftsHits(perRow, terms));
  for (const filter of [{ actor: "TTP", dateFrom: "2024" }, { text: "Miran Shah" }, { admin1: "Balochistan", type: "attack" as const }]) {
    expect(await listEvents(bulk.deps, { ...filter, sort: "id", limit: 500 })).toEqual(await listEvents(perRow.deps, { ...filter, sort: "id", limit: 500 }));
  }
}

describe("bulk import", () => {
  it("writes exactly what the per-row path writes: new events, invalid lines, repeated ids, updates and deletions", async () => {
    const path = join(perRow.folder, "rows.csv");
    generateAcledFile(path, 1200, 5);
    const [header, ...body] = parse(readFileSync(path, "utf8")) as string[][];
    const column = (name: string) => header!.indexOf(name);
    const rows = body.map((row, index) => {
      const copy = [...row];
      // Associated actors, empty notes and places, and actors spelled several ways.
      if (index % 9 === 0) copy[column("assoc_actor_1")] = "BLA: Balochistan Liberation Army - Majeed Brigade; Lashkar-e-Islam";
      if (index % 11 === 0) copy[column("assoc_actor_2")] = "Civilians (Pakistan)";
      if (index % 13 === 0) copy[column("notes")] = "";
      if (index % 17 === 0) copy[column("location")] = "";
      if (index % 19 === 0) copy[column("actor1")] = "Tehreek-e-Taliban Pakistan";
      return copy;
    });
    // Bad lines (skipped with skipInvalid) and an id that appears twice in one file (the second updates the first).
    rows.splice(100, 0, [...rows[3]!.slice(0, 28), "many", ...rows[3]!.slice(29)]);
    rows.splice(500, 0, rows[400]!.slice(0, 10));
    rows.splice(700, 0, rows[600]!.map((value, index) => (index === column("fatalities") ? "41" : value)));
    const first = await importBoth({ format: "acled", content: stringify([header!, ...rows]), skipInvalid: true });
    expect(first.skipped.map((entry) => entry.line)).toEqual([102, 502]);
    expect(first.updated).toBe(1);
    expect(first.created).toBeGreaterThan(1000);
    await expectSameDatabases();

    // A second file: changed figures and places for a third, new rows, and a deletions list.
    const changed = body.map((row, index) => {
      if (index % 3 !== 0) return row;
      const copy = [...row];
      copy[column("fatalities")] = String((index % 13) + 1);
      copy[column("admin1")] = index % 2 === 0 ? "Sindh" : copy[column("admin1")]!;
      return copy;
    });
    const added = body.slice(0, 200).map((row, index) => row.map((value, at) => (at === column("event_id_cnty") ? `NEW${index}` : value)));
    const deletions = ["event_id_cnty", ...body.filter((_, index) => index % 23 === 4).map((row) => row[column("event_id_cnty")]!), "PAK-NONE"].join("\n");
    const second = await importBoth({ format: "acled", content: stringify([header!, ...changed, ...added]), deletions });
    expect(second.created).toBe(200);
    expect(second.deletionsNotFound).toEqual(["PAK-NONE"]);
    await expectSameDatabases();
  });

  it("refuses a file with bad lines as a whole through the bulk path too, leaving nothing behind", async () => {
    const path = join(bulk.folder, "rows.csv");
    generateAcledFile(path, 300, 9);
    const before = contents(bulk);
    const text = readFileSync(path, "utf8").trimEnd().split("\n");
    text.splice(250, 0, "PAK-BAD,2025-13-40");
    await expect(importEvents(bulk.deps, { format: "acled", content: text.join("\n"), deferIndexesAfter: 1, batchSize: 50 }, importer)).rejects.toThrow(/line 251/);
    expect(contents(bulk)).toEqual(before);
  });
});
