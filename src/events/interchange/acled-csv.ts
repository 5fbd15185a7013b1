import type { ActorRegistry } from "../../actors/index.ts";
import { acledFor, acledInterCode, acledInteraction, acledTaxonomy } from "../../codebook/event-types.ts";
import type { AcledCoding, CasualtyCounts, Event, EventType, GeoPrecision } from "../event.ts";
import { casualtyTotal, emptyCasualties } from "../event.ts";
import { addDays, daysBetween, isDateAtPrecision } from "../event-dates.ts";
import type { EventState } from "../event-repository.ts";
import { acledFromCanonical, canonicalFromAcled } from "./acled-actors.ts";
import { countryByAlpha2, countryByName } from "./countries.ts";
import { readHeader, type ConvertContext, type RowConverter, type RowOutcome } from "./imported-event.ts";

/** ACLED's 31 columns, in ACLED's order. */
export const acledColumns: readonly string[] = acledTaxonomy().columns;

const subEventParent = new Map<string, string>();
for (const eventType of acledTaxonomy().entries) for (const sub of eventType.subEventTypes) subEventParent.set(sub.name, eventType.name);

const requiredColumns = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "country", "latitude", "longitude", "geo_precision", "fatalities"];

const monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

const interNames: Record<string, number> = {
  "state forces": 1,
  "rebel group": 2,
  "rebel groups": 2,
  "political militia": 3,
  "political militias": 3,
  "identity militia": 4,
  "identity militias": 4,
  rioters: 5,
  protesters: 6,
  civilians: 7,
  "external/other forces": 8,
};

/**
 * Our type for an ACLED sub-event, or undefined when armtrace does not record it (protests, riots, most
 * strategic developments). An armed clash that ACLED lists with a non-state group first and state forces
 * second is a militant attack (ACLED's usual coding of an assault on a post or convoy); any other armed
 * clash stays an armed clash, since ACLED's actor order does not say who started the fighting.
 */
export function typeFromAcled(subEventType: string, inter1: number | null, inter2: number | null): EventType | undefined {
  const isState = (code: number | null) => code === 1 || code === 8;
  const isArmedNonState = (code: number | null) => code === 2 || code === 3 || code === 4;
  switch (subEventType) {
    case "Armed clash":
      return isArmedNonState(inter1) && isState(inter2) ? "attack" : "armed_clash";
    case "Government regains territory":
      return "security_operation";
    case "Non-state actor overtakes territory":
      return "attack";
    case "Air/drone strike":
      return isState(inter1) ? "airstrike" : "attack";
    case "Shelling/artillery/missile attack":
      return isState(inter1) && isState(inter2) ? "armed_clash" : "attack";
    case "Chemical weapon":
    case "Suicide bomb":
    case "Remote explosive/landmine/IED":
    case "Grenade":
    case "Attack":
    case "Abduction/forced disappearance":
    case "Sexual violence":
      return "attack";
    case "Disrupted weapons use":
      return "weapons_seizure";
    case "Arrests":
      return "security_operation";
    default:
      return undefined;
  }
}

const weaponsBySubEvent: Record<string, Event["weapons"]> = {
  "Suicide bomb": ["suicide_vest"],
  "Remote explosive/landmine/IED": ["ied"],
  Grenade: ["grenade"],
};

const geoByCode: Record<string, GeoPrecision> = { "1": "exact", "2": "near", "3": "region" };
const codeByGeo: Record<GeoPrecision, number> = { exact: 1, near: 2, region: 3 };

/** Reads ACLED's event_date: ISO `2025-10-11` or ACLED's own `11 October 2025`. */
export function parseAcledDate(text: string): string | undefined {
  const value = text.trim();
  if (isDateAtPrecision(value, "day")) return value;
  const match = /^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})$/.exec(value);
  if (!match) return undefined;
  const month = monthNames.findIndex((name) => name.startsWith((match[2] as string).toLowerCase().slice(0, 3)));
  if (month < 0) return undefined;
  const iso = `${match[3]}-${String(month + 1).padStart(2, "0")}-${(match[1] as string).padStart(2, "0")}`;
  return isDateAtPrecision(iso, "day") ? iso : undefined;
}

function parseInter(text: string): number | null | undefined {
  const value = text.trim();
  if (value === "") return null;
  if (/^[0-8]$/.test(value)) return Number(value);
  return interNames[value.toLowerCase()];
}

function splitActors(text: string): string[] {
  return text
    .split(";")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

/** The columns the import reads. */
const readColumns = [
  "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
  "inter1", "actor2", "assoc_actor_2", "inter2", "civilian_targeting", "region", "country", "admin1", "admin2", "admin3", "location",
  "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
] as const;

/** Where each read column is in the file's rows (-1: absent). */
type ColumnIndexes = Record<(typeof readColumns)[number], number>;

/** A field of a row ("" when the column is absent). */
function field(row: readonly string[], index: number): string {
  return index < 0 ? "" : (row[index] ?? "");
}

/** A field trimmed, or null when empty. */
function optionalField(row: readonly string[], index: number): string | null {
  const value = field(row, index).trim();
  return value === "" ? null : value;
}

/** Converts ACLED-format rows; see docs/interchange.md for what maps where and what is lost. */
export function createAcledConverter(): RowConverter & { header: Map<string, number> } {
  let header = new Map<string, number>();
  let at = Object.fromEntries(readColumns.map((column) => [column, -1])) as ColumnIndexes;
  // Per-import caches: a file repeats a few dozen actor names and a few thousand dates.
  const actorNames = new Map<string, string>();
  const dates = new Map<string, string | undefined>();
  let registry: ActorRegistry | undefined;
  const canonical = (name: string, country: string, day: string) => {
    const key = `${name}\u0000${country}\u0000${day}`;
    let found = actorNames.get(key);
    if (found === undefined) {
      found = canonicalFromAcled(name, { country, date: day }, registry);
      if (actorNames.size < 1_000_000) actorNames.set(key, found);
    }
    return found;
  };
  const date = (text: string) => {
    if (dates.has(text)) return dates.get(text);
    const parsed = parseAcledDate(text);
    if (dates.size < 100_000) dates.set(text, parsed);
    return parsed;
  };
  return {
    get header() {
      return header;
    },
    checkHeader(names) {
      const checked = readHeader(names, requiredColumns, "ACLED");
      header = checked.columns;
      at = Object.fromEntries(readColumns.map((column) => [column, header.get(column) ?? -1])) as ColumnIndexes;
      return checked.problems;
    },
    convert(row, context) {
      if (context.registry !== registry) {
        registry = context.registry;
        actorNames.clear();
      }
      return convertAcledRow(row, at, context, canonical, date);
    },
  };
}

function convertAcledRow(
  row: readonly string[],
  at: ColumnIndexes,
  context: ConvertContext,
  canonical: (name: string, country: string, date: string) => string,
  parseDate: (text: string) => string | undefined,
): RowOutcome {
  const problems: string[] = [];
  const id = field(row, at.event_id_cnty).trim();
  if (id === "") problems.push("event_id_cnty is empty");
  const eventDateText = field(row, at.event_date);
  const eventDate = parseDate(eventDateText);
  if (eventDate === undefined) problems.push(`event_date "${eventDateText}" is not a date`);
  const year = field(row, at.year).trim();
  if (year !== "" && eventDate !== undefined && year !== eventDate.slice(0, 4)) problems.push(`year ${year} does not match event_date ${eventDate}`);
  const timePrecisionText = field(row, at.time_precision).trim();
  const timePrecision = timePrecisionText === "1" ? 1 : timePrecisionText === "2" ? 2 : timePrecisionText === "3" ? 3 : undefined;
  if (timePrecision === undefined) problems.push(`time_precision "${timePrecisionText}" is not 1, 2 or 3`);
  const eventType = field(row, at.event_type).trim();
  const subEventType = field(row, at.sub_event_type).trim();
  const parent = subEventParent.get(subEventType);
  if (parent === undefined) problems.push(`sub_event_type "${subEventType}" is not one of ACLED's 25`);
  else if (parent !== eventType) problems.push(`sub_event_type "${subEventType}" belongs to "${parent}", not "${eventType}"`);
  const inter1Text = field(row, at.inter1);
  const inter2Text = field(row, at.inter2);
  const inter1 = parseInter(inter1Text);
  const inter2 = parseInter(inter2Text);
  if (inter1 === undefined) problems.push(`inter1 "${inter1Text}" is not an ACLED inter code`);
  if (inter2 === undefined) problems.push(`inter2 "${inter2Text}" is not an ACLED inter code`);
  const actor1 = field(row, at.actor1).trim();
  if (actor1 === "") problems.push("actor1 is empty");
  const countryName = field(row, at.country).trim();
  const country = countryByName(countryName);
  if (country === undefined) problems.push(`country "${countryName}" is not one armtrace covers`);
  const latitudeText = field(row, at.latitude);
  const longitudeText = field(row, at.longitude);
  const latitude = Number(latitudeText);
  const longitude = Number(longitudeText);
  if (latitudeText.trim() === "" || !Number.isFinite(latitude) || latitude < -90 || latitude > 90) problems.push(`latitude "${latitudeText}" is not a latitude`);
  if (longitudeText.trim() === "" || !Number.isFinite(longitude) || longitude < -180 || longitude > 180) problems.push(`longitude "${longitudeText}" is not a longitude`);
  const geoPrecisionText = field(row, at.geo_precision);
  const geoPrecision = geoByCode[geoPrecisionText.trim()];
  if (geoPrecision === undefined) problems.push(`geo_precision "${geoPrecisionText}" is not 1, 2 or 3`);
  const fatalitiesText = field(row, at.fatalities).trim();
  const fatalities = /^\d{1,7}$/.test(fatalitiesText) ? Number(fatalitiesText) : undefined;
  if (fatalities === undefined) problems.push(`fatalities "${fatalitiesText}" is not a whole number`);
  const timestampText = field(row, at.timestamp).trim();
  const timestamp = timestampText === "" ? null : /^\d{1,12}$/.test(timestampText) ? Number(timestampText) : undefined;
  if (timestamp === undefined) problems.push(`timestamp "${timestampText}" is not a Unix time`);
  if (problems.length > 0) return { kind: "invalid", problems };

  const type = typeFromAcled(subEventType, inter1 ?? null, inter2 ?? null);
  if (type === undefined) return { kind: "out_of_scope", reason: `${eventType} / ${subEventType}` };
  const day = eventDate as string;
  const alpha2 = (country as NonNullable<typeof country>).alpha2;
  // ACLED's time_precision 3 means "only the month (or a longer span) is known": we store the month.
  const date = timePrecision === 3 ? day.slice(0, 7) : day;
  const perpetrator = canonical(actor1, alpha2, day);
  const actor2 = field(row, at.actor2).trim();
  const other = actor2 === "" ? undefined : canonical(actor2, alpha2, day);
  const assoc1 = field(row, at.assoc_actor_1);
  const assoc2 = field(row, at.assoc_actor_2);
  const associated = assoc1 === "" && assoc2 === "" ? [] : [...new Set([...splitActors(assoc1), ...splitActors(assoc2)].map((name) => canonical(name, alpha2, day)))];
  const killed: CasualtyCounts = { ...emptyCasualties(), unknown: fatalities as number };
  const acled: AcledCoding = {
    eventIdCnty: id,
    disorderType: field(row, at.disorder_type).trim(),
    eventType,
    subEventType,
    inter1: inter1 ?? null,
    inter2: inter2 ?? null,
    civilianTargeting: field(row, at.civilian_targeting).trim() !== "",
    eventDate: day,
    timePrecision: timePrecision as 1 | 2 | 3,
    region: optionalField(row, at.region),
    admin3: optionalField(row, at.admin3),
    sourceScale: optionalField(row, at.source_scale),
    tags: optionalField(row, at.tags),
    timestamp: timestamp as number | null,
    actor1,
    actor2: optionalField(row, at.actor2),
    assocActor1: optionalField(row, at.assoc_actor_1),
    assocActor2: optionalField(row, at.assoc_actor_2),
  };
  const state: EventState = {
    type,
    date,
    datePrecision: timePrecision === 3 ? "month" : "day",
    dateEnd: null,
    country: alpha2,
    admin1: optionalField(row, at.admin1),
    admin2: optionalField(row, at.admin2),
    location: optionalField(row, at.location),
    latitude,
    longitude,
    geoPrecision: geoPrecision as GeoPrecision,
    actors: {
      perpetrators: type === "armed_clash" && other !== undefined ? [perpetrator, other] : [perpetrator],
      targets: type === "armed_clash" || other === undefined ? [] : [other],
      associated,
    },
    killed,
    injured: emptyCasualties(),
    weapons: weaponsBySubEvent[subEventType] ?? [],
    notes: optionalField(row, at.notes),
    acled,
    gtd: null,
    reviewState: "confirmed",
    fatalities: { low: fatalities as number, best: fatalities as number, high: fatalities as number, rule: "single_source" },
    injuries: { low: null, best: null, high: null, rule: "none" },
    sources: [
      {
        sourceId: null,
        citation: optionalField(row, at.source) ?? "ACLED",
        killed,
        injured: emptyCasualties(),
        evidence: [],
        reliability: null,
        mergedFromEventId: null,
        addedAt: context.at,
        addedBy: context.actor,
      },
    ],
    mergedInto: null,
  };
  return { kind: "event", event: { key: { kind: "acled", id }, state } };
}

/**
 * The ACLED rows for one event (ACLED's 31 columns as strings). An event spanning several days becomes one
 * row per day, the fatalities shared out evenly (earlier days take the remainder), as ACLED codes them.
 * Fatalities are the `low` estimate: ACLED takes the most conservative credible figure.
 */
export function eventToAcledRows(event: Event, registry?: ActorRegistry): string[][] {
  const country = event.country === null ? undefined : countryByAlpha2(event.country);
  const stored = event.acled;
  const day = acledDay(event);
  const context = { country: event.country, date: day };
  const perpetrators = event.actors.perpetrators;
  const firstActor = perpetrators[0] ?? "Unidentified Armed Group";
  const secondActor = event.type === "armed_clash" ? (perpetrators[1] ?? event.actors.targets[0]) : event.actors.targets[0];
  const sameAs = (raw: string | null, canonical: string | undefined) =>
    raw !== null && canonical !== undefined && canonicalFromAcled(raw, context, registry) === canonicalFromAcled(canonical, context, registry);
  const actor1 = stored && sameAs(stored.actor1, firstActor) ? (stored.actor1 as string) : acledFromCanonical(firstActor, context);
  const actor2 = secondActor === undefined ? "" : stored && sameAs(stored.actor2, secondActor) ? (stored.actor2 as string) : acledFromCanonical(secondActor, context);
  const storedAssociated = stored ? [...splitActors(stored.assocActor1 ?? ""), ...splitActors(stored.assocActor2 ?? "")] : [];
  const associatedUnchanged =
    stored !== null &&
    storedAssociated.length === event.actors.associated.length &&
    storedAssociated.every((name) => event.actors.associated.includes(canonicalFromAcled(name, context, registry)) || event.actors.associated.includes(name));
  const assoc1 = associatedUnchanged ? (stored.assocActor1 ?? "") : event.actors.associated.map((name) => acledFromCanonical(name, context)).join("; ");
  const assoc2 = associatedUnchanged ? (stored.assocActor2 ?? "") : "";

  const civiliansTargeted = event.actors.targets.includes("Civilians") || ((event.killed.civilians ?? 0) > 0 && (event.killed.security_forces ?? 0) === 0);
  const storedFits = stored !== null && typeFromAcled(stored.subEventType, stored.inter1, stored.inter2) === event.type;
  const coding = storedFits
    ? { disorderType: stored.disorderType, eventType: stored.eventType, subEventType: stored.subEventType, civilianTargeting: stored.civilianTargeting }
    : acledFor(event.type, { weapons: event.weapons, targetsCivilians: civiliansTargeted });
  const inter1 = storedFits && actor1 === stored.actor1 && stored.inter1 !== null ? stored.inter1 : interOf(firstActor, day, registry);
  const inter2 = actor2 === "" ? 0 : storedFits && actor2 === stored.actor2 && stored.inter2 !== null ? stored.inter2 : interOf(secondActor as string, day, registry);
  const fatalities = event.fatalities.low ?? event.fatalities.best ?? casualtyTotal(event.killed) ?? 0;
  const timePrecision = event.datePrecision === "day" ? (stored?.eventDate === day ? (stored.timePrecision ?? 1) : 1) : 3;
  const days = event.datePrecision === "day" && event.dateEnd !== null && event.date !== null ? daysBetween(event.date, event.dateEnd) + 1 : 1;
  const sources = event.sources.map((link) => link.citation ?? `armtrace source ${link.sourceId}`);
  const baseId = stored?.eventIdCnty ?? `${country?.alpha2 ?? "XX"}-armtrace-${event.id}`;
  const rows: string[][] = [];
  for (let index = 0; index < days; index += 1) {
    const date = index === 0 ? day : addDays(day, index);
    const share = Math.floor(fatalities / days) + (index < fatalities % days ? 1 : 0);
    const values: Record<string, string> = {
      event_id_cnty: days > 1 ? `${baseId}-${index + 1}` : baseId,
      event_date: date,
      year: date.slice(0, 4),
      time_precision: String(timePrecision),
      disorder_type: coding.disorderType,
      event_type: coding.eventType,
      sub_event_type: coding.subEventType,
      actor1,
      assoc_actor_1: assoc1,
      inter1: String(inter1),
      actor2,
      assoc_actor_2: assoc2,
      inter2: String(inter2),
      interaction: String(acledInteraction(inter1, inter2)),
      civilian_targeting: coding.civilianTargeting ? "Civilian targeting" : "",
      iso: country ? String(country.numeric) : "",
      region: stored?.region ?? country?.acledRegion ?? "",
      country: country?.name ?? event.country ?? "",
      admin1: event.admin1 ?? "",
      admin2: event.admin2 ?? "",
      admin3: stored?.admin3 ?? "",
      location: event.location ?? event.admin2 ?? event.admin1 ?? "",
      latitude: event.latitude === null ? "" : String(event.latitude),
      longitude: event.longitude === null ? "" : String(event.longitude),
      geo_precision: event.geoPrecision === null ? "3" : String(codeByGeo[event.geoPrecision]),
      source: [...new Set(sources)].join("; "),
      source_scale: stored?.sourceScale ?? "",
      notes: event.notes ?? "",
      fatalities: String(share),
      tags: stored?.tags ?? "",
      timestamp: String(stored?.timestamp ?? Math.floor(Date.parse(event.updatedAt) / 1000)),
    };
    rows.push(acledColumns.map((column) => values[column] ?? ""));
  }
  return rows;
}

/** The day ACLED's event_date names: the day itself, or a day inside the month/year (the stored one, else the middle). */
function acledDay(event: Event): string {
  const date = event.date ?? "1970-01-01";
  const stored = event.acled?.eventDate;
  if (event.datePrecision === "day") return date;
  if (stored && stored.startsWith(date)) return stored;
  return event.datePrecision === "month" ? `${date}-15` : `${date}-07-01`;
}

function interOf(name: string, date: string, registry: ActorRegistry | undefined): number {
  if (name === "Civilians") return 7;
  const entry = registry?.get(name);
  if (entry !== undefined) return acledInterCode(entry, { date });
  if (name === "Pakistan security forces" || name === "Afghan National Defense and Security Forces") return 1;
  if (name === "Afghan Taliban") return acledInterCode("de_facto_authority", { date });
  return 2;
}
