import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isArmtraceError } from "../errors.ts";
import { createEvent, type CreateEventInput } from "./create-event.ts";
import { getEvent, getEventHistory } from "./get-event.ts";
import { keepEventsApart } from "./keep-events-apart.ts";
import { listEvents } from "./list-events.ts";
import { mergeEvents } from "./merge-events.ts";
import { proposeDuplicates } from "./propose-duplicates.ts";
import { reviewEvent } from "./review-event.ts";
import { setSourceReliability } from "./set-source-reliability.ts";
import { openTestEvents, type TestEvents } from "./testing/open-test-events.ts";
import { unmergeEvents } from "./unmerge-events.ts";
import { updateEvent } from "./update-event.ts";

let t: TestEvents;
beforeEach(async () => {
  t = await openTestEvents();
});
afterEach(async () => {
  await t.cleanup();
});

const analyst = { actor: "analyst-a", reason: "from the Dawn report" };

function bannuAttack(overrides: Partial<CreateEventInput["event"]> = {}, sources: CreateEventInput["sources"] = [{ citation: "Dawn", killed: { security_forces: 6 } }]): CreateEventInput {
  return {
    event: {
      type: "attack",
      date: "2025-10-11",
      country: "PK",
      admin1: "Khyber Pakhtunkhwa",
      admin2: "Bannu",
      location: "Bannu Cantonment",
      latitude: 32.99,
      longitude: 70.6,
      geoPrecision: "exact",
      actors: { perpetrators: ["Tehrik-i-Taliban Pakistan"], targets: ["Pakistan security forces"], associated: [] },
      killed: { security_forces: 6 },
      weapons: ["suicide_vest", "small_arms"],
      notes: "Suicide attack on a checkpost in Bannu",
      ...overrides,
    },
    sources,
  };
}

describe("versioning", () => {
  it("creates at version 1 and records who, when and why for every change", async () => {
    const created = createEvent(t.deps, bannuAttack(), analyst);
    expect(created.version).toBe(1);
    expect(created.reviewState).toBe("candidate");
    expect(created.fatalities).toEqual({ low: 6, best: 6, high: 6, rule: "single_source" });
    const updated = updateEvent(t.deps, { id: created.id, expectedVersion: 1, changes: { admin2: "Lakki Marwat" } }, { actor: "analyst-b", reason: "district corrected" });
    expect(updated.version).toBe(2);
    const confirmed = reviewEvent(t.deps, { id: created.id, state: "confirmed", reason: "two sources agree" }, { actor: "reviewer" });
    expect(confirmed.version).toBe(3);

    const { versions } = await getEventHistory(t.deps, created.id);
    expect(versions.map((version) => [version.version, version.change, version.changedBy, version.reason])).toEqual([
      [1, "create", "analyst-a", "from the Dawn report"],
      [2, "update", "analyst-b", "district corrected"],
      [3, "review", "reviewer", "two sources agree"],
    ]);
    expect(versions[0]!.snapshot.admin2).toBe("Bannu");
    expect(versions[1]!.snapshot.admin2).toBe("Lakki Marwat");
    expect(versions[2]!.snapshot.reviewState).toBe("confirmed");
    expect((await getEvent(t.deps, created.id)).updatedBy).toBe("reviewer");
  });

  it("refuses the second of two concurrent edits with VERSION_CONFLICT and keeps the first", async () => {
    const created = createEvent(t.deps, bannuAttack(), analyst);
    updateEvent(t.deps, { id: created.id, expectedVersion: 1, changes: { location: "Domel" } }, { actor: "first" });
    let caught: unknown;
    try {
      updateEvent(t.deps, { id: created.id, expectedVersion: 1, changes: { notes: "second edit" } }, { actor: "second" });
    } catch (error) {
      caught = error;
    }
    expect(isArmtraceError(caught, "VERSION_CONFLICT")).toBe(true);
    expect((caught as Error).message).toMatch(/version 1 but it is now at version 2/);
    const stored = await getEvent(t.deps, created.id);
    expect(stored.location).toBe("Domel");
    expect(stored.notes).toBe("Suicide attack on a checkpost in Bannu");
    expect((await getEventHistory(t.deps, created.id)).versions).toHaveLength(2);
  });

  it("reads a changed date at the precision it is written in", () => {
    const created = createEvent(t.deps, bannuAttack(), analyst);
    const updated = updateEvent(t.deps, { id: created.id, expectedVersion: 1, changes: { date: "2025-10" } }, analyst);
    expect([updated.date, updated.datePrecision]).toEqual(["2025-10", "month"]);
  });

  it("refuses invalid content listing every problem", () => {
    expect(() => createEvent(t.deps, bannuAttack({ date: "2025-02-30", country: "Pakistan" }), analyst)).toThrow(/date.*country|country.*date/s);
  });

  it("requires a reason to reject", () => {
    const created = createEvent(t.deps, bannuAttack(), analyst);
    expect(() => reviewEvent(t.deps, { id: created.id, state: "rejected" }, { actor: "r" })).toThrow(/reason/);
  });
});

describe("low, best and high", () => {
  it("takes best from the best-graded source and keeps each source's own figures", async () => {
    const official = t.addSource("ISPR statement");
    const claim = t.addSource("TTP claim");
    await setSourceReliability(t.deps, { sourceId: official, grade: "B2" }, { actor: "analyst" });
    await setSourceReliability(t.deps, { sourceId: claim, grade: "E5" }, { actor: "analyst" });
    const event = createEvent(
      t.deps,
      bannuAttack({}, [
        { sourceId: official, killed: { security_forces: 6 } },
        { sourceId: claim, killed: { security_forces: 20 } },
        { citation: "Local paper", killed: { security_forces: 8 } },
      ]),
      analyst,
    );
    expect(event.fatalities).toEqual({ low: 6, best: 6, high: 20, rule: "most_reliable_source" });
    expect(event.sources.map((link) => link.killed.security_forces)).toEqual([6, 20, 8]);
    expect(event.sources[0]!.reliability).toEqual({ source: "B", information: 2 });
  });

  it("uses the lower median when no source is graded, and an analyst's figure when set", () => {
    const event = createEvent(
      t.deps,
      bannuAttack({}, [
        { citation: "A", killed: { unknown: 6 } },
        { citation: "B", killed: { unknown: 8 } },
        { citation: "C", killed: { unknown: 12 } },
        { citation: "D", killed: { unknown: 7 } },
      ]),
      analyst,
    );
    expect(event.fatalities).toEqual({ low: 6, best: 7, high: 12, rule: "median_of_sources" });
    const edited = updateEvent(t.deps, { id: event.id, expectedVersion: 1, fatalitiesBest: 9 }, analyst);
    expect(edited.fatalities).toEqual({ low: 6, best: 9, high: 12, rule: "reviewer" });
  });
});

describe("merge and unmerge", () => {
  it("keeps every source link and figure, recomputes estimates, and unmerge restores both", async () => {
    const first = createEvent(t.deps, bannuAttack({}, [{ citation: "Dawn", killed: { security_forces: 6 } }]), analyst);
    const second = createEvent(
      t.deps,
      bannuAttack({ location: null, latitude: null, longitude: null, geoPrecision: null, killed: { security_forces: 8 }, weapons: ["ied"], actors: { perpetrators: ["Hafiz Gul Bahadur group"], targets: [], associated: [] } }, [
        { citation: "Express Tribune", killed: { security_forces: 8 }, injured: { civilians: 3 } },
      ]),
      { actor: "analyst-b" },
    );
    const { survivor, absorbed } = mergeEvents(t.deps, { survivorId: first.id, absorbedId: second.id, reason: "same attack" }, { actor: "reviewer" });
    expect(survivor.sources.map((link) => [link.citation, link.killed.security_forces, link.mergedFromEventId])).toEqual([
      ["Dawn", 6, null],
      ["Express Tribune", 8, second.id],
    ]);
    expect(survivor.fatalities).toEqual({ low: 6, best: 6, high: 8, rule: "median_of_sources" });
    expect(survivor.injured.civilians).toBe(null);
    expect(survivor.actors.perpetrators).toEqual(["Tehrik-i-Taliban Pakistan", "Hafiz Gul Bahadur group"]);
    expect(survivor.weapons).toEqual(["suicide_vest", "small_arms", "ied"]);
    expect(absorbed.mergedInto).toBe(first.id);
    expect((await listEvents(t.deps)).events.map((event) => event.id)).toEqual([first.id]);
    expect((await getEventHistory(t.deps, first.id)).merges).toHaveLength(1);

    const { survivor: restoredSurvivor, restored } = unmergeEvents(t.deps, { absorbedId: second.id, reason: "different attacks after all" }, { actor: "reviewer" });
    expect(restored.mergedInto).toBe(null);
    expect(restored.sources.map((link) => link.citation)).toEqual(["Express Tribune"]);
    expect(restored.actors.perpetrators).toEqual(["Hafiz Gul Bahadur group"]);
    expect(restoredSurvivor.sources.map((link) => link.citation)).toEqual(["Dawn"]);
    expect(restoredSurvivor.fatalities).toEqual(first.fatalities);
    expect(restoredSurvivor.weapons).toEqual(first.weapons);
    expect(restoredSurvivor.version).toBe(3);
    expect((await listEvents(t.deps, { sort: "id" })).events.map((event) => event.id)).toEqual([first.id, second.id]);
    const merges = (await getEventHistory(t.deps, second.id)).merges;
    expect(merges[0]!.undoneBy).toBe("reviewer");
  });

  it("keeps the survivor's later edits when unmerging", () => {
    const first = createEvent(t.deps, bannuAttack(), analyst);
    const second = createEvent(t.deps, bannuAttack({}, [{ citation: "Other", killed: { security_forces: 7 } }]), analyst);
    const { survivor } = mergeEvents(t.deps, { survivorId: first.id, absorbedId: second.id }, analyst);
    updateEvent(t.deps, { id: survivor.id, expectedVersion: survivor.version, changes: { notes: "edited after merge" } }, analyst);
    const { survivor: after } = unmergeEvents(t.deps, { absorbedId: second.id }, analyst);
    expect(after.notes).toBe("edited after merge");
    expect(after.sources.map((link) => link.citation)).toEqual(["Dawn"]);
    expect(after.fatalities.best).toBe(6);
  });

  it("refuses to merge an already merged event or unmerge an unmerged one", () => {
    const a = createEvent(t.deps, bannuAttack(), analyst);
    const b = createEvent(t.deps, bannuAttack(), analyst);
    const c = createEvent(t.deps, bannuAttack(), analyst);
    mergeEvents(t.deps, { survivorId: a.id, absorbedId: b.id }, analyst);
    expect(() => mergeEvents(t.deps, { survivorId: c.id, absorbedId: b.id }, analyst)).toThrow(/already merged/);
    expect(() => unmergeEvents(t.deps, { absorbedId: c.id }, analyst)).toThrow(/not merged/);
  });
});

describe("duplicate proposals", () => {
  it("proposes same-type events a day apart in one district with compatible figures, with reasons", async () => {
    const a = createEvent(t.deps, bannuAttack(), analyst);
    const b = createEvent(t.deps, bannuAttack({ date: "2025-10-12", location: "Bannu city", latitude: 32.98, longitude: 70.61, killed: { security_forces: 7 } }, [{ citation: "Geo", killed: { security_forces: 7 } }]), analyst);
    createEvent(t.deps, bannuAttack({ date: "2025-10-14" }), analyst); // three days later: not a duplicate
    createEvent(t.deps, bannuAttack({ type: "airstrike" }), analyst); // other type
    createEvent(t.deps, bannuAttack({ admin2: "Quetta", admin1: "Balochistan", location: "Quetta", latitude: 30.18, longitude: 66.99 }), analyst); // far away
    createEvent(t.deps, bannuAttack({ killed: { security_forces: 40 } }, [{ citation: "X", killed: { security_forces: 40 } }]), analyst); // incompatible toll
    const proposals = await proposeDuplicates(t.deps);
    expect(proposals.map((proposal) => [proposal.firstId, proposal.secondId])).toEqual([[a.id, b.id]]);
    expect(proposals[0]!.score).toBeGreaterThanOrEqual(0.5);
    expect(proposals[0]!.reasons.join("; ")).toMatch(/one day apart.*same district \(Bannu\).*compatible \(6 vs 7\)/);

    keepEventsApart(t.deps, { firstId: b.id, secondId: a.id, reason: "two separate attacks" }, analyst);
    expect(await proposeDuplicates(t.deps)).toEqual([]);
  });

  it("does not propose two events extracted from the same stored source", async () => {
    const source = t.addSource();
    createEvent(t.deps, bannuAttack({}, [{ sourceId: source, killed: { security_forces: 6 } }]), analyst);
    createEvent(t.deps, bannuAttack({}, [{ sourceId: source, killed: { security_forces: 6 } }]), analyst);
    expect(await proposeDuplicates(t.deps)).toEqual([]);
  });
});

describe("query layer", () => {
  async function seed() {
    const source = t.addSource();
    const ids = {
      bannu: createEvent(t.deps, bannuAttack({}, [{ sourceId: source, killed: { security_forces: 6 } }]), analyst).id,
      quetta: createEvent(
        t.deps,
        bannuAttack(
          {
            date: "2025-03",
            admin1: "Balochistan",
            admin2: "Quetta",
            location: "Quetta railway station",
            actors: { perpetrators: ["Balochistan Liberation Army"], targets: [], associated: ["Majeed Brigade"] },
            killed: { civilians: 26, security_forces: null },
            injured: { civilians: 62 },
            notes: "Bombing at the railway station",
          },
          [{ citation: "Dawn", killed: { civilians: 26 }, injured: { civilians: 62 } }],
        ),
        analyst,
      ).id,
      kabul: createEvent(
        t.deps,
        bannuAttack(
          {
            type: "airstrike",
            date: "2024-12-24",
            country: "AF",
            admin1: "Paktika",
            admin2: "Barmal",
            location: "Barmal",
            actors: { perpetrators: ["Pakistan security forces"], targets: ["Tehrik-i-Taliban Pakistan"], associated: [] },
            killed: { security_forces: null, unknown: 46 },
            notes: "Pakistani airstrikes in Paktika",
          },
          [{ citation: "Tolo", killed: { unknown: 46 } }],
        ),
        analyst,
      ).id,
    };
    reviewEvent(t.deps, { id: ids.quetta, state: "confirmed" }, analyst);
    return { ids, source };
  }
  const idsOf = async (filter: Parameters<typeof listEvents>[1]) => (await listEvents(t.deps, { ...filter, sort: "id" })).events.map((event) => event.id);

  it("filters by each field", async () => {
    const { ids, source } = await seed();
    expect(await idsOf({ dateFrom: "2025-01-01" })).toEqual([ids.bannu, ids.quetta]);
    expect(await idsOf({ dateFrom: "2025-03-20", dateTo: "2025-03-31" })).toEqual([ids.quetta]); // month precision overlaps
    expect(await idsOf({ dateTo: "2024" })).toEqual([ids.kabul]);
    expect(await idsOf({ country: "af" })).toEqual([ids.kabul]);
    expect(await idsOf({ admin1: "Balochistan" })).toEqual([ids.quetta]);
    expect(await idsOf({ admin2: "Bannu" })).toEqual([ids.bannu]);
    expect(await idsOf({ type: "airstrike" })).toEqual([ids.kabul]);
    expect(await idsOf({ actor: "TTP" })).toEqual([ids.bannu, ids.kabul]);
    expect(await idsOf({ actor: "Pakistani Taliban" })).toEqual([ids.bannu, ids.kabul]);
    expect(await idsOf({ actor: "BLA's Majeed Brigade" })).toEqual([ids.quetta]);
    expect(await idsOf({ fatalitiesMin: 10, fatalitiesMax: 30 })).toEqual([ids.quetta]);
    expect(await idsOf({ injuriesMin: 1 })).toEqual([ids.quetta]);
    expect(await idsOf({ reviewState: "confirmed" })).toEqual([ids.quetta]);
    expect(await idsOf({ reviewState: "candidate" })).toEqual([ids.bannu, ids.kabul]);
    expect(await idsOf({ sourceId: source })).toEqual([ids.bannu]);
    expect(await idsOf({ text: "railway" })).toEqual([ids.quetta]);
    expect(await idsOf({ text: "Paktika airstrikes" })).toEqual([ids.kabul]);
    expect(await idsOf({ text: "Taliban" })).toEqual([ids.bannu, ids.kabul]);
    expect(await idsOf({ text: 'checkpost" OR "x' })).toEqual([]);
  });

  it("sorts, pages and counts", async () => {
    const { ids } = await seed();
    const page = await listEvents(t.deps, { sort: "-fatalities", limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.events.map((event) => event.id)).toEqual([ids.kabul, ids.quetta]);
    const next = await listEvents(t.deps, { sort: "-fatalities", limit: 2, offset: 2 });
    expect(next.events.map((event) => event.id)).toEqual([ids.bannu]);
    expect((await listEvents(t.deps, { sort: "date" })).events.map((event) => event.id)).toEqual([ids.kabul, ids.quetta, ids.bannu]);
  });

  it("refuses unknown filters and bad values", async () => {
    await expect(listEvents(t.deps, { colour: "red" } as never)).rejects.toSatisfy((error: unknown) => isArmtraceError(error, "INVALID_INPUT"));
    await expect(listEvents(t.deps, { dateFrom: "last week" })).rejects.toThrow(/dateFrom/);
  });
});
