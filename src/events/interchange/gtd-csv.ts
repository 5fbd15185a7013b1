import { ADMIN1_NAMES } from "../../codebook/gazetteer.ts";
import type { CasualtyCounts, Event, GeoPrecision } from "../event.ts";
import { emptyCasualties } from "../event.ts";
import { isDateAtPrecision } from "../event-dates.ts";
import type { EventState } from "../event-repository.ts";
import { countryByName } from "./countries.ts";
import { readHeader, type ConvertContext, type RowConverter, type RowOutcome } from "./imported-event.ts";

const requiredColumns = ["iyear", "imonth", "iday", "provstate", "city", "latitude", "longitude", "attacktype1_txt", "gname", "weaptype1_txt", "nkill", "nkillter", "nwound"];

const weaponsByGtd: Record<string, Event["weapons"]> = {
  Explosives: ["explosives"],
  "Explosives/Bombs/Dynamite": ["explosives"],
  Firearms: ["small_arms"],
};

/**
 * Converts GTD-format rows (START's Global Terrorism Database). Every GTD incident is terrorism, so each
 * becomes an `attack`; `nkillter` (perpetrators killed) are militants and the rest of `nkill` unknown, the
 * same for `nwoundte`/`nwound`. A day or month of 0 means unknown and lowers the date precision.
 */
export function createGtdConverter(): RowConverter {
  let header = new Map<string, number>();
  return {
    checkHeader(names) {
      const read = readHeader(names, requiredColumns, "GTD");
      header = read.columns;
      return read.problems;
    },
    convert(row, context) {
      return convertGtdRow((column) => {
        const index = header.get(column);
        return index === undefined ? "" : (row[index] ?? "").trim();
      }, context);
    },
  };
}

function count(text: string, column: string, problems: string[]): number | null {
  if (text === "" || text === "-99" || text === "-9") return null;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    problems.push(`${column} "${text}" is not a whole number`);
    return null;
  }
  return value;
}

function convertGtdRow(get: (column: string) => string, context: ConvertContext): RowOutcome {
  const problems: string[] = [];
  const year = get("iyear");
  const month = get("imonth");
  const day = get("iday");
  if (!/^\d{4}$/.test(year)) problems.push(`iyear "${year}" is not a year`);
  if (!/^\d{1,2}$/.test(month) || Number(month) > 12) problems.push(`imonth "${month}" is not 0–12`);
  if (!/^\d{1,2}$/.test(day) || Number(day) > 31) problems.push(`iday "${day}" is not 0–31`);
  let date: string | null = null;
  let precision: Event["datePrecision"] = "day";
  if (problems.length === 0) {
    if (Number(month) === 0) {
      date = year;
      precision = "year";
    } else if (Number(day) === 0) {
      date = `${year}-${month.padStart(2, "0")}`;
      precision = "month";
    } else {
      date = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
    }
    if (!isDateAtPrecision(date, precision)) problems.push(`${year}-${month}-${day} is not a calendar date`);
  }
  const latitudeText = get("latitude");
  const longitudeText = get("longitude");
  const latitude = latitudeText === "" ? null : Number(latitudeText);
  const longitude = longitudeText === "" ? null : Number(longitudeText);
  if (latitude !== null && (!Number.isFinite(latitude) || Math.abs(latitude) > 90)) problems.push(`latitude "${latitudeText}" is not a latitude`);
  if (longitude !== null && (!Number.isFinite(longitude) || Math.abs(longitude) > 180)) problems.push(`longitude "${longitudeText}" is not a longitude`);
  if ((latitude === null) !== (longitude === null)) problems.push("latitude and longitude must both be given or both be empty");
  const nkill = count(get("nkill"), "nkill", problems);
  const nkillter = count(get("nkillter"), "nkillter", problems);
  const nwound = count(get("nwound"), "nwound", problems);
  const nwoundte = count(get("nwoundte"), "nwoundte", problems);
  if (nkill !== null && nkillter !== null && nkillter > nkill) problems.push(`nkillter ${nkillter} is more than nkill ${nkill}`);
  if (nwound !== null && nwoundte !== null && nwoundte > nwound) problems.push(`nwoundte ${nwoundte} is more than nwound ${nwound}`);
  const attackType = get("attacktype1_txt");
  if (attackType === "") problems.push("attacktype1_txt is empty");
  const countryText = get("country_txt");
  const province = get("provstate");
  const country = countryText !== "" ? countryByName(countryText)?.alpha2 : countryFromProvince(province);
  if (countryText !== "" && country === undefined) problems.push(`country_txt "${countryText}" is not one armtrace covers`);
  if (problems.length > 0) return { kind: "invalid", problems };

  const killed = split(nkill, nkillter);
  const injured = split(nwound, nwoundte);
  const group = get("gname");
  const perpetrators = group === "" || /^unknown$/i.test(group) ? [] : [context.registry?.resolve(stripAbbreviation(group), { country: country ?? null, date })?.name ?? context.registry?.resolve(group)?.name ?? group];
  const weaponType = get("weaptype1_txt");
  const weapons = new Set(weaponsByGtd[weaponType] ?? []);
  if (get("suicide") === "1") weapons.add("suicide_vest");
  const eventId = get("eventid");
  const specificity = get("specificity");
  const geoPrecision: GeoPrecision | null = latitude === null ? null : specificity === "" || specificity === "1" ? "exact" : specificity === "2" ? "near" : "region";
  const text = (value: string) => (value === "" ? null : value);
  const state: EventState = {
    type: "attack",
    date,
    datePrecision: precision,
    dateEnd: null,
    country: country ?? null,
    admin1: text(province),
    admin2: null,
    location: text(get("city")),
    latitude,
    longitude,
    geoPrecision,
    actors: { perpetrators, targets: [], associated: [] },
    killed,
    injured,
    weapons: [...weapons],
    notes: text(get("summary")),
    acled: null,
    gtd: { eventId: text(eventId), attackType, weaponType: text(weaponType), targetType: text(get("targtype1_txt")) },
    reviewState: "confirmed",
    fatalities: single(nkill),
    injuries: single(nwound),
    sources: [
      {
        sourceId: null,
        citation: text(get("scite1")) ?? "Global Terrorism Database",
        killed,
        injured,
        evidence: [],
        reliability: null,
        mergedFromEventId: null,
        addedAt: context.at,
        addedBy: context.actor,
      },
    ],
    mergedInto: null,
  };
  return { kind: "event", event: { key: eventId === "" ? { kind: "none" } : { kind: "gtd", id: eventId }, state } };
}

function split(total: number | null, perpetrators: number | null): CasualtyCounts {
  const counts = emptyCasualties();
  if (perpetrators !== null) counts.militants = perpetrators;
  if (total !== null) counts.unknown = total - (perpetrators ?? 0);
  return counts;
}

function single(total: number | null): Event["fatalities"] {
  return total === null ? { low: null, best: null, high: null, rule: "none" } : { low: total, best: total, high: total, rule: "single_source" };
}

/** "Tehrik-i-Taliban Pakistan (TTP)" → "Tehrik-i-Taliban Pakistan". */
function stripAbbreviation(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/, "");
}

function countryFromProvince(province: string): string | undefined {
  const key = province.toLowerCase();
  for (const [country, names] of Object.entries(ADMIN1_NAMES)) if (names.some((name) => name.toLowerCase() === key)) return country;
  if (/federally administered tribal areas|fata|north-west frontier/i.test(province)) return "PK";
  return undefined;
}
