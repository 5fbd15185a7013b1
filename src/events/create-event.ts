import { z } from "zod";
import type { ChangeAuthor, Event, EventSourceLink } from "./event.ts";
import type { EventDependencies } from "./event-dependencies.ts";
import { eventContentSchema, parseInput, reviewStateSchema, sourceLinkInputSchema } from "./event-input.ts";
import { withEstimates } from "./event-state.ts";

/** A new event: its content, the sources that report it (with their own figures) and its review state. */
export const createEventInputSchema = z
  .object({
    event: eventContentSchema,
    sources: z.array(sourceLinkInputSchema).max(200).default([]),
    reviewState: reviewStateSchema.default("candidate"),
  })
  .strict();
export type CreateEventInput = z.input<typeof createEventInputSchema>;

/** Creates an event at version 1, computing its low/best/high from the sources' figures. */
export function createEvent(deps: EventDependencies, input: CreateEventInput, author: ChangeAuthor): Event {
  const parsed = parseInput(createEventInputSchema, input, "event");
  const at = deps.now();
  return deps.events.write((session) => {
    const sources: EventSourceLink[] = parsed.sources.map((link) => ({
      ...link,
      reliability: link.sourceId === null ? null : (session.sourceGrade(link.sourceId) ?? null),
      mergedFromEventId: null,
      addedAt: at,
      addedBy: author.actor,
    }));
    const state = withEstimates({
      ...parsed.event,
      reviewState: parsed.reviewState,
      sources,
      mergedInto: null,
      fatalities: { low: null, best: null, high: null, rule: "none" },
      injuries: { low: null, best: null, high: null, rule: "none" },
    });
    return session.save({ id: null, expectedVersion: null, state, change: "create", author, at });
  });
}
