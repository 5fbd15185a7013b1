import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isArmtraceError, type ArmtraceError } from "../errors.ts";
import { createEvent } from "./create-event.ts";
import { exportEvents } from "./export-events.ts";
import { getEventHistory } from "./get-event.ts";
import { importEvents } from "./import-events.ts";
import { listEvents } from "./list-events.ts";
import { mergeEvents } from "./merge-events.ts";
import { reviewEvent } from "./review-event.ts";
import { setSourceReliability } from "./set-source-reliability.ts";
import { openTestEvents, type TestEvents } from "./testing/open-test-events.ts";

const fixtures = join(import.meta.dirname, "..", "..", "test-fixtures", "interchange");
const fixture = (name: string) => readFileSync(join(fixtures, name), "utf8");
const importer = { actor: "importer" };

let t: TestEvents;
beforeEach(async () => {
  t = await openTestEvents();
});
afterEach(async () => {
  await t.cleanup();
});

async function all() {
  return (await listEvents(t.deps, { sort: "id", limit: 1000 })).events;
}

async function exported(format: "acled" | "jsonl" | "geojson", deps = t.deps): Promise<string> {
  let text = "";
  await exportEvents(deps, { format }, (chunk) => {
    text += chunk;
  });
  return text;
}

describe("ACLED import", () => {
  it("maps codes, actors and precision, and leaves protests out", async () => {
    const report = await importEvents(t.deps, { format: "acled", content: fixture("acled-small.csv") }, importer);
    expect(report).toMatchObject({ rowsRead: 5, created: 4, updated: 0, outOfScope: { "Protests / Peaceful protest": 1 }, skipped: [] });
    const [bannu, jaffar, barmal, dara] = await all();
    expect(bannu).toMatchObject({
      type: "attack",
      date: "2025-10-11",
      datePrecision: "day",
      country: "PK",
      admin1: "Khyber Pakhtunkhwa",
      admin2: "Bannu",
      geoPrecision: "exact",
      actors: { perpetrators: ["Tehrik-i-Taliban Pakistan"], targets: ["Pakistan security forces"], associated: [] },
      killed: { unknown: 6, security_forces: null },
      fatalities: { low: 6, best: 6, high: 6, rule: "single_source" },
      reviewState: "confirmed",
    });
    expect(bannu!.acled).toMatchObject({ eventIdCnty: "PAK90001", inter1: 2, inter2: 1, timestamp: 1760400000 });
    expect(bannu!.sources[0]).toMatchObject({ citation: "Dawn; Express Tribune", sourceId: null });
    expect(jaffar).toMatchObject({ type: "attack", weapons: ["suicide_vest"], geoPrecision: "near", actors: { associated: ["Majeed Brigade"], targets: ["Civilians"] } });
    expect(barmal).toMatchObject({ type: "airstrike", country: "AF", actors: { perpetrators: ["Pakistan security forces"], targets: ["Tehrik-i-Taliban Pakistan"] } });
    // Taliban as Afghanistan's state forces after August 2021; an armed clash lists both sides as perpetrators.
    expect(dara).toMatchObject({ type: "armed_clash", date: "2023-05", datePrecision: "month", geoPrecision: "region" });
    expect(dara!.actors.perpetrators[0]).toBe("Afghan Taliban");
    expect(dara!.actors.targets).toEqual([]);
    expect((await getEventHistory(t.deps, bannu!.id)).versions.map((version) => [version.change, version.changedBy])).toEqual([["import", "importer"]]);
  });

  it("re-import updates events by event_id_cnty, leaves unchanged ones alone, and applies a deletions list", async () => {
    await importEvents(t.deps, { format: "acled", content: fixture("acled-small.csv") }, importer);
    const before = await all();
    const report = await importEvents(
      t.deps,
      { format: "acled", content: fixture("acled-updated.csv"), deletions: fixture("acled-deletions.csv") },
      importer,
    );
    expect(report).toMatchObject({ created: 1, updated: 1, unchanged: 1, deleted: 1, deletionsNotFound: ["PAK99999"] });
    const after = await all();
    expect(after.map((event) => event.acled?.eventIdCnty)).toEqual(["PAK90001", "PAK90002", "AFG80001", "PAK90004"]);
    const bannu = after[0]!;
    expect(bannu.id).toBe(before[0]!.id);
    expect(bannu.version).toBe(2);
    expect(bannu.fatalities.best).toBe(7);
    expect(after[1]!.version).toBe(1);
    const kulachi = after[3]!;
    expect(kulachi).toMatchObject({ type: "attack", weapons: ["ied"], datePrecision: "day", actors: { targets: ["Pakistan security forces"] } });
    expect(kulachi.acled?.timePrecision).toBe(2);
    // A deleted event cannot be reviewed any more.
    const deletedId = before.find((event) => event.acled?.eventIdCnty === "AFG80002")!.id;
    expect(() => reviewEvent(t.deps, { id: deletedId, state: "confirmed" }, importer)).toThrow(/does not exist/);
  });

  it("refuses a file with bad lines as a whole, listing every bad line by number", async () => {
    let caught: unknown;
    try {
      await importEvents(t.deps, { format: "acled", content: fixture("acled-bad.csv") }, importer);
    } catch (error) {
      caught = error;
    }
    expect(isArmtraceError(caught, "INVALID_INPUT")).toBe(true);
    const rejected = ((caught as ArmtraceError).details as { rejected: Array<{ line: number; problems: string[] }> }).rejected;
    expect(rejected.map((entry) => entry.line)).toEqual([3, 5, 6]);
    expect(rejected[1]!.problems.join("; ")).toMatch(/belongs to "Explosions\/Remote violence".*fatalities "many"/);
    expect(rejected[2]!.problems.join("; ")).toMatch(/fields/);
    expect((caught as Error).message).toMatch(/line 3: .*\nline 5: .*\nline 6: /);
    expect(await all()).toEqual([]);
  });

  it("with skipInvalid imports the good lines and reports the skipped", async () => {
    const report = await importEvents(t.deps, { format: "acled", content: fixture("acled-bad.csv"), skipInvalid: true }, importer);
    expect(report.created).toBe(2);
    expect(report.skipped.map((entry) => entry.line)).toEqual([3, 5, 6]);
    expect((await all()).map((event) => event.acled?.eventIdCnty)).toEqual(["PAK91001", "PAK91003"]);
  });

  it("rebuilds the query indexes of a large load at commit, and restores them when it fails", async () => {
    const indexes = () => (t.database.sqlite!.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name`).all() as Array<{ name: string }>).map((row) => row.name);
    const before = indexes();
    await expect(importEvents(t.deps, { format: "acled", content: fixture("acled-bad.csv"), skipInvalid: true, deferIndexesAfter: 1, batchSize: 1, deletions: "event_id_cnty\nPAK91001\n" }, importer)).resolves.toMatchObject({ created: 2, deleted: 1 });
    expect(indexes()).toEqual(before);
    expect((await listEvents(t.deps, { country: "PK", dateFrom: "2025-10-12" })).events.map((event) => event.acled?.eventIdCnty)).toEqual(["PAK91003"]);
    const broken = [JSON.stringify(jsonEvent(50)), JSON.stringify(jsonEvent(51)), "{not json"].join("\n");
    await expect(importEvents(t.deps, { format: "jsonl", content: broken, deferIndexesAfter: 1, batchSize: 1 }, importer)).rejects.toThrow(/line 3/);
    expect(indexes()).toEqual(before);
    expect((await all()).map((event) => event.acled?.eventIdCnty)).toEqual(["PAK91003"]);
  });

  it("refuses a file missing ACLED columns", async () => {
    await expect(importEvents(t.deps, { format: "acled", content: "event_id_cnty,notes\nX,y\n" }, importer)).rejects.toThrow(/line 1: missing ACLED columns: event_date/);
  });

  it("rolls everything back when the import fails part-way", async () => {
    createEvent(t.deps, { event: { type: "attack", date: "2025-01-01", country: "PK" } }, importer);
    // The second batch names a stored source that does not exist: the first batch must not survive.
    const good = (id: number) => JSON.stringify({ ...jsonEvent(id), sources: [] });
    const bad = JSON.stringify({ ...jsonEvent(99), sources: [{ ...jsonEvent(99).sources[0], sourceId: 12345 }] });
    const lines = [good(10), good(11), good(12), bad].join("\n");
    await expect(importEvents(t.deps, { format: "jsonl", content: lines, batchSize: 2 }, importer)).rejects.toSatisfy((error: unknown) =>
      isArmtraceError(error, "SOURCE_NOT_FOUND"),
    );
    expect((await all()).map((event) => event.id)).toEqual([1]);
  });
});

function jsonEvent(id: number) {
  return {
    id,
    type: "attack",
    date: "2025-02-03",
    datePrecision: "day",
    dateEnd: null,
    country: "PK",
    admin1: null,
    admin2: null,
    location: null,
    latitude: null,
    longitude: null,
    geoPrecision: null,
    actors: { perpetrators: [], targets: [], associated: [] },
    killed: { security_forces: null, civilians: null, militants: null, unknown: 1 },
    injured: { security_forces: null, civilians: null, militants: null, unknown: null },
    weapons: [],
    notes: null,
    acled: null,
    gtd: null,
    reviewState: "candidate",
    version: 1,
    fatalities: { low: 1, best: 1, high: 1, rule: "single_source" },
    injuries: { low: null, best: null, high: null, rule: "none" },
    sources: [
      {
        sourceId: null,
        citation: "x",
        killed: { security_forces: null, civilians: null, militants: null, unknown: 1 },
        injured: { security_forces: null, civilians: null, militants: null, unknown: null },
        evidence: [],
        reliability: null,
        mergedFromEventId: null,
        addedAt: "2026-01-01T00:00:00.000Z",
        addedBy: "a",
      },
    ],
    mergedInto: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    createdBy: "a",
    updatedAt: "2026-01-01T00:00:00.000Z",
    updatedBy: "a",
  };
}

describe("GTD import", () => {
  it("maps dates, casualties by category, groups and weapons", async () => {
    const report = await importEvents(t.deps, { format: "gtd", content: fixture("gtd-small.csv") }, importer);
    expect(report).toMatchObject({ created: 3, skipped: [] });
    const [aps, sehwan, kabul] = await all();
    expect(aps).toMatchObject({
      type: "attack",
      date: "2014-12-16",
      country: "PK",
      admin1: "Khyber Pakhtunkhwa",
      location: "Peshawar",
      actors: { perpetrators: ["Tehrik-i-Taliban Pakistan"] },
      killed: { militants: 7, unknown: 150 },
      injured: { militants: 0, unknown: 131 },
      weapons: ["small_arms"],
      fatalities: { best: 157 },
      gtd: { eventId: "201412160001", attackType: "Armed Assault", weaponType: "Firearms", targetType: "Educational Institution" },
    });
    // A group the registry does not know is kept as GTD writes it.
    expect(sehwan).toMatchObject({ actors: { perpetrators: ["Islamic State of Iraq and the Levant (ISIL)"] }, weapons: ["explosives", "suicide_vest"], injured: { unknown: 300, militants: null } });
    expect(kabul).toMatchObject({ date: "2019-05", datePrecision: "month", country: "AF", actors: { perpetrators: [] }, killed: { unknown: null }, fatalities: { rule: "none" } });
    const again = await importEvents(t.deps, { format: "gtd", content: fixture("gtd-small.csv") }, importer);
    expect(again).toMatchObject({ created: 0, unchanged: 3 });
  });
});

describe("export", () => {
  it("writes ACLED's 31 columns and an imported ACLED file comes back the same", async () => {
    await importEvents(t.deps, { format: "acled", content: fixture("acled-small.csv") }, importer);
    const csv = await exported("acled");
    const inputLines = fixture("acled-small.csv").trim().split("\n");
    const outputLines = csv.trim().split("\n");
    expect(outputLines[0]).toBe(inputLines[0]);
    expect(outputLines.slice(1)).toEqual(inputLines.slice(1, 5));
  });

  it("codes our own events for ACLED: conservative fatalities, Taliban as state forces, one row per day", async () => {
    const official = t.addSource("official");
    await setSourceReliability(t.deps, { sourceId: official, grade: "A2" }, importer);
    createEvent(
      t.deps,
      {
        event: {
          type: "armed_clash",
          date: "2025-10-11",
          dateEnd: "2025-10-12",
          country: "AF",
          admin1: "Kandahar",
          admin2: "Spin Boldak",
          location: "Spin Boldak",
          latitude: 31.0,
          longitude: 66.4,
          geoPrecision: "exact",
          actors: { perpetrators: ["Pakistan security forces", "Afghan Taliban"], targets: [], associated: [] },
          killed: { security_forces: 23 },
          injured: { security_forces: 29 },
        },
        sources: [
          { sourceId: official, killed: { security_forces: 23 } },
          { citation: "Taliban spokesman", killed: { security_forces: 58 } },
        ],
      },
      importer,
    );
    const csv = await exported("acled");
    const [header, first, second] = csv.trim().split("\n").map((line) => line.split(","));
    const column = (row: string[] | undefined, name: string) => row![header!.indexOf(name)];
    expect(header).toHaveLength(31);
    expect(column(first, "event_date")).toBe("2025-10-11");
    expect(column(second, "event_date")).toBe("2025-10-12");
    expect(column(first, "event_type")).toBe("Battles");
    expect(column(first, "actor2")).toBe("Military Forces of Afghanistan (2021-)");
    expect(column(first, "inter2")).toBe("1");
    expect(column(first, "interaction")).toBe("11");
    expect(Number(column(first, "fatalities")) + Number(column(second, "fatalities"))).toBe(23);
    expect(column(first, "event_id_cnty")).toBe("AF-armtrace-1-1");
  });

  it("writes GeoJSON with [longitude, latitude] points", async () => {
    await importEvents(t.deps, { format: "acled", content: fixture("acled-small.csv") }, importer);
    const collection = JSON.parse(await exported("geojson")) as { type: string; features: Array<{ geometry: { coordinates: number[] }; properties: { type: string } }> };
    expect(collection.type).toBe("FeatureCollection");
    expect(collection.features).toHaveLength(4);
    expect(collection.features[0]!.geometry.coordinates).toEqual([70.6042, 32.9861]);
  });

  it("round-trips our JSON Lines with nothing lost", async () => {
    const source = t.addSource("report");
    await setSourceReliability(t.deps, { sourceId: source, grade: "B3" }, importer);
    await importEvents(t.deps, { format: "acled", content: fixture("acled-small.csv") }, importer);
    await importEvents(t.deps, { format: "gtd", content: fixture("gtd-small.csv") }, importer);
    const own = createEvent(
      t.deps,
      {
        event: { type: "weapons_seizure", date: "2025-06", country: "PK", admin1: "Balochistan", weapons: ["small_arms", "ammunition"], notes: "Ünïcode \"quotes\"\nnewline" },
        sources: [{ sourceId: source, evidence: [{ start: 3, end: 40 }] }, { citation: "Other", killed: { militants: 2 } }],
      },
      { actor: "analyst" },
    );
    reviewEvent(t.deps, { id: own.id, state: "rejected", reason: "duplicate" }, { actor: "reviewer" });
    const events = await all();
    mergeEvents(t.deps, { survivorId: events[0]!.id, absorbedId: events[1]!.id }, { actor: "reviewer" });
    const original = await exported("jsonl");

    const target = await openTestEvents();
    try {
      const targetSource = target.addSource("report");
      expect(targetSource).toBe(source);
      await setSourceReliability(target.deps, { sourceId: targetSource, grade: "B3" }, importer);
      const report = await importEvents(target.deps, { format: "jsonl", content: original }, importer);
      expect(report.created).toBe(8);
      expect(await exported("jsonl", target.deps)).toBe(original);
      const again = await importEvents(target.deps, { format: "jsonl", content: original }, importer);
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 8 });
    } finally {
      await target.cleanup();
    }
  });
});
