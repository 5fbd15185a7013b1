import placesAf from "./data/places-af.json" with { type: "json" };
import placesPk from "./data/places-pk.json" with { type: "json" };
import durandLineData from "./data/durand-line.json" with { type: "json" };
import townsData from "./data/towns.json" with { type: "json" };
import type { CodebookFile, PlaceEntry, PlaceLevel } from "./codebook-types.ts";

/** A town seeded from GeoNames (src/codebook/data/towns.json, built by scripts/build-towns.ts). */
export interface TownEntry {
  geonamesId: number;
  name: string;
  altNames?: string[];
  lat: number;
  lon: number;
  country: "PK" | "AF";
  admin1: string;
  admin2: string;
  population: number;
}

/** What a caller knows about where a name is likely to be, used to choose between places of the same name. */
export interface PlaceHint {
  country?: string | null;
  /** Province name or any alias of it ("KP", "Baluchistan"). */
  admin1?: string | null;
  admin2?: string | null;
}

/** Options for lookup: the order of levels to rank by (default country, admin1, admin2, locality). */
export interface LookupOptions {
  levels?: readonly PlaceLevel[];
}

/** Lookup over a set of places: names, aliases, hierarchy, nearest district and distance to the border. */
export interface Gazetteer {
  /** Every place a name or alias may mean, best first (by level, then exact name over alias, current over former). */
  lookup(name: string, options?: LookupOptions): PlaceEntry[];
  /** The one place a name most likely means, preferring places that agree with the hint. */
  resolve(name: string, hint?: PlaceHint): PlaceEntry | undefined;
  /** The entry with this id. */
  byId(id: string): PlaceEntry | undefined;
  /** The province (admin1 entry) a place lies in; the entry itself for an admin1. */
  admin1For(entry: PlaceEntry): PlaceEntry | undefined;
  /** The district (admin2 entry) a place lies in; the entry itself for an admin2. */
  admin2For(entry: PlaceEntry): PlaceEntry | undefined;
  /**
   * The district name a report of that date would use for the place: before a district was carved out
   * (createdIn), its predecessor ("Wana" in 2021 → "South Waziristan"). Date as "YYYY[-MM[-DD]]"; none → today's.
   */
  admin2At(entry: PlaceEntry, date?: string | null): string | null;
  /** Provinces and territories, optionally of one country, in data order. */
  provinces(country?: string): PlaceEntry[];
  /** Current districts (former ones left out), optionally of one country and province (name or alias). */
  districts(country?: string, admin1?: string): PlaceEntry[];
  /** The current district whose centre is nearest to the point (approximate: centres, not boundaries). */
  nearestDistrict(lat: number, lon: number, country?: string): PlaceEntry | undefined;
  /** Every normalized name and alias with the places it may mean, longest names first, for text scanners. */
  names(): Iterable<[string, PlaceEntry[]]>;
  /** True when a name or alias is also a common word or a person's/group's name, so it needs context to count. */
  isAmbiguous(name: string): boolean;
  /** Great-circle distance in km from the point to the Durand Line polyline (approximate line, ±several km). */
  distanceToBorderKm(lat: number, lon: number): number;
  /** Every entry, in data order. */
  all(): readonly PlaceEntry[];
}

/** Canonical province names per country, as EXTRACTION.md and the data spell them. */
export const ADMIN1_NAMES: Readonly<Record<"PK" | "AF", readonly string[]>> = {
  PK: [
    "Khyber Pakhtunkhwa",
    "Balochistan",
    "Punjab",
    "Sindh",
    "Islamabad Capital Territory",
    "Gilgit-Baltistan",
    "Azad Kashmir",
  ],
  AF: [
    "Badakhshan",
    "Badghis",
    "Baghlan",
    "Balkh",
    "Bamyan",
    "Daykundi",
    "Farah",
    "Faryab",
    "Ghazni",
    "Ghor",
    "Helmand",
    "Herat",
    "Jowzjan",
    "Kabul",
    "Kandahar",
    "Kapisa",
    "Khost",
    "Kunar",
    "Kunduz",
    "Laghman",
    "Logar",
    "Nangarhar",
    "Nimroz",
    "Nuristan",
    "Paktia",
    "Paktika",
    "Panjshir",
    "Parwan",
    "Samangan",
    "Sar-e Pol",
    "Takhar",
    "Uruzgan",
    "Wardak",
    "Zabul",
  ],
};

const DEFAULT_LEVELS: readonly PlaceLevel[] = ["country", "admin1", "admin2", "locality"];
const EARTH_RADIUS_KM = 6371.0088;

/**
 * Canonical form of a place name for matching: lowercase, diacritics, possessive "'s" and apostrophes dropped,
 * every other punctuation run a single space, runs of single letters joined ("D.I. Khan" → "di khan",
 * "K-P" → "kp", "Mastung’s" → "mastung"). Apply it to running text too, so scanners match the same keys.
 */
export function normalizePlaceName(s: string): string {
  const tokens = s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’‘`´ʼ]s\b/gu, " ")
    .replace(/['’‘`´ʼʻʿʾ]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter((t) => t.length > 0);
  const out: string[] = [];
  let run = "";
  let runLength = 0;
  const flush = (): void => {
    if (runLength === 0) return;
    out.push(run);
    run = "";
    runLength = 0;
  };
  for (const token of tokens) {
    if (token.length === 1 && /\p{L}/u.test(token)) {
      run += token;
      runLength += 1;
    } else {
      flush();
      out.push(token);
    }
  }
  flush();
  return out.join(" ");
}

/** The Durand Line as shipped: [lon, lat] vertices from the Wakhan tri-point with China to Koh-i-Malik Siah. */
export function durandLine(): ReadonlyArray<readonly [number, number]> {
  return durandLinePoints;
}

/** Great-circle distance in km between two points given in degrees. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const durandLinePoints: ReadonlyArray<readonly [number, number]> = (
  durandLineData as { coordinates: number[][] }
).coordinates.map((p) => [p[0] ?? 0, p[1] ?? 0] as const);

/** Words a GeoNames town name may also be in English text; such towns are marked ambiguous. */
const COMMON_WORD_TOWNS: ReadonlySet<string> = new Set([
  "bagh", "bara", "bela", "dir", "garhi", "hub", "kot", "khan", "mach", "mandi", "nal", "pir", "sui", "tank",
  "topi", "wari", "zara", "kalat", "khar", "chak", "mian", "sher", "ali", "dam", "pul", "qala",
  "gul", "bazar", "mir", "shah", "fort", "bandar", "nawa", "now", "may", "march", "langar", "nayak", "bhag", "jati",
  "hala", "moro", "rustam", "mehar", "jand", "patan", "mangla", "eidgah", "daur", "sann", "thul", "thal", "bhan",
  "dinga", "narang", "chinar", "dehi", "banu", "sharan", "zaida", "miran", "lachi", "lakki", "tangi", "alizai",
  "kamra", "mandol", "kushk", "khash", "jurm", "panjab", "farah", "afaki", "okak", "mithi", "gharo", "johi",
]);

/** The towns of towns.json as locality entries, leaving out those a hand-written entry already covers. */
export function townsAsPlaces(towns: readonly TownEntry[], written: readonly PlaceEntry[]): PlaceEntry[] {
  const writtenByName = new Map<string, PlaceEntry[]>();
  for (const entry of written) {
    if (entry.level !== "admin2" && entry.level !== "locality") continue;
    for (const name of [entry.name, ...entry.aliases]) {
      const key = normalizePlaceName(name);
      const list = writtenByName.get(key) ?? [];
      list.push(entry);
      writtenByName.set(key, list);
    }
  }
  const places: PlaceEntry[] = [];
  for (const town of towns) {
    const key = normalizePlaceName(town.name);
    const isCovered = (writtenByName.get(key) ?? []).some(
      (e) => e.country === town.country && haversineKm(e.lat, e.lon, town.lat, town.lon) < 40,
    );
    if (isCovered) continue;
    const place: PlaceEntry = {
      id: `${town.country}-geonames-${town.geonamesId}`,
      name: town.name,
      level: "locality",
      country: town.country,
      admin1: town.admin1,
      admin2: town.admin2,
      lat: town.lat,
      lon: town.lon,
      aliases: town.altNames ?? [],
      population: town.population,
    };
    if (key.length <= 3 || COMMON_WORD_TOWNS.has(key)) place.isAmbiguous = true;
    places.push(place);
  }
  return places;
}

/** Every place armtrace ships: the team's Pakistan and Afghanistan lists plus GeoNames towns not already in them. */
export function shippedPlaces(): PlaceEntry[] {
  const written = [
    ...(placesPk as CodebookFile<PlaceEntry>).entries,
    ...(placesAf as CodebookFile<PlaceEntry>).entries,
  ];
  const towns = (townsData as CodebookFile<TownEntry>).entries;
  return [...written, ...townsAsPlaces(towns, written)];
}

/**
 * Problems with a set of places (unknown levels or provinces, missing parents or predecessors, bad coordinates,
 * duplicate ids), one line each; empty when the set is valid.
 */
export function validatePlaces(entries: readonly PlaceEntry[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const allDistrictKeys = new Set(
    entries.filter((e) => e.level === "admin2").map((e) => `${e.country}|${e.admin1}|${e.name}`),
  );
  const districtKeys = new Set(
    entries.filter((e) => e.level === "admin2").map((e) => `${e.country}|${e.admin1}|${e.admin2}`),
  );
  for (const e of entries) {
    if (ids.has(e.id)) problems.push(`duplicate id ${e.id}`);
    ids.add(e.id);
    if (!DEFAULT_LEVELS.includes(e.level)) problems.push(`${e.id}: unknown level ${e.level}`);
    if (e.country !== "PK" && e.country !== "AF") problems.push(`${e.id}: unknown country ${e.country}`);
    if (!Number.isFinite(e.lat) || !Number.isFinite(e.lon)) problems.push(`${e.id}: coordinates missing`);
    if (!Array.isArray(e.aliases)) problems.push(`${e.id}: aliases missing`);
    for (const alias of e.ambiguousAliases ?? [])
      if (!e.aliases.includes(alias)) problems.push(`${e.id}: ambiguous alias ${alias} is not an alias`);
    if (e.level === "country") continue;
    const allowed = ADMIN1_NAMES[e.country] ?? [];
    if (e.admin1 === null || !allowed.includes(e.admin1)) problems.push(`${e.id}: admin1 ${e.admin1} not allowed`);
    if (e.level === "admin1" && e.admin1 !== e.name) problems.push(`${e.id}: admin1 entry must name itself`);
    if (e.level === "admin2" && e.admin2 !== e.name) problems.push(`${e.id}: admin2 entry must name itself`);
    if (e.splitFrom !== undefined && (!allDistrictKeys.has(`${e.country}|${e.admin1}|${e.splitFrom}`) || !e.createdIn))
      problems.push(`${e.id}: predecessor ${e.splitFrom} unknown or creation year missing`);
    if (e.level === "locality" && !e.isRegion) {
      if (e.admin2 === null) problems.push(`${e.id}: locality without district`);
      else if (!districtKeys.has(`${e.country}|${e.admin1}|${e.admin2}`))
        problems.push(`${e.id}: district ${e.admin2} not in ${e.admin1}`);
    }
  }
  return problems;
}

interface IndexedPlace {
  entry: PlaceEntry;
  isExactName: boolean;
}

/** Builds a gazetteer over the given places (default: every shipped place). Pure; build once and share. */
export function createGazetteer(entries: readonly PlaceEntry[] = shippedPlaces()): Gazetteer {
  const byKey = new Map<string, IndexedPlace[]>();
  const byId = new Map<string, PlaceEntry>();
  const admin1ByKey = new Map<string, PlaceEntry[]>();
  const admin1ByName = new Map<string, PlaceEntry>();
  const admin2ByName = new Map<string, PlaceEntry>();
  const ambiguousKeys = new Set<string>();

  for (const entry of entries) {
    byId.set(entry.id, entry);
    if (entry.isAmbiguous) ambiguousKeys.add(normalizePlaceName(entry.name));
    for (const alias of entry.ambiguousAliases ?? []) ambiguousKeys.add(normalizePlaceName(alias));
    const seen = new Set<string>();
    for (const [i, name] of [entry.name, ...entry.aliases].entries()) {
      const key = normalizePlaceName(name);
      if (key === "" || seen.has(key)) continue;
      seen.add(key);
      const list = byKey.get(key) ?? [];
      list.push({ entry, isExactName: i === 0 });
      byKey.set(key, list);
      if (entry.level === "admin1") {
        const admins = admin1ByKey.get(key) ?? [];
        admins.push(entry);
        admin1ByKey.set(key, admins);
      }
    }
    if (entry.level === "admin1") admin1ByName.set(`${entry.country}|${entry.name}`, entry);
    if (entry.level === "admin2" && !admin2ByName.has(`${entry.country}|${entry.admin1}|${entry.name}`))
      admin2ByName.set(`${entry.country}|${entry.admin1}|${entry.name}`, entry);
  }

  const rank = (levels: readonly PlaceLevel[]) => {
    const levelRank = (level: PlaceLevel): number => {
      const i = levels.indexOf(level);
      return i === -1 ? levels.length : i;
    };
    return (a: IndexedPlace, b: IndexedPlace): number =>
      levelRank(a.entry.level) - levelRank(b.entry.level) ||
      Number(b.isExactName) - Number(a.isExactName) ||
      Number(a.entry.isFormer ?? false) - Number(b.entry.isFormer ?? false) ||
      Number(a.entry.population !== undefined) - Number(b.entry.population !== undefined) ||
      (b.entry.population ?? 0) - (a.entry.population ?? 0);
  };
  const defaultRank = rank(DEFAULT_LEVELS);
  for (const list of byKey.values()) list.sort(defaultRank);

  /** Canonical admin1 names that a province name or alias may mean, optionally within one country. */
  const admin1Names = (nameOrAlias: string, country?: string | null): Set<string> => {
    const matches = admin1ByKey.get(normalizePlaceName(nameOrAlias)) ?? [];
    return new Set(matches.filter((e) => !country || e.country === country).map((e) => e.name));
  };

  const lookup = (name: string, options?: LookupOptions): PlaceEntry[] => {
    const list = byKey.get(normalizePlaceName(name)) ?? [];
    const sorted = options?.levels ? [...list].sort(rank(options.levels)) : list;
    return sorted.map((p) => p.entry);
  };

  const names = function* (): Iterable<[string, PlaceEntry[]]> {
    const keys = [...byKey.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
    for (const key of keys) yield [key, (byKey.get(key) ?? []).map((p) => p.entry)];
  };

  return {
    lookup,
    resolve(name, hint) {
      const candidates = lookup(name);
      if (candidates.length === 0 || !hint) return candidates[0];
      const hintedAdmin1 = hint.admin1 ? admin1Names(hint.admin1, hint.country) : undefined;
      const hintedAdmin2 = hint.admin2 ? normalizePlaceName(hint.admin2) : undefined;
      const score = (e: PlaceEntry): number =>
        (hint.country && e.country === hint.country ? 4 : 0) +
        (hintedAdmin1 && e.admin1 !== null && hintedAdmin1.has(e.admin1) ? 2 : 0) +
        (hintedAdmin2 && e.admin2 !== null && normalizePlaceName(e.admin2) === hintedAdmin2 ? 1 : 0);
      let best = candidates[0];
      let bestScore = best ? score(best) : -1;
      for (const candidate of candidates) {
        const s = score(candidate);
        if (s > bestScore) {
          best = candidate;
          bestScore = s;
        }
      }
      return best;
    },
    byId: (id) => byId.get(id),
    admin1For(entry) {
      if (entry.admin1 === null) return undefined;
      return admin1ByName.get(`${entry.country}|${entry.admin1}`);
    },
    admin2For(entry) {
      if (entry.admin2 === null || entry.admin1 === null) return undefined;
      return admin2ByName.get(`${entry.country}|${entry.admin1}|${entry.admin2}`);
    },
    admin2At(entry, date) {
      let district = admin2ByName.get(`${entry.country}|${entry.admin1}|${entry.admin2}`);
      if (!district) return entry.admin2;
      const year = date ? Number.parseInt(date.slice(0, 4), 10) : Number.NaN;
      if (!Number.isFinite(year)) return district.name;
      for (let hops = 0; hops < 5 && district.splitFrom && district.createdIn && year < district.createdIn; hops++) {
        const before = admin2ByName.get(`${district.country}|${district.admin1}|${district.splitFrom}`);
        if (!before) return district.splitFrom;
        district = before;
      }
      return district.name;
    },
    provinces: (country) => entries.filter((e) => e.level === "admin1" && (!country || e.country === country)),
    districts(country, admin1) {
      const wanted = admin1 ? admin1Names(admin1, country) : undefined;
      return entries.filter(
        (e) =>
          e.level === "admin2" &&
          !e.isFormer &&
          (!country || e.country === country) &&
          (!wanted || (e.admin1 !== null && wanted.has(e.admin1))),
      );
    },
    nearestDistrict(lat, lon, country) {
      let best: PlaceEntry | undefined;
      let bestKm = Infinity;
      for (const e of entries) {
        if (e.level !== "admin2" || e.isFormer || (country && e.country !== country)) continue;
        const km = haversineKm(lat, lon, e.lat, e.lon);
        if (km < bestKm) {
          best = e;
          bestKm = km;
        }
      }
      return best;
    },
    names,
    isAmbiguous: (name) => ambiguousKeys.has(normalizePlaceName(name)),
    distanceToBorderKm: (lat, lon) => distanceToPolylineKm(lat, lon, durandLinePoints),
    all: () => entries,
  };
}

/**
 * Distance in km from a point to a polyline of [lon, lat] vertices: each segment is measured in a local
 * equirectangular projection around the point, then the nearest point is measured by great circle.
 */
export function distanceToPolylineKm(lat: number, lon: number, line: ReadonlyArray<readonly [number, number]>): number {
  const toRad = Math.PI / 180;
  const kx = Math.cos(lat * toRad);
  let best = Infinity;
  for (let i = 0; i < line.length; i++) {
    const a = line[i];
    const b = line[i + 1] ?? a;
    if (!a || !b) continue;
    const ax = (a[0] - lon) * kx;
    const ay = a[1] - lat;
    const bx = (b[0] - lon) * kx;
    const by = b[1] - lat;
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSquared = dx * dx + dy * dy;
    const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
    const nearestLon = lon + (ax + t * dx) / kx;
    const nearestLat = lat + ay + t * dy;
    best = Math.min(best, haversineKm(lat, lon, nearestLat, nearestLon));
  }
  return best;
}

let shared: Gazetteer | undefined;

/** The gazetteer over every shipped place, built on first use and shared afterwards. */
export function defaultGazetteer(): Gazetteer {
  shared ??= createGazetteer();
  return shared;
}
