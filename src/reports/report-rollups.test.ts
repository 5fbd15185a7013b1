import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEvent, type CreateEventInput } from "../events/create-event.ts";
import { mergeEvents } from "../events/merge-events.ts";
import { reviewEvent } from "../events/review-event.ts";
import { openTestEvents, type TestEvents } from "../events/testing/open-test-events.ts";
import { unmergeEvents } from "../events/unmerge-events.ts";
import { updateEvent } from "../events/update-event.ts";
import { ReportStore } from "../storage/report-store.ts";
import type { EventScope } from "./report.ts";

/**
 * The rollup tables (migration 060, kept by triggers) must always give the same figures as aggregating the
 * live events afresh: after inserts, updates, reviews, merges, unmerges, soft and hard deletes.
 */

let t: TestEvents;
beforeEach(async () => {
  t = await openTestEvents();
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

function randomEvent(next: () => number): CreateEventInput {
  const place = places[Math.floor(next() * places.length)]!;
  const month = 1 + Math.floor(next() * 12);
  const precision = next();
  const date = precision < 0.1 ? "2024" : precision < 0.25 ? `2024-${String(month).padStart(2, "0")}` : `2024-${String(month).padStart(2, "0")}-${String(1 + Math.floor(next() * 28)).padStart(2, "0")}`;
  const count = (): number | null => (next() < 0.4 ? null : Math.floor(next() * 9));
  return {
    event: {
      type: types[Math.floor(next() * types.length)]!,
      date,
      dateEnd: precision > 0.9 && date.length === 10 && month < 12 ? `2024-${String(month + 1).padStart(2, "0")}-02` : null,
      country: place.country,
      admin1: place.admin1,
      admin2: place.admin2,
      latitude: place.latitude,
      longitude: place.longitude,
      actors: { perpetrators: [actors[Math.floor(next() * actors.length)]!], targets: next() < 0.5 ? [actors[2]!] : [], associated: [] },
      killed: { security_forces: count(), civilians: count(), militants: count(), unknown: count() },
      injured: { security_forces: count(), civilians: count(), militants: null, unknown: count() },
    },
    sources: [{ citation: "Test wire" }],
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
  ];
  const wide = await fresh.periodFigures(scopes[1]!, 300);
  expect(wide.nearBorder.incidents).toBeGreaterThan(0);
  expect(wide.withoutCoordinates).toBeGreaterThan(0);
  for (const scope of scopes) {
    for (const km of [10, 50, 300]) {
      expect(await withRollups.periodFigures(scope, km), `${JSON.stringify(scope)} within ${km} km`).toEqual(await fresh.periodFigures(scope, km));
      expect(await withRollups.periodFigures(scope, km, "types"), `${JSON.stringify(scope)} by type`).toEqual(await fresh.periodFigures(scope, km, "types"));
    }
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
  });
});
