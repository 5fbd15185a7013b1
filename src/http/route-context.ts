import { createServices, type Services } from "../app.ts";
import type { ArmtraceDatabase } from "../storage/database.ts";

/** What route modules get: the services of the composition root (src/app.ts), built once per server. */
export type RouteContext = Services;

/** The HTTP side of the composition root: the same wiring the CLI uses. */
export function createRouteContext(database: ArmtraceDatabase): RouteContext {
  return createServices(database);
}
