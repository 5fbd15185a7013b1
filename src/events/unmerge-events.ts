import { z } from "zod";
import { ArmtraceError } from "../errors.ts";
import type { ChangeAuthor, Event } from "./event.ts";
import type { EventDependencies } from "./event-dependencies.ts";
import { parseInput } from "./event-input.ts";
import { withEstimates } from "./event-state.ts";
import { stateOf } from "./update-event.ts";

export const unmergeEventsInputSchema = z
  .object({
    /** The event that was absorbed by a merge. */
    absorbedId: z.number().int().positive(),
    reason: z.string().trim().min(1).max(5000).optional(),
  })
  .strict();
export type UnmergeEventsInput = z.input<typeof unmergeEventsInputSchema>;

/**
 * Undoes a merge. The absorbed event comes back exactly as it was before the merge. The survivor comes back
 * exactly as before too when nobody edited it since the merge; otherwise it keeps those edits and only
 * loses the source links the merge brought, with low/best/high recomputed. Both changes are new versions.
 */
export function unmergeEvents(deps: EventDependencies, input: UnmergeEventsInput, author: ChangeAuthor): { survivor: Event; restored: Event } {
  const parsed = parseInput(unmergeEventsInputSchema, input, "unmerge");
  const at = deps.now();
  const change = { actor: author.actor, reason: parsed.reason ?? author.reason ?? null };
  return deps.events.write((session) => {
    const merge = session.activeMergeOf(parsed.absorbedId);
    if (merge === undefined) throw new ArmtraceError("CONFLICT", `event ${parsed.absorbedId} is not merged into another event`);
    const survivor = session.current(merge.survivorId) as Event;
    const absorbed = session.current(merge.absorbedId) as Event;
    const absorbedBefore = merge.absorbedVersion === null ? undefined : session.snapshot(absorbed.id, merge.absorbedVersion - 1);
    const survivorBefore =
      merge.survivorVersion !== null && survivor.version === merge.survivorVersion ? session.snapshot(survivor.id, merge.survivorVersion - 1) : undefined;
    const survivorState = survivorBefore
      ? { ...stateOf(survivorBefore), mergedInto: survivor.mergedInto }
      : withEstimates({ ...stateOf(survivor), sources: survivor.sources.filter((link) => link.mergedFromEventId !== absorbed.id) });
    const savedSurvivor = session.save({ id: survivor.id, expectedVersion: survivor.version, state: survivorState, change: "unmerge", author: change, at });
    const restoredState = absorbedBefore ? stateOf(absorbedBefore) : stateOf(absorbed);
    const restored = session.save({
      id: absorbed.id,
      expectedVersion: absorbed.version,
      state: { ...restoredState, mergedInto: null },
      change: "unmerge",
      author: change,
      at,
    });
    session.markMergeUndone(merge.id, change, at);
    return { survivor: savedSurvivor, restored };
  });
}
