import { describe, expect, it } from "vitest";
import { isArmtraceError } from "../errors.ts";
import { createWeaponTaxonomy, normalizeWeaponTerm, shippedWeapons, weaponCategories } from "./weapon-taxonomy.ts";

describe("weapon taxonomy", () => {
  const taxonomy = createWeaponTaxonomy();

  it("maps every entry to one of the twelve categories and covers them all", () => {
    expect(weaponCategories).toHaveLength(12);
    const used = new Set(shippedWeapons().map((entry) => entry.category));
    for (const entry of shippedWeapons()) expect(weaponCategories, entry.name).toContain(entry.category);
    expect([...used].sort()).toEqual([...weaponCategories].sort());
  });

  it("ships at least 60 models beside the generic terms", () => {
    expect(shippedWeapons().filter((entry) => entry.isGeneric !== true).length).toBeGreaterThanOrEqual(60);
  });

  it("gives no term two different entries", () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const entry of shippedWeapons()) {
      for (const term of [entry.name, ...entry.aliases]) {
        const key = term.toLowerCase().replace(/[^a-z0-9]/g, "");
        const owner = owners.get(key);
        if (owner !== undefined && owner !== entry.name) clashes.push(`${term}: ${owner} / ${entry.name}`);
        owners.set(key, entry.name);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("categorizes words, models and phrases", () => {
    const cases: Array<[string, string]> = [
      ["Kalashnikov", "small_arms"],
      ["Klashnikov", "small_arms"],
      ["Chinese-made Type 56 rifles", "small_arms"],
      ["M16A2", "small_arms"],
      ["30-bore pistol", "small_arms"],
      ["RPG-7", "rocket"],
      ["six RPG launchers", "rocket"],
      ["82mm recoilless rifle", "light_weapons"],
      ["gunmen opened fire", "small_arms"],
      ["magnetic mine", "ied"],
      ["12.7mm machine gun", "light_weapons"],
      ["pressure-cooker bomb", "ied"],
      ["remote-controlled device", "ied"],
      ["suicide jacket", "suicide_vest"],
      ["explosives-laden vehicle", "vbied"],
      ["107mm rockets", "rocket"],
      ["82mm mortar shells", "mortar"],
      ["hand grenades", "grenade"],
      ["quadcopters", "drone"],
      ["night-vision goggles", "night_vision"],
      ["thermal scopes", "night_vision"],
      ["cartridges", "ammunition"],
      ["magazines", "ammunition"],
      ["ammonium nitrate", "explosives"],
      ["prima cord", "explosives"],
      ["explosive material", "explosives"],
    ];
    for (const [term, category] of cases) expect(taxonomy.categorize(term), term).toBe(category);
    expect(taxonomy.categorize("tea kettle")).toBeUndefined();
  });

  it("normalizes model names", () => {
    expect(taxonomy.normalizeModel("Colt M4A1 carbine")).toBe("M4A1");
    expect(taxonomy.normalizeModel("AK 47")).toBe("AK-47");
    expect(taxonomy.normalizeModel("ak47s")).toBe("AK-47");
    expect(taxonomy.normalizeModel("Heckler & Koch G3 rifle")).toBe("G3");
    expect(taxonomy.normalizeModel("M249 SAW")).toBe("M249");
    expect(taxonomy.normalizeModel("rifle")).toBeUndefined();
  });

  it("lists terms longest first, normalized", () => {
    const terms = [...taxonomy.terms()].map(([term]) => term);
    for (let i = 1; i < terms.length; i += 1) expect(terms[i - 1]!.length).toBeGreaterThanOrEqual(terms[i]!.length);
    expect(terms).toContain(normalizeWeaponTerm("AK-47"));
    expect(normalizeWeaponTerm("Night-Vision  Goggles")).toBe("night vision goggles");
  });

  it("refuses an entry outside the twelve categories", () => {
    try {
      createWeaponTaxonomy([{ name: "Catapult", category: "siege" as never, aliases: [] }]);
      expect.unreachable();
    } catch (error) {
      expect(isArmtraceError(error, "INVALID_INPUT")).toBe(true);
    }
  });
});
