import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateAcledFile } from "../../bench/events.bench.ts";
import { importEvents, type ImportEventsInput } from "../events/import-events.ts";
import { openTestEvents, type TestEvents } from "../events/testing/open-test-events.ts";
import { borderDistanceSql } from "./migrations/060-report-rollups.ts";
import { borderBucket, borderDistanceFunction, rebuildReportRollups, registerBorderDistance, rollupTriggerNames } from "./report-rollup-rebuild.ts";

/**
 * A large import suspends the report rollup triggers and recomputes the rollup tables once at commit. The
 * result must be exactly what the triggers produce row by row: the same imports go into two databases, one
 * kept by the triggers (bulk path never taken), one by the bulk path (taken from the first row), and every
 * rollup table is compared row by row.
 */

const importer = { actor: "importer" };
const rollupTables = ["report_rollup", "report_border_rollup", "report_actor_rollup", "report_source_links", "report_source_words", "report_year_rollup", "report_month_rollup"] as const;
/** Far above any test's row count: the per-row triggers keep the rollups. */
const never = 1_000_000_000;

let byTriggers: TestEvents;
let byRebuild: TestEvents;
beforeEach(async () => {
  byTriggers = await openTestEvents();
  byRebuild = await openTestEvents();
  // The same stored sources in both (ids 1–80): the JSON Lines events link to some of them, 64 ids apart.
  for (let index = 0; index < 80; index += 1) {
    byTriggers.addSource();
    byRebuild.addSource();
  }
});
afterEach(async () => {
  await byTriggers.cleanup();
  await byRebuild.cleanup();
});

function tableRows(t: TestEvents, table: string): unknown[] {
  const sqlite = t.database.sqlite!;
  const columns = sqlite.prepare(`PRAGMA table_info(${table})`).all().length;
  return sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${Array.from({ length: columns }, (_, index) => index + 1).join(", ")}`).safeIntegers().all();
}

function rollups(t: TestEvents): Record<string, unknown[]> {
  return Object.fromEntries(rollupTables.map((table) => [table, tableRows(t, table)]));
}

function triggers(t: TestEvents): unknown[] {
  return t.database.sqlite!.prepare(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all();
}

/** Imports into both databases: per-row triggers in one, the bulk path (from the first row, small batches) in the other. */
async function importBoth(input: ImportEventsInput | (() => ImportEventsInput)): Promise<void> {
  const make = typeof input === "function" ? input : () => input;
  const viaTriggers = await importEvents(byTriggers.deps, { ...make(), deferIndexesAfter: never }, importer);
  const viaRebuild = await importEvents(byRebuild.deps, { ...make(), deferIndexesAfter: 1, batchSize: 97 }, importer);
  expect(viaRebuild).toEqual(viaTriggers);
}

function acledRows(folder: string, count: number, seed: number): string[][] {
  const path = join(folder, `acled-${count}-${seed}.csv`);
  generateAcledFile(path, count, seed);
  return parse(readFileSync(path, "utf8")) as string[][];
}

/** JSON Lines events covering what ACLED rows do not: rejected and merged events, undated and unlocated ones, far from the border. */
function jsonEvents(): string {
  const lines: string[] = [];
  const counts = { security_forces: null, civilians: null, militants: null, unknown: null };
  for (let id = 900_001; id <= 900_060; id += 1) {
    const far = id % 5 === 0;
    const located = id % 7 !== 0;
    lines.push(
      JSON.stringify({
        id,
        type: id % 2 === 0 ? "attack" : "armed_clash",
        date: id % 11 === 0 ? "2024" : `2024-0${1 + (id % 9)}-1${id % 10}`,
        datePrecision: id % 11 === 0 ? "year" : "day",
        dateEnd: null,
        country: id % 3 === 0 ? "AF" : "PK",
        admin1: id % 4 === 0 ? null : "Balochistan",
        admin2: null,
        location: null,
        latitude: located ? (far ? 24.86 : 31.0 + (id % 10) / 10) : null,
        longitude: located ? (far ? 74.34 : 66.5 + (id % 10) / 10) : null,
        geoPrecision: null,
        actors: { perpetrators: id % 2 === 0 ? ["Tehrik-i-Taliban Pakistan"] : [], targets: ["Civilians (Pakistan)"], associated: [] },
        killed: { security_forces: id % 3, civilians: null, militants: id % 4, unknown: 1 },
        injured: { security_forces: null, civilians: id % 5, militants: null, unknown: null },
        weapons: [],
        notes: null,
        acled: null,
        gtd: null,
        reviewState: id % 6 === 0 ? "rejected" : id % 6 === 1 ? "confirmed" : "candidate",
        version: 1,
        fatalities: { low: 1, best: 1, high: 1, rule: "single_source" },
        injuries: { low: null, best: null, high: null, rule: "none" },
        sources: id % 8 === 0 ? [] : [1 + (id % 5), 70 + (id % 3)].map((sourceId) => ({ sourceId, citation: null, killed: counts, injured: counts, evidence: [], reliability: null, mergedFromEventId: null, addedAt: "2026-01-01T00:00:00.000Z", addedBy: "a" })),
        mergedInto: id % 10 === 3 ? id + 1 : null,
        createdAt: "2026-01-01T00:00:00.000Z",
        createdBy: "a",
        updatedAt: "2026-01-01T00:00:00.000Z",
        updatedBy: "a",
      }),
    );
  }
  return lines.join("\n");
}

describe("report rollups of a bulk import", () => {
  it("equal, table by table and row by row, what the per-row triggers produce", async () => {
    const rows = acledRows(byTriggers.folder, 1500, 7);
    const first = stringify(rows);
    await importBoth({ format: "acled", content: first });
    expect(rollups(byRebuild)).toEqual(rollups(byTriggers));
    expect(rollups(byTriggers).report_rollup!.length).toBeGreaterThan(100);
    expect(rollups(byTriggers).report_actor_rollup!.length).toBeGreaterThan(100);
    expect(rollups(byTriggers).report_border_rollup!.length).toBeGreaterThan(100);

    // A second import changes a third of the events (figures, place, date) and deletes some: the triggers'
    // update and delete paths against the rebuild.
    const [header, ...body] = rows;
    const column = (name: string) => header!.indexOf(name);
    const changed = body.map((row, index) => {
      if (index % 3 !== 0) return row;
      const copy = [...row];
      copy[column("fatalities")] = String((index % 13) + 1);
      copy[column("admin1")] = index % 2 === 0 ? "Sindh" : copy[column("admin1")]!;
      copy[column("event_date")] = "2019-03-1" + (index % 10);
      copy[column("year")] = "2019";
      return copy;
    });
    const deletions = ["event_id_cnty", ...body.filter((_, index) => index % 17 === 5).map((row) => row[column("event_id_cnty")]!)].join("\n");
    await importBoth({ format: "acled", content: stringify([header!, ...changed]), deletions });
    expect(rollups(byRebuild)).toEqual(rollups(byTriggers));

    // Rejected, merged, unlocated, undated-precision and far-from-border events.
    await importBoth({ format: "jsonl", content: jsonEvents() });
    expect(rollups(byRebuild)).toEqual(rollups(byTriggers));
    expect(rollups(byTriggers).report_source_links!.length).toBeGreaterThan(10);
    expect(rollups(byTriggers).report_source_words!.length).toBeGreaterThan(2);

    // The triggers are back, the same, and keep the rollups after the bulk import.
    expect(triggers(byRebuild)).toEqual(triggers(byTriggers));
    expect((triggers(byRebuild) as Array<{ name: string }>).filter((trigger) => (rollupTriggerNames as readonly string[]).includes(trigger.name))).toHaveLength(rollupTriggerNames.length);
    await importBoth({ format: "acled", content: stringify([header!, ...body.slice(0, 50)]), deferIndexesAfter: never } as ImportEventsInput);
    expect(rollups(byRebuild)).toEqual(rollups(byTriggers));

    // And a fresh recomputation gives the same as the triggers kept.
    const kept = rollups(byTriggers);
    const sqlite = byTriggers.database.sqlite!;
    sqlite.transaction(() => rebuildReportRollups(sqlite))();
    expect(rollups(byTriggers)).toEqual(kept);
  });

  it("a failed bulk import leaves the triggers and the data as they were", async () => {
    const rows = acledRows(byRebuild.folder, 400, 11);
    await importEvents(byRebuild.deps, { format: "acled", content: stringify(rows) }, importer);
    const sqlite = byRebuild.database.sqlite!;
    const snapshot = () => ({
      triggers: triggers(byRebuild),
      rollups: rollups(byRebuild),
      events: sqlite.prepare(`SELECT count(*) AS n, sum(version) AS versions FROM events`).get(),
      actors: sqlite.prepare(`SELECT count(*) AS n FROM event_actors`).get(),
    });
    const before = snapshot();
    expect((before.triggers as unknown[]).length).toBeGreaterThanOrEqual(6);

    // A bad line at the end: refused after the bulk path has dropped the triggers and written batches.
    const more = acledRows(byRebuild.folder, 300, 12);
    const broken = stringify([...more, more[1]!.slice(0, 5)]);
    await expect(importEvents(byRebuild.deps, { format: "acled", content: broken, deferIndexesAfter: 1, batchSize: 50 }, importer)).rejects.toThrow(/bad line/);
    expect(snapshot()).toEqual(before);

    // A failure at commit (a merge into an event that does not exist): the rollback restores everything too.
    const dangling = JSON.parse(jsonEvents().split("\n")[0]!) as Record<string, unknown>;
    const lines = [JSON.stringify({ ...dangling, id: 950_000, mergedInto: 999_999 }), ...jsonEvents().split("\n").slice(1)].join("\n");
    await expect(importEvents(byRebuild.deps, { format: "jsonl", content: lines, deferIndexesAfter: 1, batchSize: 10 }, importer)).rejects.toThrow(/not in this database/);
    expect(snapshot()).toEqual(before);

    // And the triggers still work after the failures.
    await importEvents(byRebuild.deps, { format: "acled", content: stringify(more) }, importer);
    const kept = rollups(byRebuild);
    sqlite.transaction(() => rebuildReportRollups(sqlite))();
    expect(rollups(byRebuild)).toEqual(kept);
  });

  it("computes the distance to the border as the triggers' SQL does", () => {
    const sqlite = byRebuild.database.sqlite!;
    registerBorderDistance(sqlite);
    const compare = sqlite.prepare(`SELECT ${borderDistanceSql("@lat", "@lon")} AS bySql, ${borderDistanceFunction}(@lat, @lon) AS byFunction`);
    let within = 0;
    // Points on a fine grid over both countries and past the grid's edges, with jitter off the grid lines.
    for (let lat = 19.5; lat <= 41.5; lat += 0.173) {
      for (let lon = 54.5; lon <= 81.5; lon += 0.191) {
        const point = { lat: Math.round((lat + ((lon * 7.3) % 0.1)) * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4 };
        const { bySql, byFunction } = compare.get(point) as { bySql: number | null; byFunction: number | null };
        // Equal but for the last bit of the sines and cosines (JavaScript's versus the C library's).
        if (bySql === null) expect(byFunction, `${point.lat}, ${point.lon}`).toBeNull();
        else expect(Math.abs(byFunction! - bySql), `${point.lat}, ${point.lon}`).toBeLessThan(1e-9);
        // The bucket: the triggers' whole km, or -1 (the SQL decides) a hair from a whole km.
        const bucket = borderBucket(byFunction);
        if (bucket !== -1) expect(bucket, `${point.lat}, ${point.lon}`).toBe(bySql === null ? 301 : Math.min(Math.ceil(bySql), 301));
        if (bySql !== null && bySql <= 300) within += 1;
      }
    }
    expect(within).toBeGreaterThan(1000);
    expect([borderBucket(12.0000000001), borderBucket(11.9999999999), borderBucket(12.01), borderBucket(null), borderBucket(512.5)]).toEqual([-1, -1, 13, 301, 301]);
  });
});
