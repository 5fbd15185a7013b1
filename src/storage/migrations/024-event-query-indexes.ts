import { sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * Indexes shaped after the list filters: each leads with one filter column and then the start date, and
 * carries the columns that hide merged and deleted events, so a filtered count reads the index alone.
 */
export const migration024EventQueryIndexes: Migration = {
  id: "024-event-query-indexes",
  async up(db) {
    for (const name of ["events_date_idx", "events_place_idx", "events_admin2_idx", "events_type_date_idx", "events_review_idx", "events_merged_idx"]) {
      await sql.raw(`DROP INDEX IF EXISTS ${name}`).execute(db);
    }
    const live = "merged_into, deleted_at";
    await sql.raw(`CREATE INDEX events_date_idx ON events (date_first, date_last, ${live})`).execute(db);
    await sql.raw(`CREATE INDEX events_country_date_idx ON events (country, date_first, date_last, ${live})`).execute(db);
    await sql.raw(`CREATE INDEX events_admin1_date_idx ON events (admin1, type, date_first, date_last, ${live})`).execute(db);
    await sql.raw(`CREATE INDEX events_admin2_date_idx ON events (admin2, date_first, date_last, ${live})`).execute(db);
    await sql.raw(`CREATE INDEX events_type_date_idx ON events (type, date_first, date_last, ${live})`).execute(db);
    await sql.raw(`CREATE INDEX events_review_date_idx ON events (review_state, date_first, ${live})`).execute(db);
    await sql.raw(`CREATE INDEX events_merged_idx ON events (merged_into) WHERE merged_into IS NOT NULL`).execute(db);
  },
};
