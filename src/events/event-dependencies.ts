import type { ActorRegistry } from "../actors/index.ts";
import type { EventRepository, SourceReliabilityRepository } from "./event-repository.ts";

/** What the event use cases need, passed in by the composition root (CLI, HTTP, tests). */
export interface EventDependencies {
  events: EventRepository;
  /** Current time as an ISO timestamp (injected so tests and imports can fix it). */
  now: () => string;
  /** Resolves actor aliases for filters; without it, actor filters match names as written. */
  actors?: ActorRegistry;
  sourceReliability?: SourceReliabilityRepository;
}
