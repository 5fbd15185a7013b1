import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEvent, type CreateEventInput } from "../events/create-event.ts";
import { mergeEvents } from "../events/merge-events.ts";
import { reviewEvent } from "../events/review-event.ts";
import { openTestEvents, type TestEvents } from "../events/testing/open-test-events.ts";
import { unmergeEvents } from "../events/unmerge-events.ts";
import { updateEvent } from "../events/update-event.ts";
import { ReportStore } from "../storage/report-store.ts";
import { buildReport } from "./build-report.ts";
import { parseReportOptions } from "./parse-report-options.ts";
import type { EventScope } from "./report.ts";

/**
 * The rollup tables (migration 060) and source sets (migration 062), kept by triggers, must always give the same
 * figures and sources as aggregating the live events afresh: after inserts, updates, reviews, merges, unmerges,
 * soft and hard deletes, and links added, moved and removed — for periods of whole months and periods that cut
 * months.
 */

let t: TestEvents;
beforeEach(async () => {
  t = await openTestEvents();
  // Ids spread over several 64-id words of report_source_words, and past the first 32-bit half of a word.
  sourceIds = [];
  for (let index = 0; index < 150; index += 1) {
    const id = t.addSource(`Report ${index}`);
    if (index % 7 === 0 || index > 140) sourceIds.push(id);
  }
});
afterEach(async () => {
  await t.cleanup();
});

/** A small deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const places = [
  { country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "North Waziristan", latitude: 32.98, longitude: 70.1 },
  { country: "PK", admin1: "Khyber Pakhtunkhwa", admin2: "Bannu", latitude: 32.99, longitude: 70.6 },
  { country: "PK", admin1: "Balochistan", admin2: "Quetta", latitude: 30.18, longitude: 67.0 },
  { country: "PK", admin1: "Punjab", admin2: "Lahore", latitude: 31.55, longitude: 74.34 },
  { country: "AF", admin1: "Nangarhar", admin2: null, latitude: null, longitude: null },
] as const;
const types = ["attack", "security_operation", "armed_clash", "airstrike"] as const;
const actors = ["Tehrik-i-Taliban Pakistan", "Balochistan Liberation Army", "Pakistan security forces", "Islamic State Khorasan Province"];

/** Stored sources the random events link to (set once the database is open). */
let sourceIds: number[] = [];

function randomLinks(next: () => number): CreateEventInput["sources"] {
  const links: NonNullable<CreateEventInput["sources"]> = [];
  const count = Math.floor(next() * 4);
  for (let index = 0; index < count; index += 1) links.push({ sourceId: sourceIds[Math.floor(next() * sourceIds.length)]! });
  if (links.length === 0 || next() < 0.2) links.push({ citation: "Test wire" });
  return links;
}

function randomEvent(next: () => number): CreateEventInput {
  const place = places[Math.floor(next() * places.length)]!;
  const month = 1 + Math.floor(next() * 12);
  const roll = next();
  const year = roll < 0.12 ? 2023 : roll < 0.22 ? 2025 : 2024;
  const precision = next();
  const mm = String(month).padStart(2, "0");
  let date = precision < 0.1 ? `${year}` : precision < 0.25 ? `${year}-${mm}` : `${year}-${mm}-${String(1 + Math.floor(next() * 28)).padStart(2, "0")}`;
  const count = (): number | null => (next() < 0.4 ? null : Math.floor(next() * 9));
  // Some events run into the next month, or from December into the next year.
  let dateEnd: string | null = null;
  if (precision > 0.85 && date.length === 10) {
    if (next() < 0.4) {
      date = `${year}-12-2${Math.floor(next() * 8)}`;
      dateEnd = `${year + 1}-01-0${1 + Math.floor(next() * 8)}`;
    } else if (month < 12) {
      dateEnd = `${year}-${String(month + 1).padStart(2, "0")}-02`;
    }
  }
  return {
    event: {
      type: types[Math.floor(next() * types.length)]!,
      date,
      dateEnd,
      country: place.country,
      admin1: place.admin1,
      admin2: place.admin2,
      latitude: place.latitude,
      longitude: place.longitude,
      actors: { perpetrators: [actors[Math.floor(next() * actors.length)]!], targets: next() < 0.5 ? [actors[2]!] : [], associated: [] },
      killed: { security_forces: count(), civilians: count(), militants: count(), unknown: count() },
      injured: { security_forces: count(), civilians: count(), militants: null, unknown: count() },
    },
    sources: randomLinks(next),
  };
}

const author = { actor: "tester", reason: "rollup test" };

async function expectRollupsMatchFreshFigures(): Promise<void> {
  const withRollups = new ReportStore(t.database);
  const fresh = new ReportStore(t.database, { useRollups: false });
  const scopes: EventScope[] = [
    { from: "2024-01-01", to: "2024-12-31", reviewStates: ["confirmed"], country: null, admin1: [], actors: [] },
    { from: "2024-01-01", to: "2024-12-31", reviewStates: ["candidate", "confirmed"], country: null, admin1: [], actors: [] },
    { from: "2024-02-10", to: "2024-09-20", reviewStates: ["candidate", "confirmed"], country: null, admin1: [], actors: [] },
    { from: "2024-03-01", to: "2024-06-30", reviewStates: ["candidate", "confirmed"], country: "PK", admin1: ["Khyber Pakhtunkhwa"], actors: [] },
    { from: "2023-12-15", to: "2025-01-15", reviewStates: ["confirmed"], country: null, admin1: [], actors: [] },
    { from: "2024-01-20", to: "2024-12-10", reviewStates: ["candidate", "confirmed"], country: "PK", admin1: [], actors: [] },
    { from: "2024-05-01", to: "2024-05-31", reviewStates: ["candidate", "confirmed"], country: null, admin1: [], actors: [] },
    { from: "2024-05-03", to: "2024-05-29", reviewStates: ["candidate", "confirmed"], country: null, admin1: [], actors: [] },
    { from: "2024-03-01", to: "2024-11-30", reviewStates: ["candidate"], country: "AF", admin1: [], actors: [] },
    // Whole years with whole months before and after them, and events crossing the last whole year's end.
    { from: "2023-11-01", to: "2025-02-28", reviewStates: ["candidate", "confirmed"], country: null, admin1: [], actors: [] },
    { from: "2023-01-01", to: "2025-12-31", reviewStates: ["confirmed"], country: null, admin1: [], actors: [] },
    { from: "2023-06-10", to: "2025-03-20", reviewStates: ["candidate", "confirmed"], country: "PK", admin1: ["Balochistan"], actors: [] },
    { from: "2024-01-01", to: "2025-01-31", reviewStates: ["candidate", "confirmed"], country: null, admin1: [], actors: [] },
  ];
  const wide = await fresh.periodFigures(scopes[1]!, 300);
  expect(wide.nearBorder.incidents).toBeGreaterThan(0);
  expect(wide.withoutCoordinates).toBeGreaterThan(0);
  for (const scope of scopes) {
    for (const km of [10, 50, 300]) {
      expect(await withRollups.periodFigures(scope, km), `${JSON.stringify(scope)} within ${km} km`).toEqual(await fresh.periodFigures(scope, km));
      expect(await withRollups.periodFigures(scope, km, "types"), `${JSON.stringify(scope)} by type`).toEqual(await fresh.periodFigures(scope, km, "types"));
    }
    expect(await withRollups.sourcesOf(scope, 1000), `${JSON.stringify(scope)} sources`).toEqual(await fresh.sourcesOf(scope, 1000));
    expect(await withRollups.sourcesOf(scope, 3), `${JSON.stringify(scope)} first sources`).toEqual(await fresh.sourcesOf(scope, 3));
  }
  const allSources = await fresh.sourcesOf(scopes[1]!, 1000);
  expect(allSources.count).toBeGreaterThan(5);
  // And the whole report, over a year and over a period cutting months.
  for (const [from, to] of [["2024-01-01", "2024-12-31"], ["2024-02-10", "2024-11-20"], ["2023-10-05", "2025-02-28"]] as const) {
    const options = parseReportOptions({ from, to, includeCandidates: true, deadliest: 5 });
    expect(await buildReport(withRollups, options), `report ${from} to ${to}`).toEqual(await buildReport(fresh, options));
  }
  // The tables themselves against a GROUP BY over the live events.
  const sqlite = t.database.sqlite!;
  const live = `merged_into IS NULL AND deleted_at IS NULL AND date_first IS NOT NULL AND review_state IN ('candidate', 'confirmed')`;
  const table = sqlite.prepare(`SELECT first_month, last_month, country, admin1, admin2, type, review_state, incidents, killed_civilians, injured_unknown, unlocated FROM report_rollup ORDER BY 1, 2, 3, 4, 5, 6, 7`).all();
  const computed = sqlite
    .prepare(
      `SELECT substr(date_first, 1, 7) AS first_month, substr(date_last, 1, 7) AS last_month, coalesce(country, '') AS country, coalesce(admin1, '') AS admin1,
        coalesce(admin2, '') AS admin2, type, review_state, count(*) AS incidents, sum(coalesce(killed_civilians, 0)) AS killed_civilians,
        sum(coalesce(injured_unknown, 0)) AS injured_unknown, sum(latitude IS NULL OR longitude IS NULL) AS unlocated
      FROM events WHERE ${live} GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    )
    .all();
  expect(table).toEqual(computed);
  const actorTable = sqlite.prepare(`SELECT role, name, sum(incidents) AS incidents, sum(killed) AS killed FROM report_actor_rollup GROUP BY 1, 2 ORDER BY 1, 2`).all();
  const actorComputed = sqlite
    .prepare(
      `SELECT a.role, a.name, count(*) AS incidents, sum(coalesce(killed_security_forces, 0) + coalesce(killed_civilians, 0) + coalesce(killed_militants, 0) + coalesce(killed_unknown, 0)) AS killed
      FROM events e JOIN event_actors a ON a.event_id = e.id WHERE ${live.replaceAll(/\b(merged_into|deleted_at|date_first|review_state)\b/g, "e.$1")} GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();
  expect(actorTable).toEqual(actorComputed);
  // The coarser cuts (migration 064): per whole years, and per month without district and type.
  const figureSql = `count(*), ${["killed", "injured"].flatMap((kind) => ["security_forces", "civilians", "militants", "unknown"].map((c) => `sum(coalesce(${kind}_${c}, 0))`)).join(", ")}`;
  expect(sqlite.prepare(`SELECT * FROM report_year_rollup ORDER BY 1, 2, 3, 4, 5, 6, 7`).raw().all()).toEqual(
    sqlite
      .prepare(
        `SELECT substr(date_first, 1, 4), substr(date_last, 1, 4), coalesce(country, ''), coalesce(admin1, ''), coalesce(admin2, ''), type, review_state, ${figureSql},
          sum(latitude IS NULL OR longitude IS NULL) FROM events WHERE ${live} GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
      )
      .raw()
      .all(),
  );
  expect(sqlite.prepare(`SELECT * FROM report_month_rollup ORDER BY 1, 2, 3, 4, 5`).raw().all()).toEqual(
    sqlite
      .prepare(
        `SELECT substr(date_first, 1, 7), substr(date_last, 1, 7), coalesce(country, ''), coalesce(admin1, ''), review_state, ${figureSql}
        FROM events WHERE ${live} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      )
      .raw()
      .all(),
  );
  // The source sets: one multiset row per (bucket, source) with its links, and the bitsets made of them.
  const bucket = `review_state, substr(e.date_first, 1, 7), substr(e.date_last, 1, 7), coalesce(e.country, '')`;
  const links = sqlite.prepare(`SELECT * FROM report_source_links ORDER BY 1, 2, 3, 4, 5`).raw().all();
  const linksComputed = sqlite
    .prepare(
      `SELECT ${bucket}, s.source_id, count(*) FROM events e JOIN event_sources s ON s.event_id = e.id
      WHERE s.source_id IS NOT NULL AND ${live.replaceAll(/\b(merged_into|deleted_at|date_first|review_state)\b/g, "e.$1")} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    )
    .raw()
    .all();
  expect(links).toEqual(linksComputed);
  expect(links.length).toBeGreaterThan(0);
  const words = sqlite.prepare(`SELECT * FROM report_source_words ORDER BY 1, 2, 3, 4, 5`).safeIntegers().raw().all() as Array<[string, string, string, string, bigint, bigint]>;
  const wordsComputed = new Map<string, bigint>();
  for (const row of linksComputed as Array<[string, string, string, string, number, number]>) {
    const key = JSON.stringify([...row.slice(0, 4), Math.floor(row[4] / 64)]);
    wordsComputed.set(key, (wordsComputed.get(key) ?? 0n) | (1n << BigInt(row[4] % 64)));
  }
  expect(new Map(words.map((row) => [JSON.stringify([...row.slice(0, 4), Number(row[4])]), BigInt.asUintN(64, row[5])]))).toEqual(wordsComputed);
}

describe("report rollups", () => {
  it("equal a fresh computation after inserts, updates, reviews, merges, unmerges and deletions", async () => {
    const next = random(7);
    const ids: number[] = [];
    for (let index = 0; index < 120; index += 1) ids.push(createEvent(t.deps, randomEvent(next), author).id);
    await expectRollupsMatchFreshFigures();

    for (const id of ids.slice(0, 80)) reviewEvent(t.deps, { id, state: "confirmed" }, author);
    for (const id of ids.slice(80, 90)) reviewEvent(t.deps, { id, state: "rejected", reason: "not an incident" }, author);
    await expectRollupsMatchFreshFigures();

    for (const id of ids.slice(0, 30)) {
      const event = (await t.deps.events.findById(id))!;
      const changed = randomEvent(next).event;
      updateEvent(
        t.deps,
        {
          id,
          expectedVersion: event.version,
          changes: { admin1: changed.admin1, admin2: changed.admin2, country: changed.country, latitude: changed.latitude, longitude: changed.longitude, killed: changed.killed, date: changed.date, datePrecision: changed.date!.length === 4 ? "year" : changed.date!.length === 7 ? "month" : "day", dateEnd: changed.dateEnd, actors: changed.actors },
        },
        author,
      );
    }
    await expectRollupsMatchFreshFigures();

    // Links added by an update, and events moved to other months, countries and review states.
    for (const id of ids.slice(30, 45)) {
      const event = (await t.deps.events.findById(id))!;
      updateEvent(t.deps, { id, expectedVersion: event.version, changes: { country: "AF", date: "2024-11-30", datePrecision: "day", dateEnd: null }, addSources: [{ sourceId: sourceIds[sourceIds.length - 1]! }] }, author);
    }
    for (const id of ids.slice(45, 50)) reviewEvent(t.deps, { id, state: "candidate" }, author);
    await expectRollupsMatchFreshFigures();

    mergeEvents(t.deps, { survivorId: ids[1]!, absorbedId: ids[2]! }, author);
    mergeEvents(t.deps, { survivorId: ids[3]!, absorbedId: ids[4]! }, author);
    await expectRollupsMatchFreshFigures();
    unmergeEvents(t.deps, { absorbedId: ids[2]! }, author);
    await expectRollupsMatchFreshFigures();

    t.deps.events.write((session) => {
      session.delete(ids[5]!, author, "2026-01-02T00:00:00.000Z");
      session.delete(ids[6]!, author, "2026-01-02T00:00:00.000Z");
    });
    await expectRollupsMatchFreshFigures();

    // A hard delete (not what the event store does, but the triggers must survive it too).
    t.database.sqlite!.prepare(`DELETE FROM events WHERE id IN (?, ?)`).run(ids[7], ids[8]);
    t.database.sqlite!.prepare(`UPDATE event_actors SET name = 'Renamed group' WHERE event_id = ?`).run(ids[9]);
    t.database.sqlite!.prepare(`DELETE FROM event_actors WHERE event_id = ?`).run(ids[10]);
    await expectRollupsMatchFreshFigures();

    // Links changed behind the event store's back: another source, another event, removed, added.
    const sqlite = t.database.sqlite!;
    sqlite.prepare(`UPDATE event_sources SET source_id = ? WHERE event_id IN (?, ?) AND source_id IS NOT NULL`).run(sourceIds[0], ids[11], ids[12]);
    sqlite.prepare(`UPDATE event_sources SET event_id = ? WHERE event_id = ?`).run(ids[13], ids[14]);
    sqlite.prepare(`UPDATE event_sources SET source_id = NULL WHERE event_id = ?`).run(ids[15]);
    sqlite.prepare(`DELETE FROM event_sources WHERE event_id IN (?, ?)`).run(ids[16], ids[17]);
    sqlite.prepare(`INSERT INTO event_sources (event_id, source_id, killed_json, injured_json, evidence_json, added_at, added_by) VALUES (?, ?, '{}', '{}', '[]', 'now', 'test')`).run(ids[18], sourceIds[3]);
    await expectRollupsMatchFreshFigures();
  });
});
