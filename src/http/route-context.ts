import { defaultActorRegistry } from "../actors/index.ts";
import type { EventDependencies } from "../events/index.ts";
import type { SourceLibrary } from "../sources/index.ts";
import type { ArmtraceDatabase } from "../storage/database.ts";
import { EventStore } from "../storage/event-store.ts";
import { SourceReliabilityStore } from "../storage/source-reliability-store.ts";
import { createSourceStore } from "../storage/source-store.ts";

/** What route modules get: the stores and use-case dependencies on one database, built once per server. */
export interface RouteContext {
  database: ArmtraceDatabase;
  sources: SourceLibrary;
  events: EventDependencies;
}

/** Wires every store on the database (the HTTP side of the composition root). */
export function createRouteContext(database: ArmtraceDatabase): RouteContext {
  return {
    database,
    sources: createSourceStore(database),
    events: {
      events: new EventStore(database),
      now: () => new Date().toISOString(),
      actors: defaultActorRegistry(),
      sourceReliability: new SourceReliabilityStore(database),
    },
  };
}
