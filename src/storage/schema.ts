import type { EventTables } from "./tables/events.ts";
import type { ReportTables } from "./tables/reports.ts";
import type { ClaimTables } from "./tables/claims.ts";
import type { SourceTables } from "./tables/sources.ts";
import type { TracingTables } from "./tables/tracing.ts";

/** Every table armtrace stores, as Kysely sees them; each domain declares its own in ./tables. */
export interface Database extends SourceTables, ClaimTables, EventTables, TracingTables, ReportTables {}
