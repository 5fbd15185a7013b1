import { z } from "zod";
import { defaultActorRegistry, type ActorRegistry } from "../actors/index.ts";
import { defaultGazetteer } from "../codebook/gazetteer.ts";
import { ArmtraceError } from "../errors.ts";
import type { ReportOptions } from "./report.ts";
import { boundaries, provinceKey } from "./svg/render-map.ts";

/**
 * The report's input schema, shared by the CLI and the API: raw strings in, validated ReportOptions out.
 * Every problem is reported at once as INVALID_INPUT; names are mapped to their canonical spelling.
 */

/** What a caller may pass (CLI flags or query parameters), before validation. */
export const rawReportOptionsSchema = z.object({
  from: z.string({ error: "--from is required (YYYY-MM-DD)" }),
  to: z.string({ error: "--to is required (YYYY-MM-DD)" }),
  country: z.string().optional(),
  admin1: z.union([z.string(), z.array(z.string())]).optional(),
  actor: z.union([z.string(), z.array(z.string())]).optional(),
  includeCandidates: z.boolean().optional(),
  borderKm: z.union([z.string(), z.number()]).optional(),
  deadliest: z.union([z.string(), z.number()]).optional(),
  evidenceLimit: z.union([z.string(), z.number()]).optional(),
  mapFigure: z.string().optional(),
});
export type RawReportOptions = z.input<typeof rawReportOptionsSchema>;

/** Provinces created after the shipped boundaries (no polygon, but valid names). */
const provincesWithoutPolygon: Array<{ country: "PK" | "AF"; admin1: string }> = [
  { country: "AF", admin1: "Daykundi" },
  { country: "AF", admin1: "Panjshir" },
];

/** True when `value` is a real calendar day written YYYY-MM-DD between 1900 and 2100. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The canonical (country, province) a name or alias means, optionally within one country. */
export function canonicalProvince(name: string, country: string | null): { country: "PK" | "AF"; admin1: string } | undefined {
  const key = provinceKey(name);
  const candidates = [
    ...boundaries.provinces.map((province) => ({ country: province.country as "PK" | "AF", admin1: province.admin1, names: [province.admin1, ...province.aliases] })),
    ...provincesWithoutPolygon.map((province) => ({ ...province, names: [province.admin1] })),
  ];
  const found = candidates.find((candidate) => (country === null || candidate.country === country) && candidate.names.some((alias) => provinceKey(alias) === key));
  if (found) return { country: found.country, admin1: found.admin1 };
  // Other spellings the gazetteer knows ("Pakhtunkhwa", "Khyber-Pukhtunkhwa", …).
  const place = defaultGazetteer()
    .lookup(name)
    .find((entry) => entry.level === "admin1" && (country === null || entry.country === country));
  return place ? { country: place.country, admin1: place.name } : undefined;
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(",")).map((item) => item.trim()).filter((item) => item.length > 0);
}

function asInteger(value: string | number | undefined, name: string, min: number, max: number, fallback: number, problems: string[]): number {
  if (value === undefined) return fallback;
  const number = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
    return fallback;
  }
  return number;
}

/**
 * Validates raw options. Provinces and actors unknown to the codebook are kept as written and marked so that
 * buildReport can check them against the names in the database; `unresolved` lists them.
 */
export function parseReportOptions(raw: RawReportOptions, registry: ActorRegistry = defaultActorRegistry()): ReportOptions {
  const parsed = rawReportOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new ArmtraceError("INVALID_INPUT", parsed.error.issues.map((issue) => issue.message).join("; "));
  const input = parsed.data;
  const problems: string[] = [];
  for (const [name, value] of [
    ["--from", input.from],
    ["--to", input.to],
  ] as const) {
    if (!isCalendarDate(value)) problems.push(`${name} ${JSON.stringify(value)} is not a real calendar date written YYYY-MM-DD (1900–2100)`);
  }
  if (problems.length === 0 && input.from > input.to) problems.push(`the period is inverted: --from ${input.from} is after --to ${input.to}`);

  let country: "PK" | "AF" | null = null;
  if (input.country !== undefined) {
    const code = input.country.trim().toUpperCase();
    const byName: Record<string, "PK" | "AF"> = { PK: "PK", PAKISTAN: "PK", AF: "AF", AFGHANISTAN: "AF" };
    const resolved = byName[code];
    if (resolved === undefined) problems.push(`unknown country ${JSON.stringify(input.country)}: armtrace reports on PK (Pakistan) and AF (Afghanistan)`);
    else country = resolved;
  }

  const admin1: string[] = [];
  const unresolvedAdmin1: string[] = [];
  for (const name of asList(input.admin1)) {
    const province = canonicalProvince(name, country);
    if (province) {
      if (!admin1.includes(province.admin1)) admin1.push(province.admin1);
    } else if (country !== null && canonicalProvince(name, null)) {
      problems.push(`province ${JSON.stringify(name)} is not in ${country}`);
    } else {
      unresolvedAdmin1.push(name);
      if (!admin1.includes(name)) admin1.push(name);
    }
  }

  const actors: string[] = [];
  const unresolvedActors: string[] = [];
  for (const name of asList(input.actor)) {
    const entry = registry.resolve(name, { country });
    if (entry) {
      if (!actors.includes(entry.name)) actors.push(entry.name);
    } else {
      unresolvedActors.push(name);
      if (!actors.includes(name)) actors.push(name);
    }
  }

  const borderKm = asInteger(input.borderKm, "--border-km", 1, 300, 50, problems);
  const deadliestLimit = asInteger(input.deadliest, "--deadliest", 0, 100, 10, problems);
  const evidenceLimit = asInteger(input.evidenceLimit, "--evidence-limit", 0, 1_000_000, 5000, problems);
  const mapFigure = input.mapFigure ?? "killed";
  if (mapFigure !== "killed" && mapFigure !== "incidents" && mapFigure !== "injured") {
    problems.push(`--map-figure must be killed, incidents or injured (got ${JSON.stringify(mapFigure)})`);
  }
  if (problems.length > 0) throw new ArmtraceError("INVALID_INPUT", problems.join("; "));
  return {
    from: input.from,
    to: input.to,
    country,
    admin1: admin1.sort(),
    actors: actors.sort(),
    includeCandidates: input.includeCandidates ?? false,
    borderKm,
    deadliestLimit,
    evidenceLimit,
    mapFigure: mapFigure as ReportOptions["mapFigure"],
    unresolved: { admin1: unresolvedAdmin1, actors: unresolvedActors },
  };
}
