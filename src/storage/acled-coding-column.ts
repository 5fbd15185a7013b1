import { acledTaxonomy } from "../codebook/event-types.ts";
import type { AcledCoding } from "../events/event.ts";
import { countries } from "../events/interchange/countries.ts";

/**
 * The events.acled_json column holds an event's ACLED coding without what the row already says (migration 028):
 * a key left out is restored from the row or the codebook, a key present is taken as written. Left out are the
 * id (the acled_event_id column), the event type and disorder type when they are the sub-event type's own, the
 * event date when it is the row's date, the region when it is the country's ACLED region, civilian targeting
 * when false and every other key whose value is null. An event read back is the event written, key for key.
 * The full JSON written before migration 028 reads the same way (every key present).
 */

/** The row columns a stored ACLED coding is completed from. */
export interface AcledCodingRow {
  acled_event_id: string | null;
  date: string | null;
  country: string | null;
}

/** Every key of AcledCoding, in the order the type declares them (and so the order of an exported event's JSON). */
export const acledCodingKeys = [
  "eventIdCnty",
  "disorderType",
  "eventType",
  "subEventType",
  "inter1",
  "inter2",
  "civilianTargeting",
  "eventDate",
  "timePrecision",
  "region",
  "admin3",
  "sourceScale",
  "tags",
  "timestamp",
  "actor1",
  "actor2",
  "assocActor1",
  "assocActor2",
] as const satisfies ReadonlyArray<keyof AcledCoding>;

/** Each ACLED sub-event type's own event type and disorder type, from the shipped taxonomy. */
export const acledSubEventParents: ReadonlyMap<string, { eventType: string; disorderType: string }> = new Map(
  acledTaxonomy().entries.flatMap((eventType) => eventType.subEventTypes.map((sub) => [sub.name, { eventType: eventType.name, disorderType: sub.disorderType }] as const)),
);

/** Each country code's ACLED region. */
export const acledRegionOfCountry: ReadonlyMap<string, string> = new Map(countries.map((country) => [country.alpha2, country.acledRegion]));

/** The value a left-out key stands for, given the row and the coding's sub-event type. */
function restored(key: (typeof acledCodingKeys)[number], row: AcledCodingRow, subEventType: unknown): unknown {
  switch (key) {
    case "eventIdCnty":
      return row.acled_event_id;
    case "eventType":
      return acledSubEventParents.get(String(subEventType))?.eventType ?? null;
    case "disorderType":
      return acledSubEventParents.get(String(subEventType))?.disorderType ?? null;
    case "eventDate":
      return row.date;
    case "region":
      return (row.country === null ? undefined : acledRegionOfCountry.get(row.country)) ?? null;
    case "civilianTargeting":
      return false;
    default:
      return null;
  }
}

/** The column value for an event's ACLED coding (null when it has none); `row` holds the row's other columns. */
export function toAcledCodingColumn(acled: AcledCoding | null, row: AcledCodingRow): string | null {
  if (acled === null) return null;
  let text = "";
  for (const key of acledCodingKeys) {
    const value = acled[key] ?? null;
    if (value === restored(key, row, acled.subEventType)) continue;
    text += `${text === "" ? "{" : ","}"${key}":${JSON.stringify(value)}`;
  }
  return text === "" ? "{}" : `${text}}`;
}

/** The ACLED coding a column value stands for, every key in place; null when the event has none. */
export function fromAcledCodingColumn(text: string | null, row: AcledCodingRow): AcledCoding | null {
  if (text === null) return null;
  const stored = JSON.parse(text) as Record<string, unknown>;
  const coding: Record<string, unknown> = {};
  for (const key of acledCodingKeys) coding[key] = key in stored ? stored[key] : restored(key, row, stored.subEventType);
  return coding as unknown as AcledCoding;
}
