import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ActorContext } from "./actor-registry.ts";
import {
  createActorRegistry,
  defaultActorRegistry,
  isAcronymAlias,
  normalizeActorName,
  resolveAcledActorName,
  shippedActors,
  withActorOverrides,
} from "./index.ts";
import { isArmtraceError } from "../errors.ts";

const extractionSpec = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/EXTRACTION.md");

const months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** Reads the "Actors" table of the extraction contract: canonical name → aliases with their date context. */
function readContractActors(markdown: string): Array<{ canonical: string; alias: string; context: ActorContext }> {
  const section = markdown.split(/^## /m).find((part) => part.startsWith("Actors"));
  if (section === undefined) return [];
  const rows: Array<{ canonical: string; alias: string; context: ActorContext }> = [];
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const canonical = cells[1];
    const aliasCell = cells[2];
    if (canonical === undefined || aliasCell === undefined || canonical === "canonical" || /^-+$/.test(canonical)) continue;
    const withoutGloss = aliasCell.split(" — ")[0] ?? "";
    const aliases = withoutGloss.replace(/,\s*when no specific group is named.*$/i, "").split(",");
    for (const raw of aliases) {
      let context: ActorContext = {};
      const qualifier = /\((before|after) (\w+) (\d{4})\)/i.exec(raw);
      if (qualifier !== null) {
        const month = months.indexOf((qualifier[2] ?? "").toLowerCase()) + 1;
        const year = Number(qualifier[3]);
        const shifted = qualifier[1]?.toLowerCase() === "before" ? month - 1 : month + 1;
        context = { date: `${year}-${String(shifted).padStart(2, "0")}` };
      }
      const alias = raw.replace(/\([^)]*\)/g, "").trim();
      if (alias !== "") rows.push({ canonical, alias, context });
    }
    rows.push({ canonical, alias: canonical, context: {} });
  }
  return rows;
}

describe("actor registry", () => {
  const registry = defaultActorRegistry();

  it("ships at least 40 actors", () => {
    expect(registry.all().length).toBeGreaterThanOrEqual(40);
  });

  it.skipIf(!existsSync(extractionSpec))("resolves every alias of ../shared/EXTRACTION.md (skipped when that file is absent)", () => {
    const rows = readContractActors(readFileSync(extractionSpec, "utf8"));
    expect(rows.length).toBeGreaterThan(40);
    const wrong = rows
      .filter((row) => registry.resolve(row.alias, row.context)?.name !== row.canonical)
      .map((row) => `${row.alias} → ${registry.resolve(row.alias, row.context)?.name ?? "nothing"} (want ${row.canonical})`);
    expect(wrong).toEqual([]);
  });

  it("maps no plain alias to two actors", () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const entry of shippedActors()) {
      for (const alias of new Set([entry.name, ...entry.aliases].map(normalizeActorName))) {
        const owner = owners.get(alias);
        if (owner !== undefined && owner !== entry.name) clashes.push(`${alias}: ${owner} / ${entry.name}`);
        owners.set(alias, entry.name);
      }
    }
    for (const entry of shippedActors()) {
      for (const rule of entry.contextAliases ?? []) {
        const owner = owners.get(normalizeActorName(rule.alias));
        if (owner !== undefined) clashes.push(`${rule.alias}: plain alias of ${owner}, contextual for ${entry.name}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("resolves each actor's own plain aliases to that actor without context", () => {
    for (const entry of registry.all()) {
      for (const alias of [entry.name, ...entry.aliases]) expect(registry.resolve(alias)?.name, alias).toBe(entry.name);
    }
  });

  it("gives scanners written forms with acronym and ambiguity flags", () => {
    const forms = registry.aliasForms();
    const bra = forms.find((form) => form.alias === "BRA");
    expect(bra).toMatchObject({ normalized: "bra", isCaseSensitive: true, isAmbiguous: false });
    expect(bra?.entry.name).toBe("Baloch Republican Army");
    expect(forms.find((form) => form.alias === "Taliban")?.isAmbiguous).toBe(true);
    expect(forms.find((form) => form.alias === "Pakistani Taliban")?.isCaseSensitive).toBe(false);
    expect(isAcronymAlias("IS-K")).toBe(true);
    expect(isAcronymAlias("Daesh")).toBe(false);
  });

  it("applies user edits over the shipped actors", () => {
    const edited = withActorOverrides(shippedActors(), [
      { name: "Majeed Brigade", kind: "separatist_group", aliases: ["MB squad"], affiliations: ["Balochistan Liberation Army"], countries: ["PK"], activeFrom: 2011, activeTo: null },
      { name: "New Front", kind: "militant_group", aliases: ["NF-X"], affiliations: [], countries: ["PK"], activeFrom: 2026, activeTo: null },
    ]);
    const custom = createActorRegistry(edited);
    expect(custom.all()).toHaveLength(shippedActors().length + 1);
    expect(custom.resolve("mb squad")?.name).toBe("Majeed Brigade");
    expect(custom.resolve("BLA's Majeed Brigade")).toBeUndefined();
    expect(custom.resolve("nf x")?.name).toBe("New Front");
  });

  it("names only existing actors as affiliations", () => {
    for (const entry of registry.all()) {
      for (const parent of entry.affiliations) expect(registry.get(parent), `${entry.name} → ${parent}`).toBeDefined();
    }
  });

  it("matches regardless of case, hyphens, spaces and apostrophes", () => {
    expect(normalizeActorName("Fitna-al-Khawarij")).toBe(normalizeActorName("Fitna al Khawarij"));
    expect(registry.resolve("FITNA AL-KHAWARIJ")?.name).toBe("Tehrik-i-Taliban Pakistan");
    expect(registry.resolve("Tehreek-e-Taliban")?.name).toBe("Tehrik-i-Taliban Pakistan");
    expect(registry.resolve("bla’s majeed brigade")?.name).toBe("Majeed Brigade");
    expect(registry.resolve("is kp")?.name).toBe("Islamic State Khorasan Province");
    expect(registry.resolve("U.S. forces")?.name).toBe("United States");
    expect(registry.resolve("no such group")).toBeUndefined();
  });

  it("resolves ambiguous aliases by country and date", () => {
    expect(registry.isAmbiguous("Taliban")).toBe(true);
    expect(registry.resolve("Taliban", { country: "PK" })?.name).toBe("Tehrik-i-Taliban Pakistan");
    expect(registry.resolve("Taliban", { country: "AF" })?.name).toBe("Afghan Taliban");
    expect(registry.resolve("police")?.name).toBe("Pakistan security forces");
    expect(registry.resolve("security forces", { country: "AF", date: "2024-03-02" })?.name).toBe("Afghan Taliban");
    expect(registry.resolve("security forces", { country: "AF", date: "2019" })?.name).toBe(
      "Afghan National Defense and Security Forces",
    );
    expect(registry.resolve("Afghan forces", { date: "2021-08-14" })?.name).toBe("Afghan National Defense and Security Forces");
    expect(registry.resolve("Afghan forces", { date: "2021-08-15" })?.name).toBe("Afghan Taliban");
    expect(registry.resolve("Afghan forces", { date: new Date("2025-10-12") })?.name).toBe("Afghan Taliban");
    expect(registry.candidates("troops").map((entry) => entry.name)).toContain("Afghan Taliban");
  });

  it("lists aliases longest first for scanners", () => {
    const keys = [...registry.aliases()].map(([alias]) => alias);
    for (let i = 1; i < keys.length; i += 1) expect(keys[i - 1]!.length).toBeGreaterThanOrEqual(keys[i]!.length);
    expect(keys).toContain("fitna al khawarij");
  });

  it("follows affiliations transitively", () => {
    expect(registry.affiliatesOf("Majeed Brigade").map((entry) => entry.name)).toEqual([
      "Balochistan Liberation Army",
      "Baloch Raaji Aajoi Sangar",
    ]);
    expect(registry.affiliatesOf("JuA").map((entry) => entry.name)).toEqual(["Tehrik-i-Taliban Pakistan"]);
    expect(registry.affiliatesOf("Pakistan security forces")).toEqual([]);
  });

  it("refuses malformed entries with every problem listed", () => {
    try {
      createActorRegistry([
        { name: "A", kind: "gang" as never, aliases: [], affiliations: ["Nobody"], countries: ["PK"], activeFrom: null, activeTo: null },
      ]);
      expect.unreachable();
    } catch (error) {
      expect(isArmtraceError(error, "INVALID_INPUT")).toBe(true);
      expect((error as Error).message).toMatch(/unknown kind.*unknown "Nobody"/);
    }
  });

  it("resolves actor names as ACLED writes them", () => {
    const name = (acled: string, date?: string) => resolveAcledActorName(registry, acled, { date })?.name;
    expect(name("Military Forces of Pakistan (2018-2022)")).toBe("Pakistan security forces");
    expect(name("Police Forces of Afghanistan (2021-)")).toBe("Afghan Taliban");
    expect(name("Military Forces of Afghanistan (2014-2021)")).toBe("Afghan National Defense and Security Forces");
    expect(name("Military Forces of Afghanistan", "2019-03-01")).toBe("Afghan National Defense and Security Forces");
    expect(name("BLA: Balochistan Liberation Army")).toBe("Balochistan Liberation Army");
    expect(name("TTP: Tehreek-i-Taliban Pakistan")).toBe("Tehrik-i-Taliban Pakistan");
    expect(name("Taliban (Pakistan)")).toBe("Tehrik-i-Taliban Pakistan");
    expect(name("Unidentified Armed Group (Pakistan)")).toBeUndefined();
  });
});

describe("aliases that need the report's context", () => {
  const registry = defaultActorRegistry();
  it("reads the Islamic State's name as its Khorasan branch only in Afghanistan and Pakistan", () => {
    expect(registry.resolve("Islamic State group", { country: "AF" })?.name).toBe("Islamic State Khorasan Province");
    expect(registry.resolve("ISIS", { country: "PK" })?.name).toBe("Islamic State Khorasan Province");
    expect(registry.resolve("Islamic State", { country: "SY" })).toBeUndefined();
  });
  it("reads 'SSP' as Sipah-e-Sahaba only before the group's 2002 ban; later it is a police rank", () => {
    expect(registry.resolve("SSP", { country: "PK", date: "1998-03" })?.name).toBe("Sipah-e-Sahaba Pakistan");
    expect(registry.resolve("SSP", { country: "PK", date: "2024-05-01" })).toBeUndefined();
    expect(registry.resolve("Sipah-e-Sahaba", { country: "PK", date: "2024-05-01" })?.name).toBe("Sipah-e-Sahaba Pakistan");
  });
  it("keeps customs officials under their own name, in reports on Pakistan", () => {
    expect(registry.resolve("Customs", { country: "PK" })?.name).toBe("Pakistan Customs");
    expect(registry.resolve("Customs", { country: "AF" })).toBeUndefined();
    expect(registry.affiliatesOf("Pakistan Customs")).toEqual([]);
  });
});
