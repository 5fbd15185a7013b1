import { normalizeActorName } from "../actors/index.ts";

/**
 * The folded form of an actor name that actor filters match on: the registry's normalisation, so
 * "Tehreek-e-Taliban" and "tehreek e taliban" meet.
 */
export function actorKey(name: string): string {
  return normalizeActorName(name);
}
