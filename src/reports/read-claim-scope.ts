import type { CasualtyCategory } from "../events/event.ts";
import { canonicalProvince } from "./parse-report-options.ts";
import { boundaries } from "./svg/render-map.ts";

/**
 * How a claim's period and free-text scope map onto a database query: the days it covers, the country and
 * provinces it names, the casualty categories it counts and, for `attacks`, the incident type. Deliberately
 * literal: what cannot be read is reported in `unread` so the reconciliation says so instead of guessing.
 */

export interface ClaimQuery {
  from: string;
  to: string;
  country: "PK" | "AF" | null;
  admin1: string[];
  /** Empty = all categories. */
  categories: CasualtyCategory[];
  /** For `attacks`: which incident types count; empty = all. */
  types: string[];
  /** Human-readable reading of the scope. */
  description: string;
}

/** The first and last day a claim period (`2023`, `2022/2025`, `2023-05`, `2023-05-01/2023-06-30`) covers. */
export function claimPeriodDays(period: string | null): { from: string; to: string } | null {
  if (period === null) return null;
  const [start, end = start] = period.split("/").map((part) => part.trim());
  if (start === undefined || end === undefined) return null;
  const first = (value: string): string | null => {
    if (/^\d{4}$/.test(value)) return `${value}-01-01`;
    if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01`;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    return null;
  };
  const last = (value: string): string | null => {
    if (/^\d{4}$/.test(value)) return `${value}-12-31`;
    if (/^\d{4}-\d{2}$/.test(value)) {
      const [year, month] = value.split("-").map(Number) as [number, number];
      return `${value}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, "0")}`;
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    return null;
  };
  const from = first(start);
  const to = last(end);
  return from !== null && to !== null && from <= to ? { from, to } : null;
}

const categoryWords: Array<[RegExp, CasualtyCategory]> = [
  [/\b(soldiers?|troops|security (forces|personnel)|police(men)?|personnel|officers|fc|levies|rangers|army)\b/i, "security_forces"],
  [/\b(civilians?|non-combatants?|passengers|worshippers|students|children|women)\b/i, "civilians"],
  [/\b(militants?|terrorists?|khwarij|khawarij|insurgents?|attackers|fighters)\b/i, "militants"],
];

/** Reads a claim's period and scope; null when the period cannot be read. */
export function readClaimScope(metric: string, period: string | null, scope: string | null): ClaimQuery | null {
  const days = claimPeriodDays(period);
  if (days === null) return null;
  const text = scope ?? "";
  let country: "PK" | "AF" | null = null;
  if (/\bpakistan(i|is)?\b/i.test(text)) country = "PK";
  if (/\bafghan(istan|s)?\b/i.test(text) && !/afghan[- ]based|from afghan/i.test(text)) country = country === "PK" ? null : "AF";
  const admin1: string[] = [];
  const names = [...boundaries.provinces.flatMap((province) => [province.admin1, ...province.aliases]), "KP", "KPK", "Daykundi", "Panjshir"];
  for (const name of names) {
    const pattern = new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, name.length <= 4 ? "" : "i");
    if (!pattern.test(text)) continue;
    const province = canonicalProvince(name, null);
    if (province && !admin1.includes(province.admin1)) {
      admin1.push(province.admin1);
      country ??= province.country;
    }
  }
  const categories = categoryWords.filter(([pattern]) => pattern.test(text)).map(([, category]) => category);
  // "Pakistanis killed" without a category word means everyone killed in Pakistan.
  let types: string[] = [];
  if (metric === "attacks") {
    if (/\boperations?\b/i.test(text)) types = ["security_operation"];
    else if (/\b(attacks?|incidents?)\b/i.test(text) || text === "") types = ["attack"];
  }
  const description = [
    `${days.from} to ${days.to}`,
    country ?? "PK and AF",
    admin1.length > 0 ? admin1.join(", ") : null,
    metric === "attacks" ? (types.length > 0 ? `incident types: ${types.join(", ")}` : "all incident types") : categories.length > 0 ? `categories: ${categories.join(", ")}` : "all categories",
  ]
    .filter((part): part is string => part !== null)
    .join("; ");
  return { ...days, country, admin1: admin1.sort(), categories, types, description };
}
