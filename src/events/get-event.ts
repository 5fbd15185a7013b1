import { ArmtraceError } from "../errors.ts";
import type { Event, EventMerge, EventVersion } from "./event.ts";
import type { EventDependencies } from "./event-dependencies.ts";

/** One event at its current version (merged ones too, so links to them still resolve). */
export async function getEvent(deps: EventDependencies, id: number): Promise<Event> {
  const event = await deps.events.findById(id);
  if (event === undefined) throw new ArmtraceError("EVENT_NOT_FOUND", `event ${id} does not exist`);
  return event;
}

/** Every version of an event, oldest first, with who changed it, when and why; and the merges it took part in. */
export async function getEventHistory(deps: EventDependencies, id: number): Promise<{ versions: EventVersion[]; merges: EventMerge[] }> {
  await getEvent(deps, id);
  const [versions, merges] = await Promise.all([deps.events.history(id), deps.events.merges(id)]);
  return { versions, merges };
}
