import type { Migration } from "../migrate.ts";
import { migration001Sources } from "./001-sources.ts";
import { migration010Claims } from "./010-claims.ts";
import { migration020Events } from "./020-events.ts";
import { migration021SourceReliability } from "./021-source-reliability.ts";
import { migration022EventDeletions } from "./022-event-deletions.ts";
import { migration023EventMergeVersions } from "./023-event-merge-versions.ts";
import { migration024EventQueryIndexes } from "./024-event-query-indexes.ts";
import { migration025EventActorDates } from "./025-event-actor-dates.ts";
import { migration026EventActorDateLast } from "./026-event-actor-date-last.ts";
import { migration027EventLiveIndexes } from "./027-event-live-indexes.ts";
import { migration028CompactAcledCoding } from "./028-compact-acled-coding.ts";
import { migration040Tracing } from "./040-tracing.ts";
import { migration060ReportRollups } from "./060-report-rollups.ts";
import { migration061ReportIndexes } from "./061-report-indexes.ts";
import { migration062ReportSourceSets } from "./062-report-source-sets.ts";
import { migration063ReportEdgeIndex } from "./063-report-edge-index.ts";
import { migration064ReportCoarseRollups } from "./064-report-coarse-rollups.ts";
import { migration065ReportActorIndex } from "./065-report-actor-index.ts";

/** Every migration armtrace knows, in apply order (ids sort the same way). Append only. */
export const migrations: readonly Migration[] = [
  migration001Sources,
  migration010Claims,
  migration020Events,
  migration021SourceReliability,
  migration022EventDeletions,
  migration023EventMergeVersions,
  migration024EventQueryIndexes,
  migration025EventActorDates,
  migration026EventActorDateLast,
  migration027EventLiveIndexes,
  migration028CompactAcledCoding,
  migration040Tracing,
  migration060ReportRollups,
  migration061ReportIndexes,
  migration062ReportSourceSets,
  migration063ReportEdgeIndex,
  migration064ReportCoarseRollups,
  migration065ReportActorIndex,
];
