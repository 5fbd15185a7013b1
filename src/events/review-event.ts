import { z } from "zod";
import { ArmtraceError } from "../errors.ts";
import type { ChangeAuthor, Event } from "./event.ts";
import type { EventDependencies } from "./event-dependencies.ts";
import { parseInput, reviewStateSchema } from "./event-input.ts";
import { stateOf } from "./update-event.ts";

export const reviewEventInputSchema = z
  .object({
    id: z.number().int().positive(),
    state: reviewStateSchema,
    /** The version the reviewer looked at; omitted, the current one. */
    expectedVersion: z.number().int().positive().optional(),
    reason: z.string().trim().min(1).max(5000).optional(),
  })
  .strict()
  .refine((input) => input.state !== "rejected" || input.reason !== undefined, { message: "rejecting an event needs a reason", path: ["reason"] });
export type ReviewEventInput = z.input<typeof reviewEventInputSchema>;

/** Moves an event to candidate, confirmed or rejected as a new version, with the reviewer's reason. */
export function reviewEvent(deps: EventDependencies, input: ReviewEventInput, author: ChangeAuthor): Event {
  const parsed = parseInput(reviewEventInputSchema, input, "review");
  const at = deps.now();
  return deps.events.write((session) => {
    const current = session.isDeleted(parsed.id) ? undefined : session.current(parsed.id);
    if (current === undefined) throw new ArmtraceError("EVENT_NOT_FOUND", `event ${parsed.id} does not exist`);
    if (current.mergedInto !== null) throw new ArmtraceError("CONFLICT", `event ${parsed.id} was merged into event ${current.mergedInto}; review that one`);
    return session.save({
      id: current.id,
      expectedVersion: parsed.expectedVersion ?? current.version,
      state: { ...stateOf(current), reviewState: parsed.state },
      change: "review",
      author: { actor: author.actor, reason: parsed.reason ?? author.reason ?? null },
      at,
    });
  });
}
