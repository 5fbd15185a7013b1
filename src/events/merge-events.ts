import { z } from "zod";
import { ArmtraceError } from "../errors.ts";
import type { ChangeAuthor, Event, EventSourceLink } from "./event.ts";
import type { EventDependencies } from "./event-dependencies.ts";
import { parseInput } from "./event-input.ts";
import type { EventState, EventWriteSession } from "./event-repository.ts";
import { withEstimates } from "./event-state.ts";
import { stateOf } from "./update-event.ts";

export const mergeEventsInputSchema = z
  .object({
    survivorId: z.number().int().positive(),
    absorbedId: z.number().int().positive(),
    survivorVersion: z.number().int().positive().optional(),
    absorbedVersion: z.number().int().positive().optional(),
    reason: z.string().trim().min(1).max(5000).optional(),
  })
  .strict()
  .refine((input) => input.survivorId !== input.absorbedId, { message: "cannot merge an event into itself" });
export type MergeEventsInput = z.input<typeof mergeEventsInputSchema>;

export interface MergeResult {
  survivor: Event;
  absorbed: Event;
  mergeId: number;
}

/**
 * Merges two reports of one incident. The survivor keeps its own fields, takes what it lacks from the
 * absorbed event (place, coordinates, categories it had no figure for), the union of actors and weapons, and
 * every source link with that source's own figures; low/best/high are recomputed over all of them. The
 * absorbed event is kept, hidden, pointing at the survivor, so `unmergeEvents` can restore it.
 */
export function mergeEvents(deps: EventDependencies, input: MergeEventsInput, author: ChangeAuthor): MergeResult {
  const parsed = parseInput(mergeEventsInputSchema, input, "merge");
  const at = deps.now();
  const change = { actor: author.actor, reason: parsed.reason ?? author.reason ?? null };
  return deps.events.write((session) => {
    const survivor = liveEvent(session, parsed.survivorId);
    const absorbed = liveEvent(session, parsed.absorbedId);
    const moved: EventSourceLink[] = absorbed.sources.map((link) => ({ ...link, mergedFromEventId: absorbed.id }));
    const merged: EventState = withEstimates({
      ...stateOf(survivor),
      admin1: survivor.admin1 ?? absorbed.admin1,
      admin2: survivor.admin2 ?? absorbed.admin2,
      location: survivor.location ?? absorbed.location,
      ...(survivor.latitude === null
        ? { latitude: absorbed.latitude, longitude: absorbed.longitude, geoPrecision: absorbed.geoPrecision }
        : {}),
      actors: {
        perpetrators: union(survivor.actors.perpetrators, absorbed.actors.perpetrators),
        targets: union(survivor.actors.targets, absorbed.actors.targets),
        associated: union(survivor.actors.associated, absorbed.actors.associated),
      },
      killed: fillNulls(survivor.killed, absorbed.killed),
      injured: fillNulls(survivor.injured, absorbed.injured),
      weapons: union(survivor.weapons, absorbed.weapons),
      notes: mergeNotes(survivor.notes, absorbed.notes),
      sources: [...survivor.sources, ...moved],
    });
    const savedSurvivor = session.save({
      id: survivor.id,
      expectedVersion: parsed.survivorVersion ?? survivor.version,
      state: merged,
      change: "merge",
      author: change,
      at,
    });
    const savedAbsorbed = session.save({
      id: absorbed.id,
      expectedVersion: parsed.absorbedVersion ?? absorbed.version,
      state: { ...stateOf(absorbed), mergedInto: survivor.id },
      change: "merge",
      author: change,
      at,
    });
    const mergeId = session.recordMerge({ survivor: savedSurvivor, absorbed: savedAbsorbed }, change, at);
    return { survivor: savedSurvivor, absorbed: savedAbsorbed, mergeId };
  });
}

function liveEvent(session: EventWriteSession, id: number): Event {
  const event = session.isDeleted(id) ? undefined : session.current(id);
  if (event === undefined) throw new ArmtraceError("EVENT_NOT_FOUND", `event ${id} does not exist`);
  if (event.mergedInto !== null) throw new ArmtraceError("CONFLICT", `event ${id} is already merged into event ${event.mergedInto}`);
  return event;
}

function union<T>(first: readonly T[], second: readonly T[]): T[] {
  return [...new Set([...first, ...second])];
}

function fillNulls<T extends Record<string, number | null>>(first: T, second: T): T {
  const result = { ...first };
  for (const key of Object.keys(result) as Array<keyof T>) {
    if (result[key] === null) result[key] = second[key];
  }
  return result;
}

function mergeNotes(first: string | null, second: string | null): string | null {
  if (first === null || second === null || first === second) return first ?? second;
  return `${first}\n\n${second}`;
}
