import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorKey } from "../events/actor-key.ts";
import { firstDay, lastDay } from "../events/event-dates.ts";
import type { EventQuery, EventSort } from "../events/event-query.ts";
import { eventSorts } from "../events/event-query.ts";
import { listEvents } from "../events/list-events.ts";
import { generateEventState, seededRandom, testActors as actors, testPlaces as places, testReviewStates as states, testTypes as types } from "../events/testing/generate-events.ts";
import { openTestEvents, type TestEvents } from "../events/testing/open-test-events.ts";
import { EventStore } from "./event-store.ts";

/**
 * The query layer's fast paths (id page from covering indexes, capped counts, the exact total of a last
 * page) against the straightforward computation: every event read into memory, filtered, sorted and paged
 * in JavaScript. The seeded database has deleted, merged, rejected, undated, multi-day and multi-actor events.
 */

interface Row {
  id: number;
  type: string;
  date_first: string | null;
  date_last: string | null;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  fatalities_best: number | null;
  injuries_best: number | null;
  review_state: string;
  updated_at: string;
  merged_into: number | null;
  deleted_at: string | null;
  acled_event_id: string | null;
}

function groupBy<T>(rows: Array<{ id: number; value: T }>): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) groups.set(row.id, [...(groups.get(row.id) ?? []), row.value]);
  return groups;
}

/** Every row the straightforward query reads, loaded once (the tests do not write after seeding). */
let snapshot: { rows: Row[]; actorKeysOf: Map<number, string[]>; sourcesOf: Map<number, Array<number | null>> } | undefined;

/** The straightforward query: every row in memory, filtered, sorted and paged in JavaScript. */
function expectedPage(t: TestEvents, query: EventQuery): { ids: number[]; total: number } {
  const sqlite = t.database.sqlite!;
  snapshot ??= {
    rows: sqlite.prepare(`SELECT * FROM events`).all() as Row[],
    actorKeysOf: groupBy(sqlite.prepare(`SELECT event_id AS id, name_key AS value FROM event_actors`).all() as Array<{ id: number; value: string }>),
    sourcesOf: groupBy(sqlite.prepare(`SELECT event_id AS id, source_id AS value FROM event_sources`).all() as Array<{ id: number; value: number | null }>),
  };
  const { rows, actorKeysOf, sourcesOf } = snapshot;
  const textIds =
    query.text === undefined
      ? undefined
      : new Set(
          sqlite
            .prepare(`SELECT rowid FROM events_fts WHERE events_fts MATCH ?`)
            .pluck()
            .all(
              query.text
                .split(/[^\p{L}\p{N}]+/u)
                .filter((word) => word.length > 0)
                .map((word) => `"${word}"`)
                .join(" "),
            ) as number[],
        );
  const inRange = (value: number | null, min?: number, max?: number) =>
    (min === undefined || (value !== null && value >= min)) && (max === undefined || (value !== null && value <= max));
  const matching = rows.filter(
    (row) =>
      row.deleted_at === null &&
      (query.includeMerged === true || row.merged_into === null) &&
      (query.dateFrom === undefined || (row.date_last !== null && row.date_last >= firstDay(query.dateFrom))) &&
      (query.dateTo === undefined || (row.date_first !== null && row.date_first <= lastDay(query.dateTo))) &&
      (query.country === undefined || row.country === query.country) &&
      (query.admin1 === undefined || row.admin1 === query.admin1) &&
      (query.admin2 === undefined || row.admin2 === query.admin2) &&
      (query.type === undefined || row.type === query.type) &&
      (query.reviewState === undefined || row.review_state === query.reviewState) &&
      (query.acledEventId === undefined || row.acled_event_id === query.acledEventId) &&
      inRange(row.fatalities_best, query.fatalitiesMin, query.fatalitiesMax) &&
      inRange(row.injuries_best, query.injuriesMin, query.injuriesMax) &&
      (query.actorKeys === undefined || (actorKeysOf.get(row.id) ?? []).some((key) => query.actorKeys!.includes(key))) &&
      (query.sourceId === undefined || (sourcesOf.get(row.id) ?? []).includes(query.sourceId)) &&
      (textIds === undefined || textIds.has(row.id)),
  );
  const sort: EventSort = query.sort ?? "-date";
  const column = { date: "date_first", fatalities: "fatalities_best", id: "id", updated: "updated_at" }[sort.replace("-", "")] as keyof Row;
  const direction = sort.startsWith("-") ? -1 : 1;
  // SQLite's order: NULL before any value ascending, after every value descending; ties by id the same way.
  const compare = (a: Row, b: Row) => {
    const x = a[column];
    const y = b[column];
    const byColumn = x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
    return direction * (byColumn !== 0 ? byColumn : a.id - b.id);
  };
  matching.sort(compare);
  const offset = query.offset ?? 0;
  return { ids: matching.slice(offset, offset + (query.limit ?? 50)).map((row) => row.id), total: matching.length };
}

let t: TestEvents;
let store: EventStore;
let sourceIds: number[];

beforeAll(async () => {
  t = await openTestEvents();
  sourceIds = [t.addSource("Dawn"), t.addSource("Tolo")];
  const random = seededRandom(7);
  const ids: number[] = [];
  t.deps.events.write((session) => {
    for (let index = 0; index < 700; index++) {
      ids.push(session.save({ id: null, expectedVersion: null, state: generateEventState(random, sourceIds), change: "create", author: { actor: "seed" }, at: `2026-01-01T00:${String(index % 60).padStart(2, "0")}:00.000Z` }).id);
    }
    // Deleted and merged events stay in the table but must never be listed (unless includeMerged, for merged ones).
    for (const id of ids.filter((_, index) => index % 13 === 5)) session.delete(id, { actor: "seed" }, "2026-01-02T00:00:00.000Z");
    for (const id of ids.filter((_, index) => index % 11 === 3)) {
      const event = session.current(id)!;
      if (session.isDeleted(id)) continue;
      const { id: _id, version, createdAt: _createdAt, createdBy: _createdBy, updatedAt: _updatedAt, updatedBy: _updatedBy, ...state } = event;
      session.save({ id, expectedVersion: version, state: { ...state, mergedInto: ids[0]! }, change: "merge", author: { actor: "seed" }, at: "2026-01-03T00:00:00.000Z" });
    }
  });
  // A small cap and a low bar for "common" words, so the seeded database reaches the paths a million events take.
  store = new EventStore(t.database, { countCap: 40, commonMatches: 30 });
});
afterAll(async () => {
  await t.cleanup();
});

function randomQuery(random: () => number): EventQuery {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const query: EventQuery = { sort: pick(eventSorts), limit: pick([1, 5, 20, 50, 200]), offset: pick([0, 0, 0, 3, 20, 45, 300, 900]) };
  if (random() < 0.5) query.count = "exact";
  const place = pick(places);
  if (random() < 0.3) query.country = place.country;
  if (random() < 0.2) query.admin1 = place.admin1;
  if (random() < 0.15 && place.admin2 !== null) query.admin2 = place.admin2;
  if (random() < 0.25) query.type = pick(types);
  if (random() < 0.3) query.dateFrom = pick(["2020", "2021-06", "2022-03-15", "2023"]);
  if (random() < 0.3) query.dateTo = pick(["2020-12", "2022", "2023-02-28", "2024"]);
  if (random() < 0.25) query.actorKeys = [actorKey(pick(actors)), ...(random() < 0.3 ? [actorKey(pick(actors))] : [])];
  if (random() < 0.15) query.fatalitiesMin = Math.floor(random() * 8);
  if (random() < 0.1) query.fatalitiesMax = Math.floor(random() * 12);
  if (random() < 0.1) query.injuriesMin = Math.floor(random() * 4);
  if (random() < 0.15) query.reviewState = pick(states);
  if (random() < 0.1) query.sourceId = pick(sourceIds);
  if (random() < 0.2) query.text = pick(["suicide", "convoy market", "Quetta", "Turbat raid", "ambush"]);
  if (random() < 0.1) query.includeMerged = true;
  return query;
}

describe("the query layer against the straightforward computation", () => {
  it("returns the same events in the same order, and exact totals whenever it says they are exact", async () => {
    const random = seededRandom(11);
    let lowerBounds = 0;
    let exactFromPage = 0;
    for (let run = 0; run < 400; run++) {
      const query = randomQuery(random);
      const page = await store.query(query);
      const expected = expectedPage(t, query);
      expect(page.events.map((event) => event.id), JSON.stringify(query)).toEqual(expected.ids);
      if (page.totalIsLowerBound) {
        lowerBounds += 1;
        expect(query.count, JSON.stringify(query)).not.toBe("exact");
        expect(page.total, JSON.stringify(query)).toBeLessThan(expected.total);
        expect(page.total).toBe(Math.max(40, (query.offset ?? 0) + (query.limit ?? 50)));
      } else {
        if (page.events.length < (query.limit ?? 50) && page.events.length > 0) exactFromPage += 1;
        expect(page.total, JSON.stringify(query)).toBe(expected.total);
      }
    }
    // The random mix reaches every counting path.
    expect(lowerBounds).toBeGreaterThan(20);
    expect(exactFromPage).toBeGreaterThan(20);
  });

  it("hides deleted and merged events and streams the same events as a query", async () => {
    const all = await store.query({ sort: "id", limit: 10_000, count: "exact" });
    const expected = expectedPage(t, { sort: "id", limit: 10_000 });
    expect(all.events.map((event) => event.id)).toEqual(expected.ids);
    const merged = t.database.sqlite!.prepare(`SELECT count(*) FROM events WHERE merged_into IS NOT NULL AND deleted_at IS NULL`).pluck().get() as number;
    expect(merged).toBeGreaterThan(10);
    expect((await store.query({ sort: "id", limit: 10_000, includeMerged: true })).total).toBe(all.total + merged);
    const streamed: number[] = [];
    for await (const batch of store.stream({}, 97)) streamed.push(...batch.map((event) => event.id));
    expect(streamed).toEqual(expected.ids);
  });

  it("hydrates each listed event exactly as findById reads it", async () => {
    const page = await store.query({ sort: "-fatalities", limit: 30, actorKeys: [actorKey("Tehrik-i-Taliban Pakistan")] });
    expect(page.events.length).toBe(30);
    for (const event of page.events) expect(event).toEqual(await store.findById(event.id));
    expect(page.events.some((event) => event.actors.perpetrators.length + event.actors.targets.length + event.actors.associated.length > 1)).toBe(true);
  });

  it("answers through listEvents with count=exact and the capped default", async () => {
    const exact = await listEvents(t.deps, { count: "exact", limit: 5 });
    const capped = await listEvents(t.deps, { limit: 5 });
    expect(exact.totalIsLowerBound).toBe(false);
    expect(exact.total).toBe(expectedPage(t, {}).total);
    expect(capped.events).toEqual(exact.events);
    expect(capped.total).toBe(exact.total); // the default cap (1,000) is far above this small database
    await expect(listEvents(t.deps, { count: "approximate" as never })).rejects.toThrow(/count/);
  });
});
