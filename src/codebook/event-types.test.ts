import { describe, expect, it } from "vitest";
import { defaultActorRegistry } from "../actors/index.ts";
import {
  acledFor,
  acledInterCode,
  acledInteraction,
  acledTaxonomy,
  eventTypes,
  getEventType,
  gtdFor,
  gtdWeaponType,
} from "./event-types.ts";

describe("ACLED/GTD reference taxonomy", () => {
  const taxonomy = acledTaxonomy();

  it("has exactly 6 event types and 25 sub-event types, each with a disorder type", () => {
    expect(taxonomy.entries).toHaveLength(6);
    const subs = taxonomy.entries.flatMap((entry) => entry.subEventTypes);
    expect(subs).toHaveLength(25);
    expect(new Set(subs.map((sub) => sub.name)).size).toBe(25);
    for (const sub of subs) expect(["Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations"]).toContain(sub.disorderType);
  });

  it("lists inter codes 1–8, three precisions each, 31 columns and GTD value lists", () => {
    expect(taxonomy.interCodes.map((inter) => inter.code)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(taxonomy.interCodes[0]?.name).toBe("State forces");
    expect(taxonomy.interCodes[7]?.name).toBe("External/Other forces");
    expect(taxonomy.timePrecision.map((p) => p.code)).toEqual([1, 2, 3]);
    expect(taxonomy.geoPrecision.map((p) => p.code)).toEqual([1, 2, 3]);
    expect(taxonomy.columns).toHaveLength(31);
    expect(taxonomy.gtd.attackTypes.map((t) => t.name)).toContain("Bombing/Explosion");
    expect(taxonomy.gtd.weaponTypes.map((t) => t.name)).toContain("Firearms");
    expect(taxonomy.source).toMatch(/ACLED/);
    expect(taxonomy.licence).not.toBe("");
  });
});

describe("event-type codebook", () => {
  const acledNames = new Map(
    acledTaxonomy().entries.map((entry) => [entry.name, new Set(entry.subEventTypes.map((sub) => sub.name))]),
  );
  const gtdAttackTypes = new Set(acledTaxonomy().gtd.attackTypes.map((t) => t.name));

  it("defines the five types, each mapped to real ACLED and GTD values", () => {
    expect(eventTypes().map((entry) => entry.id)).toEqual([
      "attack",
      "security_operation",
      "armed_clash",
      "airstrike",
      "weapons_seizure",
    ]);
    for (const entry of eventTypes()) {
      expect(entry.definition.length).toBeGreaterThan(20);
      for (const mapping of [entry.acled, ...(entry.alternativeAcled ?? [])]) {
        const subs = acledNames.get(mapping.eventType);
        expect(subs, `${entry.id}: ${mapping.eventType}`).toBeDefined();
        for (const sub of mapping.subEventTypes) expect(subs?.has(sub), `${entry.id}: ${sub}`).toBe(true);
      }
      for (const attackType of entry.gtdAttackTypes) expect(gtdAttackTypes.has(attackType), attackType).toBe(true);
    }
    expect(getEventType("airstrike")?.acled.subEventTypes[0]).toBe("Air/drone strike");
    expect(getEventType("riot")).toBeUndefined();
  });

  it("codes incidents for ACLED from weapons and targets", () => {
    expect(acledFor("attack", { weapons: ["suicide_vest"] }).subEventType).toBe("Suicide bomb");
    expect(acledFor("attack", { weapons: ["vbied"], isSuicide: true }).subEventType).toBe("Suicide bomb");
    expect(acledFor("attack", { weapons: ["ied"] })).toMatchObject({
      eventType: "Explosions/Remote violence",
      subEventType: "Remote explosive/landmine/IED",
      disorderType: "Political violence",
    });
    expect(acledFor("attack", { weapons: ["grenade"] }).subEventType).toBe("Grenade");
    expect(acledFor("attack", { weapons: ["drone"] }).subEventType).toBe("Air/drone strike");
    expect(acledFor("attack", { weapons: ["small_arms"], targetsCivilians: true })).toMatchObject({
      eventType: "Violence against civilians",
      subEventType: "Attack",
      civilianTargeting: true,
    });
    expect(acledFor("attack", { weapons: ["small_arms"] }).subEventType).toBe("Armed clash");
    expect(acledFor("airstrike").subEventType).toBe("Air/drone strike");
    expect(acledFor("armed_clash")).toMatchObject({ eventType: "Battles", subEventType: "Armed clash" });
    expect(acledFor("security_operation").subEventType).toBe("Armed clash");
    expect(acledFor("security_operation", { hasViolence: false, hasArrests: true })).toMatchObject({
      eventType: "Strategic developments",
      subEventType: "Arrests",
    });
    expect(acledFor("weapons_seizure").subEventType).toBe("Disrupted weapons use");
  });

  it("codes incidents for GTD", () => {
    expect(gtdFor("attack", { weapons: ["suicide_vest"] })).toEqual({ attackType: "Bombing/Explosion", weaponType: "Explosives" });
    expect(gtdFor("attack", { weapons: ["small_arms"] })).toEqual({ attackType: "Armed Assault", weaponType: "Firearms" });
    expect(gtdFor("attack", { weapons: ["small_arms"], isTargetedKilling: true }).attackType).toBe("Assassination");
    expect(gtdFor("attack", { isAbduction: true }).attackType).toBe("Hostage Taking (Kidnapping)");
    expect(gtdFor("airstrike").attackType).toBeNull();
    expect(gtdWeaponType([])).toBe("Unknown");
  });

  it("gives ACLED inter and interaction codes", () => {
    const registry = defaultActorRegistry();
    expect(acledInterCode("state_force")).toBe(1);
    expect(acledInterCode("militant_group")).toBe(2);
    expect(acledInterCode(registry.get("Afghan Taliban")!, { date: "2024-01-05" })).toBe(1);
    expect(acledInterCode(registry.get("Afghan Taliban")!, { date: "2019-06" })).toBe(2);
    expect(acledInterCode(registry.get("Resolute Support Mission")!)).toBe(8);
    expect(acledInteraction(2, 1)).toBe(12);
    expect(acledInteraction(2)).toBe(20);
    for (const actor of registry.all()) expect(acledInterCode(actor)).toBeGreaterThanOrEqual(1);
  });
});
