import { z } from "zod";
import { ArmtraceError } from "../errors.ts";
import type { ChangeAuthor } from "./event.ts";
import type { EventDependencies } from "./event-dependencies.ts";
import { parseInput } from "./event-input.ts";

export const keepEventsApartInputSchema = z
  .object({ firstId: z.number().int().positive(), secondId: z.number().int().positive(), reason: z.string().trim().min(1).max(5000).optional() })
  .strict()
  .refine((input) => input.firstId !== input.secondId, { message: "an event is always the same as itself" });
export type KeepEventsApartInput = z.input<typeof keepEventsApartInputSchema>;

/** Records an analyst's decision that two proposed duplicates are different incidents; they are not proposed again. */
export function keepEventsApart(deps: EventDependencies, input: KeepEventsApartInput, author: ChangeAuthor): void {
  const parsed = parseInput(keepEventsApartInputSchema, input, "decision");
  const at = deps.now();
  deps.events.write((session) => {
    for (const id of [parsed.firstId, parsed.secondId]) {
      if (session.current(id) === undefined) throw new ArmtraceError("EVENT_NOT_FOUND", `event ${id} does not exist`);
    }
    session.recordDistinctPair(parsed.firstId, parsed.secondId, { actor: author.actor, reason: parsed.reason ?? author.reason ?? null }, at);
  });
}
