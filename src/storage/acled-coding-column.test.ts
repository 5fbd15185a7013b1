import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AcledCoding } from "../events/event.ts";
import { importEvents } from "../events/import-events.ts";
import { listEvents } from "../events/list-events.ts";
import { openTestEvents, type TestEvents } from "../events/testing/open-test-events.ts";
import { acledCodingKeys, fromAcledCodingColumn, toAcledCodingColumn, type AcledCodingRow } from "./acled-coding-column.ts";
import { migration028CompactAcledCoding } from "./migrations/028-compact-acled-coding.ts";

const imported: AcledCoding = {
  eventIdCnty: "PAK90001",
  disorderType: "Political violence",
  eventType: "Battles",
  subEventType: "Armed clash",
  inter1: 2,
  inter2: 1,
  civilianTargeting: false,
  eventDate: "2025-10-11",
  timePrecision: 1,
  region: "Southern Asia",
  admin3: null,
  sourceScale: "National",
  tags: null,
  timestamp: 1760400000,
  actor1: "TTP: Tehreek-i-Taliban Pakistan",
  actor2: "Military Forces of Pakistan (2018-)",
  assocActor1: null,
  assocActor2: null,
};
const row: AcledCodingRow = { acled_event_id: "PAK90001", date: "2025-10-11", country: "PK" };

describe("the ACLED coding column", () => {
  it("leaves out what the row and the codebook restore", () => {
    const text = toAcledCodingColumn(imported, row) as string;
    expect(JSON.parse(text)).toEqual({
      subEventType: "Armed clash",
      inter1: 2,
      inter2: 1,
      timePrecision: 1,
      sourceScale: "National",
      timestamp: 1760400000,
      actor1: "TTP: Tehreek-i-Taliban Pakistan",
      actor2: "Military Forces of Pakistan (2018-)",
    });
    expect(text.length).toBeLessThan(JSON.stringify(imported).length / 2);
  });

  it("reads back every coding as written, keys in the type's order", () => {
    const codings: Array<[AcledCoding, AcledCodingRow]> = [
      [imported, row],
      // Nothing matches what a read would restore: everything is kept.
      [
        { ...imported, eventIdCnty: null, disorderType: "Political violence; Demonstrations", eventType: "Riots", civilianTargeting: true, eventDate: "2025-05-14", region: "Elsewhere", admin3: "Mir Ali", tags: "crowd size=no report", timestamp: null, actor2: null, assocActor1: "Civilians (Pakistan)" },
        { acled_event_id: null, date: "2025-05", country: "PK" },
      ],
      // A sub-event type the codebook does not know, an unknown country, an explicit null date.
      [{ ...imported, subEventType: "Something new", eventType: "Battles", region: null, eventDate: null, inter1: null, timePrecision: null }, { acled_event_id: "PAK90001", date: null, country: "ZZ" }],
      [{ ...imported, region: null }, row],
    ];
    for (const [coding, columns] of codings) {
      const read = fromAcledCodingColumn(toAcledCodingColumn(coding, columns), columns);
      expect(read).toEqual(coding);
      expect(Object.keys(read as AcledCoding)).toEqual([...acledCodingKeys]);
    }
    expect(toAcledCodingColumn(null, row)).toBeNull();
    expect(fromAcledCodingColumn(null, row)).toBeNull();
  });

  it("reads the full JSON stored before migration 028 the same way", () => {
    expect(fromAcledCodingColumn(JSON.stringify(imported), row)).toEqual(imported);
  });
});

describe("migration 028", () => {
  let t: TestEvents;
  beforeEach(async () => {
    t = await openTestEvents();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("compacts the full JSON of stored events as the write path does, and the events read the same", async () => {
    const header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";
    const rows = [
      'PAK1,2025-10-11,2025,1,Political violence,Battles,Armed clash,TTP: Tehreek-i-Taliban Pakistan,,2,Military Forces of Pakistan (2018-),,1,12,,586,Southern Asia,Pakistan,Khyber Pakhtunkhwa,Bannu,,Bannu,32.99,70.6,1,Dawn,National,Post attacked.,6,,1760400000',
      'PAK2,2025-05-14,2025,3,Political violence,Violence against civilians,Attack,BLA: Balochistan Liberation Army,"BLA: Balochistan Liberation Army - Majeed Brigade",2,Civilians (Pakistan),,7,27,Civilian targeting,586,Other Region,Pakistan,Balochistan,Kachhi,Mach,Mach,29.87,67.33,2,Dawn,,Train attacked.,12,some tag,1760400001',
    ];
    await importEvents(t.deps, { format: "acled", content: [header, ...rows].join("\n") }, { actor: "importer" });
    const before = (await listEvents(t.deps, { sort: "id" })).events;
    const sqlite = t.database.sqlite!;
    const written = sqlite.prepare(`SELECT id, acled_json FROM events ORDER BY id`).all();
    // Back to the full JSON an import wrote before migration 028, then migrated.
    const restore = sqlite.prepare(`UPDATE events SET acled_json = ? WHERE id = ?`);
    for (const event of before) restore.run(JSON.stringify(event.acled), event.id);
    expect(sqlite.prepare(`SELECT acled_json FROM events ORDER BY id`).pluck().all()).not.toEqual(written.map((entry) => (entry as { acled_json: string }).acled_json));
    await migration028CompactAcledCoding.up(t.database.db, "sqlite");
    expect(sqlite.prepare(`SELECT id, acled_json FROM events ORDER BY id`).all()).toEqual(written);
    expect((await listEvents(t.deps, { sort: "id" })).events).toEqual(before);
  });
});
