import boundaryData from "../data/boundaries.json" with { type: "json" };
import { escapeXml, formatCoordinate as c, formatCount } from "./svg-scale.ts";

/**
 * The report map: Pakistan's and Afghanistan's provinces shaded by a chosen figure (choropleth with legend),
 * districts as proportional circles at their gazetteer coordinates. Equirectangular projection fitted to the
 * two countries; the geometry is the shipped src/reports/data/boundaries.json — no tiles, no network.
 */

type Ring = number[][];

export interface BoundaryProvince {
  country: string;
  admin1: string;
  aliases: string[];
  sourceCodes: string[];
  polygons: Ring[][];
}

export interface BoundaryFile {
  source: string;
  licence: string;
  notes: string[];
  provinces: BoundaryProvince[];
}

/** The shipped boundary file (provinces of PK and AF, pre-2018, FATA drawn within Khyber Pakhtunkhwa). */
export const boundaries = boundaryData as BoundaryFile;

/** Lower-cased, punctuation-free key used to match province names and their aliases. */
export function provinceKey(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "");
}

/** The boundary province a (country, admin1) pair names, by canonical name or alias; undefined when none. */
export function findBoundaryProvince(country: string, admin1: string): BoundaryProvince | undefined {
  const key = provinceKey(admin1);
  return boundaries.provinces.find(
    (province) => province.country === country && (provinceKey(province.admin1) === key || province.aliases.some((alias) => provinceKey(alias) === key)),
  );
}

export interface MapInput {
  title: string;
  /** What shades the provinces, e.g. "Killed". */
  figureName: string;
  provinces: Array<{ country: string; admin1: string; value: number }>;
  /** What sizes the circles, e.g. "Incidents". */
  symbolName: string;
  districts: Array<{ label: string; latitude: number; longitude: number; value: number }>;
  /** An optional line drawn on top (e.g. the Durand Line), as [longitude, latitude] points. */
  line?: { name: string; points: Array<[number, number]> };
  width?: number;
}

/** Sequential blues, light to dark; index 0 is "none". */
const shades = ["#f0f0f0", "#deebf7", "#9ecae1", "#4292c6", "#08519c", "#08306b"] as const;

/** Upper bounds of up to five classes for the shading, evenly spread over the values' range and rounded. */
export function classBreaks(values: number[]): number[] {
  const positive = values.filter((value) => value > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [];
  const max = positive[positive.length - 1]!;
  const breaks = new Set<number>();
  for (let index = 1; index <= 5; index += 1) {
    const quantile = positive[Math.min(positive.length - 1, Math.ceil((index / 5) * positive.length) - 1)]!;
    breaks.add(quantile);
  }
  breaks.add(max);
  return [...breaks].sort((a, b) => a - b);
}

/** Renders the map as one inline <svg>; provinces with no figure are light grey and listed as "0 / none". */
export function renderMap(input: MapInput): string {
  const width = input.width ?? 720;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const province of boundaries.provinces) {
    for (const polygon of province.polygons) {
      for (const [lon, lat] of polygon[0] ?? []) {
        minLon = Math.min(minLon, lon!);
        maxLon = Math.max(maxLon, lon!);
        minLat = Math.min(minLat, lat!);
        maxLat = Math.max(maxLat, lat!);
      }
    }
  }
  const aspect = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const padding = 10;
  const legendHeight = 70;
  const scale = (width - 2 * padding) / ((maxLon - minLon) * aspect);
  const mapHeight = (maxLat - minLat) * scale + 2 * padding;
  const height = Math.ceil(mapHeight + legendHeight + 44);
  const top = 30;
  const project = (lon: number, lat: number): [number, number] => [padding + (lon - minLon) * aspect * scale, top + padding + (maxLat - lat) * scale];

  const valueByProvince = new Map<BoundaryProvince, number>();
  const unmatched: string[] = [];
  for (const entry of input.provinces) {
    const province = findBoundaryProvince(entry.country, entry.admin1);
    if (province) valueByProvince.set(province, (valueByProvince.get(province) ?? 0) + entry.value);
    else if (entry.value > 0) unmatched.push(`${entry.admin1} (${entry.country})`);
  }
  const breaks = classBreaks([...valueByProvince.values()]);
  const shadeFor = (value: number | undefined): string => {
    if (value === undefined || value <= 0) return shades[0];
    const index = breaks.findIndex((limit) => value <= limit);
    return shades[Math.min(shades.length - 1, (index === -1 ? breaks.length - 1 : index) + 1)]!;
  };

  const parts: string[] = [];
  parts.push(`<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="map">`);
  parts.push(`<title>${escapeXml(input.title)}</title>`);
  parts.push(`<desc>${escapeXml(`Provinces of Pakistan and Afghanistan shaded by ${input.figureName}; circles sized by ${input.symbolName} per district.`)}</desc>`);
  parts.push(`<text x="${padding}" y="20" font-family="Helvetica, Arial, sans-serif" font-size="14" font-weight="bold">${escapeXml(input.title)}</text>`);
  const sortedProvinces = [...boundaries.provinces].sort((a, b) => a.country.localeCompare(b.country) || a.admin1.localeCompare(b.admin1));
  for (const province of sortedProvinces) {
    const value = valueByProvince.get(province);
    const path = province.polygons
      .map((polygon) =>
        polygon
          .map((ring) => `M${ring.map(([lon, lat]) => project(lon!, lat!).map(c).join(",")).join("L")}Z`)
          .join(""),
      )
      .join("");
    parts.push(
      `<path d="${path}" fill="${shadeFor(value)}" stroke="#ffffff" stroke-width="0.8" fill-rule="evenodd"><title>${escapeXml(`${province.admin1} (${province.country}): ${formatCount(value ?? 0)} ${input.figureName}`)}</title></path>`,
    );
  }
  if (input.line && input.line.points.length > 1) {
    const points = input.line.points.map(([lon, lat]) => project(lon, lat).map(c).join(",")).join(" ");
    parts.push(`<polyline points="${points}" fill="none" stroke="#b2182b" stroke-width="1.2" stroke-dasharray="4 2"><title>${escapeXml(input.line.name)}</title></polyline>`);
  }
  const maxSymbol = Math.max(0, ...input.districts.map((district) => district.value));
  const sortedDistricts = [...input.districts].filter((district) => district.value > 0).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  for (const district of sortedDistricts) {
    const [x, y] = project(district.longitude, district.latitude);
    const radius = 2 + 16 * Math.sqrt(district.value / maxSymbol);
    parts.push(
      `<circle cx="${c(x)}" cy="${c(y)}" r="${c(radius)}" fill="#D55E00" fill-opacity="0.55" stroke="#7f2704" stroke-width="0.6"><title>${escapeXml(`${district.label}: ${formatCount(district.value)} ${input.symbolName}`)}</title></circle>`,
    );
  }
  // Legend: shading classes, then the circle scale.
  const legendTop = Math.ceil(top + mapHeight) + 4;
  parts.push(`<text x="${padding}" y="${legendTop + 10}" font-family="Helvetica, Arial, sans-serif" font-size="11">${escapeXml(input.figureName)} by province</text>`);
  const classes = [{ label: "0 / none", fill: shades[0] as string }];
  let lower = 1;
  breaks.forEach((limit, index) => {
    classes.push({ label: lower >= limit ? formatCount(limit) : `${formatCount(lower)}–${formatCount(limit)}`, fill: shades[Math.min(shades.length - 1, index + 1)]! });
    lower = Math.floor(limit) + 1;
  });
  classes.forEach((entry, index) => {
    const x = padding + index * 90;
    parts.push(`<rect x="${x}" y="${legendTop + 16}" width="14" height="12" fill="${entry.fill}" stroke="#999" stroke-width="0.5"/>`);
    parts.push(`<text x="${x + 18}" y="${legendTop + 26}" font-family="Helvetica, Arial, sans-serif" font-size="10">${escapeXml(entry.label)}</text>`);
  });
  if (maxSymbol > 0) {
    const legendX = padding;
    parts.push(`<circle cx="${legendX + 18}" cy="${legendTop + 52}" r="18" fill="#D55E00" fill-opacity="0.55" stroke="#7f2704" stroke-width="0.6"/>`);
    parts.push(`<text x="${legendX + 42}" y="${legendTop + 56}" font-family="Helvetica, Arial, sans-serif" font-size="10">${escapeXml(`${formatCount(maxSymbol)} ${input.symbolName} (largest district); area proportional`)}</text>`);
  }
  if (unmatched.length > 0) {
    parts.push(`<text x="${padding + 360}" y="${legendTop + 56}" font-family="Helvetica, Arial, sans-serif" font-size="10">${escapeXml(`Not on the map (no boundary): ${unmatched.join(", ")}`)}</text>`);
  }
  parts.push(`</svg>`);
  return parts.join("");
}
