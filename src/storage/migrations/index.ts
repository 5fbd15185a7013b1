import type { Migration } from "../migrate.ts";
import { migration001Sources } from "./001-sources.ts";
import { migration020Events } from "./020-events.ts";
import { migration021SourceReliability } from "./021-source-reliability.ts";
import { migration022EventDeletions } from "./022-event-deletions.ts";
import { migration023EventMergeVersions } from "./023-event-merge-versions.ts";
import { migration040Tracing } from "./040-tracing.ts";
import { migration060ReportRollups } from "./060-report-rollups.ts";

/** Every migration armtrace knows, in apply order (ids sort the same way). Append only. */
export const migrations: readonly Migration[] = [migration001Sources, migration020Events, migration021SourceReliability, migration022EventDeletions, migration023EventMergeVersions, migration040Tracing, migration060ReportRollups];
