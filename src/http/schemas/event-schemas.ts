import { casualtyCategories, datePrecisions, eventTypes, geoPrecisions, reviewStates } from "../../events/index.ts";

/** JSON Schemas of what the events routes return, written from the types in src/events/event.ts. */

const nullable = (type: string) => ({ type: [type, "null"] }) as const;

/**
 * An object schema that also admits null, written as a type list rather than anyOf: the response
 * serializer resolves anyOf by validating every value at run time, which made list responses ten times slower.
 */
export function orNull<T extends { type: "object"; properties: object }>(schema: T) {
  return { ...schema, type: ["object", "null"] } as const;
}
const weaponCategories = [
  "small_arms", "light_weapons", "ied", "suicide_vest", "vbied", "rocket", "mortar", "grenade", "drone", "night_vision", "ammunition", "explosives",
] as const;

export const casualtyCountsSchema = {
  type: "object",
  description: "A toll by category; null where no source says, 0 only where a source says none",
  properties: Object.fromEntries(casualtyCategories.map((category) => [category, { type: ["integer", "null"], minimum: 0, maximum: 100000 }])),
} as const;

const estimateSchema = {
  type: "object",
  properties: {
    low: nullable("integer"),
    best: nullable("integer"),
    high: nullable("integer"),
    rule: { type: "string", enum: ["single_source", "most_reliable_source", "median_of_sources", "reviewer", "none"] },
  },
} as const;

export const reliabilityGradeSchema = {
  type: "object",
  description: "Admiralty grade: source reliability A–F, information credibility 1–6",
  properties: {
    source: { type: "string", enum: ["A", "B", "C", "D", "E", "F"] },
    information: { type: "integer", minimum: 1, maximum: 6 },
  },
  required: ["source", "information"],
} as const;

export const actorsSchema = {
  type: "object",
  properties: {
    perpetrators: { type: "array", items: { type: "string" } },
    targets: { type: "array", items: { type: "string" } },
    associated: { type: "array", items: { type: "string" } },
  },
} as const;

const evidenceSpanSchema = {
  type: "object",
  properties: { start: { type: "integer", minimum: 0 }, end: { type: "integer", minimum: 0 } },
  required: ["start", "end"],
} as const;

const sourceLinkSchema = {
  type: "object",
  properties: {
    sourceId: nullable("integer"),
    citation: nullable("string"),
    killed: casualtyCountsSchema,
    injured: casualtyCountsSchema,
    evidence: { type: "array", items: evidenceSpanSchema },
    reliability: orNull(reliabilityGradeSchema),
    mergedFromEventId: nullable("integer"),
    addedAt: { type: "string" },
    addedBy: { type: "string" },
  },
} as const;

const acledCodingSchema = {
  type: "object",
  properties: {
    eventIdCnty: nullable("string"),
    disorderType: { type: "string" },
    eventType: { type: "string" },
    subEventType: { type: "string" },
    inter1: nullable("integer"),
    inter2: nullable("integer"),
    civilianTargeting: { type: "boolean" },
    timePrecision: nullable("integer"),
    region: nullable("string"),
    admin3: nullable("string"),
    sourceScale: nullable("string"),
    tags: nullable("string"),
    timestamp: nullable("integer"),
    actor1: nullable("string"),
    actor2: nullable("string"),
    assocActor1: nullable("string"),
    assocActor2: nullable("string"),
  },
} as const;

const gtdCodingSchema = {
  type: "object",
  properties: { eventId: nullable("string"), attackType: nullable("string"), weaponType: nullable("string"), targetType: nullable("string") },
} as const;

export const eventSchema = {
  type: "object",
  properties: {
    id: { type: "integer" },
    reviewState: { type: "string", enum: [...reviewStates] },
    version: { type: "integer" },
    type: { type: "string", enum: [...eventTypes] },
    date: { ...nullable("string"), description: "ISO 8601 at datePrecision" },
    datePrecision: { type: "string", enum: [...datePrecisions] },
    dateEnd: nullable("string"),
    country: { ...nullable("string"), description: "ISO 3166-1 alpha-2" },
    admin1: nullable("string"),
    admin2: nullable("string"),
    location: nullable("string"),
    latitude: nullable("number"),
    longitude: nullable("number"),
    geoPrecision: { type: ["string", "null"], enum: [...geoPrecisions, null] },
    actors: actorsSchema,
    killed: casualtyCountsSchema,
    injured: casualtyCountsSchema,
    fatalities: estimateSchema,
    injuries: estimateSchema,
    weapons: { type: "array", items: { type: "string", enum: [...weaponCategories] } },
    notes: nullable("string"),
    sources: { type: "array", items: sourceLinkSchema },
    acled: orNull(acledCodingSchema),
    gtd: orNull(gtdCodingSchema),
    mergedInto: nullable("integer"),
    createdAt: { type: "string" },
    createdBy: { type: "string" },
    updatedAt: { type: "string" },
    updatedBy: { type: "string" },
  },
  required: ["id", "reviewState", "version", "type"],
} as const;

export const eventPageSchema = {
  type: "object",
  properties: {
    events: { type: "array", items: eventSchema },
    total: {
      type: "integer",
      description: "Events matching the filters in all: exact unless totalIsLowerBound, when at least this many match (count=exact counts them all)",
    },
    totalIsLowerBound: {
      type: "boolean",
      description: "True when the default capped count stopped at 1,000 (or at the end of the page): more events than total match",
    },
    limit: { type: "integer" },
    offset: { type: "integer" },
  },
  required: ["events", "total", "totalIsLowerBound", "limit", "offset"],
} as const;

export const eventVersionSchema = {
  type: "object",
  properties: {
    eventId: { type: "integer" },
    version: { type: "integer" },
    change: { type: "string", enum: ["create", "update", "review", "merge", "unmerge", "import", "delete"] },
    changedBy: { type: "string" },
    changedAt: { type: "string" },
    reason: nullable("string"),
    snapshot: eventSchema,
  },
  required: ["eventId", "version", "change", "changedBy", "changedAt"],
} as const;

export const eventMergeSchema = {
  type: "object",
  properties: {
    id: { type: "integer" },
    survivorId: { type: "integer" },
    absorbedId: { type: "integer" },
    mergedBy: { type: "string" },
    mergedAt: { type: "string" },
    reason: nullable("string"),
    undoneBy: nullable("string"),
    undoneAt: nullable("string"),
  },
  required: ["id", "survivorId", "absorbedId"],
} as const;

export const eventHistorySchema = {
  type: "object",
  properties: { versions: { type: "array", items: eventVersionSchema }, merges: { type: "array", items: eventMergeSchema } },
  required: ["versions", "merges"],
} as const;

export const duplicateProposalSchema = {
  type: "object",
  properties: {
    firstId: { type: "integer" },
    secondId: { type: "integer" },
    score: { type: "number", description: "0–1; higher is more likely the same incident" },
    reasons: { type: "array", items: { type: "string" } },
  },
  required: ["firstId", "secondId", "score", "reasons"],
} as const;
