import { z } from "zod";
import { ArmtraceError } from "../errors.ts";
import type { ChangeAuthor, Event, EventContent, EventSourceLink } from "./event.ts";
import { casualtyTotal } from "./event.ts";
import type { EventDependencies } from "./event-dependencies.ts";
import { eventChangesSchema, eventContentSchema, parseInput, sourceLinkInputSchema } from "./event-input.ts";
import type { EventState } from "./event-repository.ts";
import { withEstimates } from "./event-state.ts";

/** An edit: the version it was made on, the changed fields, optionally source links to add and a best figure. */
export const updateEventInputSchema = z
  .object({
    id: z.number().int().positive(),
    expectedVersion: z.number().int().positive(),
    changes: eventChangesSchema.default({}),
    addSources: z.array(sourceLinkInputSchema).max(200).default([]),
    /** Analyst's best killed / injured figure; null gives the choice back to the rule. */
    fatalitiesBest: z.number().int().min(0).nullable().optional(),
    injuriesBest: z.number().int().min(0).nullable().optional(),
  })
  .strict();
export type UpdateEventInput = z.input<typeof updateEventInputSchema>;

/**
 * Applies an edit as a new version. Refuses with VERSION_CONFLICT when the event moved on since
 * `expectedVersion`, so two reviewers never overwrite each other. Changing a killed/injured category makes
 * the new total the analyst's best figure.
 */
export function updateEvent(deps: EventDependencies, input: UpdateEventInput, author: ChangeAuthor): Event {
  const parsed = parseInput(updateEventInputSchema, input, "event update");
  const at = deps.now();
  return deps.events.write((session) => {
    const current = session.isDeleted(parsed.id) ? undefined : session.current(parsed.id);
    if (current === undefined || current.mergedInto !== null) {
      throw new ArmtraceError("EVENT_NOT_FOUND", current === undefined ? `event ${parsed.id} does not exist` : `event ${parsed.id} was merged into event ${current.mergedInto}; edit that one`);
    }
    const merged: Record<string, unknown> = { ...contentOf(current), ...parsed.changes };
    // A new date without a precision is read at the precision it is written in.
    if (parsed.changes.date !== undefined && parsed.changes.datePrecision === undefined) delete merged.datePrecision;
    const content = parseInput(eventContentSchema, merged, "event update");
    const added: EventSourceLink[] = parsed.addSources.map((link) => ({
      ...link,
      reliability: link.sourceId === null ? null : (session.sourceGrade(link.sourceId) ?? null),
      mergedFromEventId: null,
      addedAt: at,
      addedBy: author.actor,
    }));
    let state: EventState = { ...stateOf(current), ...content, sources: [...current.sources, ...added] };
    if (parsed.changes.killed !== undefined) state.fatalities = { ...state.fatalities, best: casualtyTotal(content.killed), rule: "reviewer" };
    if (parsed.changes.injured !== undefined) state.injuries = { ...state.injuries, best: casualtyTotal(content.injured), rule: "reviewer" };
    if (parsed.fatalitiesBest !== undefined) state.fatalities = { ...state.fatalities, best: parsed.fatalitiesBest, rule: parsed.fatalitiesBest === null ? "none" : "reviewer" };
    if (parsed.injuriesBest !== undefined) state.injuries = { ...state.injuries, best: parsed.injuriesBest, rule: parsed.injuriesBest === null ? "none" : "reviewer" };
    state = withEstimates(state);
    return session.save({ id: current.id, expectedVersion: parsed.expectedVersion, state, change: "update", author, at });
  });
}

/** The editable content of a stored event. */
export function contentOf(event: EventContent): EventContent {
  const { type, date, datePrecision, dateEnd, country, admin1, admin2, location, latitude, longitude, geoPrecision, actors, killed, injured, weapons, notes, acled, gtd } = event;
  return { type, date, datePrecision, dateEnd, country, admin1, admin2, location, latitude, longitude, geoPrecision, actors, killed, injured, weapons, notes, acled, gtd };
}

/** A stored event without its identity and bookkeeping, ready to be changed and saved. */
export function stateOf(event: Event): EventState {
  const { id: _id, version: _version, createdAt: _createdAt, createdBy: _createdBy, updatedAt: _updatedAt, updatedBy: _updatedBy, ...state } = event;
  return state;
}
