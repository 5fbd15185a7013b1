import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAcledFile } from "../../bench/events.bench.ts";
import { actorKey } from "../events/actor-key.ts";
import type { EventQuery } from "../events/event-query.ts";
import { importEvents } from "../events/import-events.ts";
import { generateEventState, seededRandom } from "../events/testing/generate-events.ts";
import { openTestEvents, type TestEvents } from "../events/testing/open-test-events.ts";
import { EventStore } from "./event-store.ts";
import { liveEventIndexes } from "./migrations/027-event-live-indexes.ts";

/**
 * The list queries really use the partial indexes on live events (migration 027) for their main filter
 * shapes — read from the index alone, in the page's order — and an import's bulk path, which drops and
 * re-creates the query indexes, gives them back unchanged.
 */

let t: TestEvents;
let store: EventStore;

function indexes(target: TestEvents): Array<{ name: string; sql: string }> {
  return target.database
    .sqlite!.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name`)
    .all() as Array<{ name: string; sql: string }>;
}

beforeAll(async () => {
  t = await openTestEvents();
  const random = seededRandom(3);
  t.deps.events.write((session) => {
    for (let index = 0; index < 3000; index++) {
      const event = session.save({ id: null, expectedVersion: null, state: generateEventState(random, []), change: "create", author: { actor: "seed" }, at: "2026-01-01T00:00:00.000Z" });
      if (index % 50 === 7) session.delete(event.id, { actor: "seed" }, "2026-01-02T00:00:00.000Z");
    }
  });
  // As after an import (PRAGMA optimize) or the bench: the planner has statistics.
  t.database.sqlite!.exec("ANALYZE");
  store = new EventStore(t.database);
});
afterAll(async () => {
  await t.cleanup();
});

describe("list query plans", () => {
  const shapes: Array<[string, EventQuery, string]> = [
    ["everything, newest first", {}, "events_live_date_idx"],
    ["country and a year", { country: "PK", dateFrom: "2021", dateTo: "2021" }, "events_live_country_idx"],
    ["province and type", { admin1: "Balochistan", type: "attack" }, "events_live_admin1_idx"],
    ["district and a month", { admin2: "Bannu", dateFrom: "2022-03", dateTo: "2022-03" }, "events_live_admin2_idx"],
    ["type", { type: "airstrike" }, "events_live_type_idx"],
    ["review state", { reviewState: "candidate" }, "events_live_review_idx"],
    ["killed at least 5, deadliest first", { fatalitiesMin: 5, sort: "-fatalities" }, "events_live_fatalities_idx"],
    ["recently updated", { sort: "-updated", offset: 100 }, "events_live_updated_idx"],
  ];
  it.each(shapes)("%s: the page reads a live-events index alone, already in order", (_name, query, index) => {
    const { page } = store.queryPlan(query);
    expect(page.join("\n")).toContain(`COVERING INDEX ${index}`);
    expect(page.join("\n")).not.toMatch(/TEMP B-TREE/);
  });

  it("counts from covering indexes, and checks an actor's events in the id index instead of the rows", () => {
    for (const [, query] of shapes) expect(store.queryPlan(query).count.join("\n")).toMatch(/COVERING INDEX|USING INDEX events_span_idx/);
    const actor = store.queryPlan({ actorKeys: [actorKey("Tehrik-i-Taliban Pakistan")], dateFrom: "2022", dateTo: "2022" });
    expect(actor.count.join("\n")).toContain("COVERING INDEX events_live_id_idx");
    expect(actor.count.join("\n")).toContain("COVERING INDEX event_actors_name_dates_idx");
  });

  it("lets another filter's index drive when the full-text words are common, and the matches drive when rare", () => {
    const common = new EventStore(t.database, { commonMatches: 100 });
    const plan = common.queryPlan({ text: "near", country: "PK", dateFrom: "2021" }).page.join("\n");
    expect(plan).toContain("COVERING INDEX events_live_country_idx");
    expect(plan).not.toMatch(/TEMP B-TREE/);
    const rare = new EventStore(t.database, { commonMatches: 1_000_000 }).queryPlan({ text: "near", country: "PK", dateFrom: "2021" }).page.join("\n");
    expect(rare).not.toContain("events_live_country_idx");
    // A common word alone: the date index yields the page and FTS5 is asked about each entry; the count walks the matches.
    const alone = common.queryPlan({ text: "near" });
    expect(alone.page.join("\n")).toContain("COVERING INDEX events_live_date_idx");
    expect(alone.page.join("\n")).not.toMatch(/TEMP B-TREE/);
    expect(alone.count[1]).toMatch(/SCAN events_fts VIRTUAL TABLE/);
  });

  it("bounds a date filter by the longest stored event, read from events_span_idx", () => {
    const sqlite = t.database.sqlite!;
    const longest = sqlite.prepare(`SELECT max(julianday(date_last) - julianday(date_first)) FROM events WHERE date_last > date_first`).pluck().get() as number;
    expect(longest).toBeGreaterThan(300); // the seed has year-precision events
    const plan = sqlite.prepare(`EXPLAIN QUERY PLAN SELECT max(julianday(date_last) - julianday(date_first)) FROM events WHERE date_last > date_first`).all() as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join("\n")).toContain("events_span_idx");
  });
});

describe("the bulk import path", () => {
  it("re-creates every query index exactly as migration 027 declared it", async () => {
    const target = await openTestEvents();
    try {
      const before = indexes(target);
      for (const name of [...Object.keys(liveEventIndexes), "events_span_idx"]) expect(before.map((index) => index.name)).toContain(name);
      const path = join(target.folder, "acled.csv");
      generateAcledFile(path, 120, 5);
      const report = await importEvents(target.deps, { format: "acled", content: readFileSync(path, "utf8"), deferIndexesAfter: 1, batchSize: 25 }, { actor: "importer" });
      expect(report.created).toBe(120);
      expect(indexes(target)).toEqual(before);
      const fresh = new EventStore(target.database);
      expect(fresh.queryPlan({ country: "PK", dateFrom: "2024", dateTo: "2024" }).page.join("\n")).toContain("events_live_country_idx");
      expect((await fresh.query({ country: "PK", count: "exact", limit: 1 })).total).toBe(
        target.database.sqlite!.prepare(`SELECT count(*) FROM events WHERE country = 'PK' AND deleted_at IS NULL AND merged_into IS NULL`).pluck().get(),
      );
    } finally {
      await target.cleanup();
    }
  });
});
