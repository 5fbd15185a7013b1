import { z } from "zod";
import type { Event, EventContent } from "../event.ts";
import { bestRules } from "../event.ts";
import { casualtyCountsSchema, eventContentSchema, evidenceSpanSchema, reviewStateSchema } from "../event-input.ts";
import type { RowOutcome } from "./imported-event.ts";

/**
 * armtrace's own JSON Lines: one complete Event per line, exactly as the API returns it. Importing it back
 * keeps ids, versions, authorship, review state, estimates and every source link with its figures.
 */

const estimateSchema = z
  .object({ low: z.number().int().min(0).nullable(), best: z.number().int().min(0).nullable(), high: z.number().int().min(0).nullable(), rule: z.enum(bestRules) })
  .strict();

const gradeSchema = z
  .object({ source: z.enum(["A", "B", "C", "D", "E", "F"]), information: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]) })
  .strict();

const storedLinkSchema = z
  .object({
    sourceId: z.number().int().positive().nullable(),
    citation: z.string().nullable(),
    killed: casualtyCountsSchema,
    injured: casualtyCountsSchema,
    evidence: z.array(evidenceSpanSchema),
    reliability: gradeSchema.nullable(),
    mergedFromEventId: z.number().int().positive().nullable(),
    addedAt: z.string().min(1),
    addedBy: z.string().min(1),
  })
  .strict();

const timestamp = z.string().min(1).max(100);

/** A complete stored event as exported. */
export const storedEventSchema = z
  .object({
    id: z.number().int().positive(),
    version: z.number().int().positive(),
    reviewState: reviewStateSchema,
    fatalities: estimateSchema,
    injuries: estimateSchema,
    sources: z.array(storedLinkSchema),
    mergedInto: z.number().int().positive().nullable(),
    createdAt: timestamp,
    createdBy: z.string().min(1),
    updatedAt: timestamp,
    updatedBy: z.string().min(1),
  })
  .catchall(z.unknown());

/** One event as one line of JSON. */
export function eventToJsonLine(event: Event): string {
  return JSON.stringify(event);
}

/** Reads one line of our JSON Lines export. */
export function convertJsonLine(line: string): RowOutcome {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { kind: "invalid", problems: [`not JSON: ${(error as Error).message}`] };
  }
  const stored = storedEventSchema.safeParse(value);
  if (!stored.success) return { kind: "invalid", problems: stored.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) };
  const { id, version, reviewState, fatalities, injuries, sources, mergedInto, createdAt, createdBy, updatedAt, updatedBy, ...rest } = stored.data;
  const content = eventContentSchema.safeParse(rest);
  if (!content.success) return { kind: "invalid", problems: content.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) };
  return {
    kind: "event",
    event: {
      key: { kind: "armtrace", id },
      state: { ...(content.data as EventContent), reviewState, fatalities, injuries, sources, mergedInto },
      preserve: { id, version, createdAt, createdBy, updatedAt, updatedBy },
    },
  };
}
