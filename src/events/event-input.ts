import { z } from "zod";
import { weaponCategories } from "../codebook/weapon-taxonomy.ts";
import { ArmtraceError } from "../errors.ts";
import { casualtyCategories, datePrecisions, eventTypes, geoPrecisions, reviewStates } from "./event.ts";
import { daysBetween, firstDay, isDateAtPrecision, lastDay, maxEventSpanDays } from "./event-dates.ts";

/**
 * Schemas of the inputs events accept, shared by the CLI, the HTTP API and importers, so every boundary
 * validates the same way. Unknown fields are refused.
 */

const count = z.number().int().min(0).max(1_000_000).nullable();

export const casualtyCountsSchema = z
  .object(Object.fromEntries(casualtyCategories.map((category) => [category, count.default(null)])) as Record<
    (typeof casualtyCategories)[number],
    z.ZodDefault<typeof count>
  >)
  .strict();

const actorName = z.string().trim().min(1).max(300);

export const eventActorsSchema = z
  .object({
    perpetrators: z.array(actorName).max(50).default([]),
    targets: z.array(actorName).max(50).default([]),
    associated: z.array(actorName).max(50).default([]),
  })
  .strict();

export const evidenceSpanSchema = z
  .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
  .strict()
  .refine((span) => span.end >= span.start, { message: "evidence end must not be before start" });

export const sourceLinkInputSchema = z
  .object({
    sourceId: z.number().int().positive().nullable().default(null),
    citation: z.string().trim().min(1).max(2000).nullable().default(null),
    killed: casualtyCountsSchema.default(emptyCounts),
    injured: casualtyCountsSchema.default(emptyCounts),
    evidence: z.array(evidenceSpanSchema).max(100).default([]),
  })
  .strict()
  .refine((link) => link.sourceId !== null || link.citation !== null, { message: "a source link needs sourceId or citation" });

function emptyCounts() {
  return { security_forces: null, civilians: null, militants: null, unknown: null };
}

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().default(null);

export const acledCodingSchema = z
  .object({
    eventIdCnty: z.string().max(100).nullable(),
    disorderType: z.string().max(200),
    eventType: z.string().max(200),
    subEventType: z.string().max(200),
    inter1: z.number().int().min(0).max(8).nullable(),
    inter2: z.number().int().min(0).max(8).nullable(),
    civilianTargeting: z.boolean(),
    eventDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    timePrecision: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
    region: z.string().max(200).nullable(),
    admin3: z.string().max(200).nullable(),
    sourceScale: z.string().max(500).nullable(),
    tags: z.string().max(2000).nullable(),
    timestamp: z.number().int().nullable(),
    actor1: z.string().max(500).nullable(),
    actor2: z.string().max(500).nullable(),
    assocActor1: z.string().max(1000).nullable(),
    assocActor2: z.string().max(1000).nullable(),
  })
  .strict();

export const gtdCodingSchema = z
  .object({
    eventId: z.string().max(100).nullable(),
    attackType: z.string().max(200).nullable(),
    weaponType: z.string().max(200).nullable(),
    targetType: z.string().max(200).nullable(),
  })
  .strict();

/** The editable content of an event, as a client sends it to create one. */
export const eventContentSchema = z
  .object({
    type: z.enum(eventTypes),
    date: z.string().nullable().default(null),
    datePrecision: z.enum(datePrecisions).optional(),
    dateEnd: z.string().nullable().default(null),
    country: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code such as PK or AF").nullable().default(null),
    admin1: optionalText(200),
    admin2: optionalText(200),
    location: optionalText(300),
    latitude: z.number().min(-90).max(90).nullable().default(null),
    longitude: z.number().min(-180).max(180).nullable().default(null),
    geoPrecision: z.enum(geoPrecisions).nullable().default(null),
    actors: eventActorsSchema.default({ perpetrators: [], targets: [], associated: [] }),
    killed: casualtyCountsSchema.default(emptyCounts),
    injured: casualtyCountsSchema.default(emptyCounts),
    weapons: z.array(z.enum(weaponCategories)).max(20).default([]),
    notes: z.string().trim().max(20_000).nullable().default(null),
    acled: acledCodingSchema.nullable().default(null),
    gtd: gtdCodingSchema.nullable().default(null),
  })
  .strict()
  .superRefine((content, context) => {
    const precision = content.datePrecision ?? inferPrecision(content.date);
    if (content.date !== null && !isDateAtPrecision(content.date, precision)) {
      context.addIssue({ code: "custom", path: ["date"], message: `"${content.date}" is not a valid ISO date at ${precision} precision` });
    }
    if (content.dateEnd !== null) {
      if (content.date === null) context.addIssue({ code: "custom", path: ["dateEnd"], message: "dateEnd needs a date" });
      else if (!isDateAtPrecision(content.dateEnd, precision)) {
        context.addIssue({ code: "custom", path: ["dateEnd"], message: `"${content.dateEnd}" is not a valid ISO date at ${precision} precision` });
      } else if (content.dateEnd < content.date) {
        context.addIssue({ code: "custom", path: ["dateEnd"], message: "dateEnd is before date" });
      } else if (daysBetween(firstDay(content.date), lastDay(content.dateEnd)) >= maxEventSpanDays) {
        context.addIssue({ code: "custom", path: ["dateEnd"], message: `an event may last at most ${maxEventSpanDays} days; record a longer campaign as several events` });
      }
    }
    if ((content.latitude === null) !== (content.longitude === null)) {
      context.addIssue({ code: "custom", path: ["latitude"], message: "latitude and longitude go together" });
    }
  })
  .transform((content) => ({ ...content, datePrecision: content.datePrecision ?? inferPrecision(content.date) }));

/** Fields an update may change; omitted ones stay as they are. */
export const eventChangesSchema = z
  .object({
    type: z.enum(eventTypes).optional(),
    date: z.string().nullable().optional(),
    datePrecision: z.enum(datePrecisions).optional(),
    dateEnd: z.string().nullable().optional(),
    country: z.string().regex(/^[A-Z]{2}$/).nullable().optional(),
    admin1: z.string().trim().min(1).max(200).nullable().optional(),
    admin2: z.string().trim().min(1).max(200).nullable().optional(),
    location: z.string().trim().min(1).max(300).nullable().optional(),
    latitude: z.number().min(-90).max(90).nullable().optional(),
    longitude: z.number().min(-180).max(180).nullable().optional(),
    geoPrecision: z.enum(geoPrecisions).nullable().optional(),
    actors: eventActorsSchema.optional(),
    killed: casualtyCountsSchema.optional(),
    injured: casualtyCountsSchema.optional(),
    weapons: z.array(z.enum(weaponCategories)).max(20).optional(),
    notes: z.string().trim().max(20_000).nullable().optional(),
  })
  .strict();

export const reviewStateSchema = z.enum(reviewStates);

function inferPrecision(date: string | null): "day" | "month" | "year" {
  if (date === null || date.length >= 10) return "day";
  return date.length === 7 ? "month" : "year";
}

/** Parses `value` with `schema` or throws INVALID_INPUT listing every problem at once. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") + ": " : ""}${issue.message}`);
  throw new ArmtraceError("INVALID_INPUT", `invalid ${what}: ${problems.join("; ")}`, { problems });
}
