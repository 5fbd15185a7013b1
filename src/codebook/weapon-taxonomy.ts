/**
 * The weapons taxonomy: maps weapon words and model names in reports ("Klashnikov", "82mm mortar shells",
 * "Colt M4A1 carbine") to the twelve categories of the extraction contract and to canonical model names.
 * Pure: the shipped data is imported as JSON.
 */
import weaponData from "./data/weapons.json" with { type: "json" };
import type { CodebookFile, WeaponCategory, WeaponEntry } from "./codebook-types.ts";
import { ArmtraceError } from "../errors.ts";

/** The twelve weapon categories of the extraction contract, in its order. */
export const weaponCategories = [
  "small_arms",
  "light_weapons",
  "ied",
  "suicide_vest",
  "vbied",
  "rocket",
  "mortar",
  "grenade",
  "drone",
  "night_vision",
  "ammunition",
  "explosives",
] as const satisfies readonly WeaponCategory[];

/** Lookup from weapon words and model names to the contract's categories. */
export interface WeaponTaxonomy {
  /** The category a word, phrase or model name belongs to ("Type 56 rifles" → small_arms), if known. */
  categorize(term: string): WeaponCategory | undefined;
  /** The canonical model name in a phrase ("Colt M4A1 carbine" → "M4A1", "AK 47" → "AK-47"); undefined for generic words. */
  normalizeModel(s: string): string | undefined;
  /** The entry a word, phrase or model name refers to, generic classes included. */
  lookup(term: string): WeaponEntry | undefined;
  /** Every normalized term (see normalizeWeaponTerm) with its entry, longest first, for text scanners. */
  terms(): Iterable<[string, WeaponEntry]>;
  /** Every entry, in data order. */
  all(): readonly WeaponEntry[];
}

/** Lower-cases, strips diacritics and apostrophes, turns hyphens and slashes into spaces; keeps dots ("12.7mm"). */
export function normalizeWeaponTerm(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’‘`´]/g, "")
    .replace(/[-‐‑‒–—_/()]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Letters and digits only: the key under which "AK-47", "AK 47" and "ak47" meet. */
function compactKey(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** The weapon entries shipped in src/codebook/data/weapons.json. */
export function shippedWeapons(): WeaponEntry[] {
  return (weaponData as unknown as CodebookFile<WeaponEntry>).entries;
}

/**
 * Builds a taxonomy over the given entries (default: the shipped ones). Throws INVALID_INPUT listing every
 * entry with a category outside the twelve.
 */
export function createWeaponTaxonomy(entries: readonly WeaponEntry[] = shippedWeapons()): WeaponTaxonomy {
  const known = new Set<string>(weaponCategories);
  const problems = entries
    .filter((entry) => !known.has(entry.category))
    .map((entry) => `weapon "${entry.name}" has unknown category "${entry.category}"`);
  if (problems.length > 0) throw new ArmtraceError("INVALID_INPUT", `Invalid weapons taxonomy: ${problems.join("; ")}`, problems);

  const byKey = new Map<string, WeaponEntry>();
  const byTerm = new Map<string, WeaponEntry>();
  for (const entry of entries) {
    for (const term of [entry.name, ...entry.aliases]) {
      const key = compactKey(term);
      if (key !== "" && !byKey.has(key)) byKey.set(key, entry);
      const normalized = normalizeWeaponTerm(term);
      if (normalized !== "" && !byTerm.has(normalized)) byTerm.set(normalized, entry);
    }
  }

  const exact = (phrase: string): WeaponEntry | undefined => {
    const key = compactKey(phrase);
    if (key === "") return undefined;
    return byKey.get(key) ?? (key.endsWith("s") ? byKey.get(key.slice(0, -1)) : undefined);
  };

  /** Longest run of words in the phrase that names an entry accepted by `accept`. */
  const scan = (s: string, accept: (entry: WeaponEntry) => boolean): WeaponEntry | undefined => {
    const whole = exact(s);
    if (whole !== undefined && accept(whole)) return whole;
    const words = normalizeWeaponTerm(s).split(" ").filter((word) => word !== "");
    for (let size = words.length; size >= 1; size -= 1) {
      for (let start = 0; start + size <= words.length; start += 1) {
        const found = exact(words.slice(start, start + size).join(" "));
        if (found !== undefined && accept(found)) return found;
      }
    }
    return undefined;
  };

  const isModel = (entry: WeaponEntry): boolean => entry.isGeneric !== true;
  let sortedTerms: Array<[string, WeaponEntry]> | undefined;

  return {
    categorize: (term) => scan(term, () => true)?.category,
    normalizeModel: (s) => scan(s, isModel)?.name,
    lookup: (term) => scan(term, () => true),
    terms() {
      sortedTerms ??= [...byTerm.entries()].sort((a, b) => b[0].length - a[0].length || a[0].localeCompare(b[0]));
      return sortedTerms;
    },
    all: () => entries,
  };
}

let defaultTaxonomy: WeaponTaxonomy | undefined;

/** The taxonomy over the shipped weapons, built once on first use. */
export function defaultWeaponTaxonomy(): WeaponTaxonomy {
  defaultTaxonomy ??= createWeaponTaxonomy();
  return defaultTaxonomy;
}
