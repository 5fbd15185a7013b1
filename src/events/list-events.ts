import { z } from "zod";
import { actorKey } from "./actor-key.ts";
import { eventTypes, reviewStates } from "./event.ts";
import type { EventDependencies } from "./event-dependencies.ts";
import { parseInput } from "./event-input.ts";
import { eventCountModes, eventSorts, type EventPage, type EventQuery } from "./event-query.ts";

const isoDate = z.string().regex(/^\d{4}(-\d{2}){0,2}$/, "a date as YYYY, YYYY-MM or YYYY-MM-DD");
const count = z.coerce.number().int().min(0);

/** Filters, sort and page as a client sends them (strings from a URL or the CLI are coerced). */
export const listEventsInputSchema = z
  .object({
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
    country: z.string().regex(/^[A-Za-z]{2}$/).transform((value) => value.toUpperCase()).optional(),
    admin1: z.string().trim().min(1).max(200).optional(),
    admin2: z.string().trim().min(1).max(200).optional(),
    type: z.enum(eventTypes).optional(),
    /** An actor's name or any alias the registry knows. */
    actor: z.string().trim().min(1).max(300).optional(),
    fatalitiesMin: count.optional(),
    fatalitiesMax: count.optional(),
    injuriesMin: count.optional(),
    injuriesMax: count.optional(),
    reviewState: z.enum(reviewStates).optional(),
    sourceId: z.coerce.number().int().positive().optional(),
    text: z.string().trim().min(1).max(500).optional(),
    acledEventId: z.string().trim().min(1).max(100).optional(),
    includeMerged: z.boolean().optional(),
    sort: z.enum(eventSorts).default("-date"),
    limit: z.coerce.number().int().min(1).max(10_000).default(50),
    offset: z.coerce.number().int().min(0).default(0),
    /** `exact` counts every match; the default counts up to 1,000 (countCap) and flags a larger total as a lower bound. */
    count: z.enum(eventCountModes).default("capped"),
  })
  .strict();
export type ListEventsInput = z.input<typeof listEventsInputSchema>;

/** The one way to list events: validates filters, expands an actor alias to its canonical name, pages. */
export async function listEvents(deps: EventDependencies, input: ListEventsInput = {}): Promise<EventPage> {
  const { actor, ...rest } = parseInput(listEventsInputSchema, input, "event filter");
  const query: EventQuery = { ...rest };
  if (actor !== undefined) query.actorKeys = actorKeysFor(deps, actor);
  return deps.events.query(query);
}

/** The stored-name keys an actor filter matches: the name as typed and the canonical name it resolves to. */
export function actorKeysFor(deps: EventDependencies, actor: string): string[] {
  const keys = new Set([actorKey(actor)]);
  const resolved = deps.actors?.resolve(actor);
  if (resolved !== undefined) keys.add(actorKey(resolved.name));
  for (const candidate of deps.actors?.candidates(actor) ?? []) keys.add(actorKey(candidate.name));
  return [...keys];
}
