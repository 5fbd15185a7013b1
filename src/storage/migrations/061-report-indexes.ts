import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * Covering indexes for the report's scans of a period's events: which events are in scope (review state,
 * dates, live, place) and which sources report them, read from the indexes alone.
 */
export const migration061ReportIndexes: Migration = {
  id: "061-report-indexes",
  async up(db) {
    await sql
      .raw(`CREATE INDEX report_events_scope_idx ON events (review_state, date_first, date_last, merged_into, deleted_at, country, admin1)`)
      .execute(db);
    await sql.raw(`CREATE INDEX report_event_sources_idx ON event_sources (event_id, source_id)`).execute(db);
  },
};
