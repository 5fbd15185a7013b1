/** Public surface of the actors module: the actor registry and its name normalisation. */
export {
  createActorRegistry,
  isAcronymAlias,
  withActorOverrides,
  type ActorAliasForm,
  defaultActorRegistry,
  normalizeActorName,
  resolveAcledActorName,
  shippedActors,
  type ActorContext,
  type ActorRegistry,
} from "./actor-registry.ts";
export type { ActorEntry, ActorKind, ActorContextAlias } from "../codebook/codebook-types.ts";
